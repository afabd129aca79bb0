/**
 * What `eval "$(npm run -s cluster:env)"` sets, taken from the state of `npm run cluster:up` for a
 * shell that did not run it: the course engine's DOCKER_HOST (when the caller named no engine and
 * that engine's socket is there) and the kind and kubectl built here (when PATH has no kind). So a
 * plain `npm run grade -- lesson-1 --cluster kind` after cluster:up talks to the course cluster,
 * never to another engine where that cluster does not exist. The node image is node-image.ts's.
 * Contract: only unset things are filled in; nothing the caller set is changed.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { clusterPaths } from '../../../local-cluster/paths.ts';
import { readState } from '../../../local-cluster/state.ts';

/** Fills env (process.env by default) from the cluster:up state; returns what it set, for --trace. */
export function adoptCourseCluster(env: Record<string, string | undefined> = process.env): string[] {
  const state = readState(clusterPaths(env).state);
  if (!state) return [];
  const set: string[] = [];
  const socket = state.dockerHost?.replace(/^unix:\/\//, '');
  if (!env.DOCKER_HOST && state.dockerHost && socket && existsSync(socket)) {
    env.DOCKER_HOST = state.dockerHost;
    set.push(`DOCKER_HOST=${state.dockerHost}`);
  }
  const hasKind = (env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, 'kind')));
  if (!hasKind && existsSync(join(state.bin, 'kind'))) {
    env.PATH = `${state.bin}${delimiter}${env.PATH ?? ''}`;
    set.push(`PATH=${state.bin}:…`);
  }
  return set;
}
