import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adoptCourseCluster } from '../../../../src/grader/cluster/kind/course-env.ts';
import { writeState } from '../../../../src/local-cluster/state.ts';

/** A cluster:up state in a cache of its own, with a listening socket for its engine when `socket`. */
async function cache(opts: { socket: boolean; kind: boolean }) {
  const root = mkdtempSync(join(tmpdir(), 'course-env-'));
  const bin = join(root, 'bin');
  mkdirSync(bin);
  if (opts.kind) writeFileSync(join(bin, 'kind'), '#!/bin/sh\n', { mode: 0o755 });
  const sock = join(root, 'docker.sock');
  if (opts.socket) await new Promise<void>((r) => createServer().listen(sock, () => r()).unref());
  writeState(join(root, 'state.json'), { cluster: 'k8s-storage-course', nodeImage: 'k8s-storage-course/node:v1.35.4-abc', dockerHost: `unix://${sock}`, bin, kubeconfig: '/k', kindVersion: 'v0.31.0', kubernetesVersion: 'v1.35.4', upAt: '2026-12-06T00:00:00Z' });
  return { root, bin, sock };
}

describe('adoptCourseCluster', () => {
  it('gives a plain shell the course engine and its kind, as cluster:env would', async () => {
    const c = await cache({ socket: true, kind: true });
    const env: Record<string, string | undefined> = { K8S_STORAGE_COURSE_CLUSTER_CACHE: c.root, PATH: '/usr/bin:/bin' };
    expect(adoptCourseCluster(env)).toHaveLength(2);
    expect(env.DOCKER_HOST).toBe(`unix://${c.sock}`);
    expect(env.PATH!.startsWith(`${c.bin}:`)).toBe(true);
  });

  it('changes nothing the caller set, and names no engine whose socket is gone', async () => {
    const c = await cache({ socket: false, kind: true });
    const env: Record<string, string | undefined> = { K8S_STORAGE_COURSE_CLUSTER_CACHE: c.root, PATH: `${c.bin}:/usr/bin`, DOCKER_HOST: 'unix:///var/run/docker.sock' };
    expect(adoptCourseCluster(env)).toEqual([]);
    expect(env.DOCKER_HOST).toBe('unix:///var/run/docker.sock');
    const bare: Record<string, string | undefined> = { K8S_STORAGE_COURSE_CLUSTER_CACHE: c.root, PATH: `${c.bin}:/usr/bin` };
    adoptCourseCluster(bare);
    expect(bare.DOCKER_HOST, 'the course engine is down: no DOCKER_HOST pointing at nothing').toBeUndefined();
  });

  it('does nothing without a cluster:up state', () => {
    const env: Record<string, string | undefined> = { K8S_STORAGE_COURSE_CLUSTER_CACHE: mkdtempSync(join(tmpdir(), 'none-')), PATH: '/usr/bin' };
    expect(adoptCourseCluster(env)).toEqual([]);
    expect(env).toEqual({ K8S_STORAGE_COURSE_CLUSTER_CACHE: env.K8S_STORAGE_COURSE_CLUSTER_CACHE, PATH: '/usr/bin' });
  });
});
