/**
 * `npm run cluster:down`: deletes the course cluster (and throwaway clusters an interrupted
 * --fresh run left) with the grader's own code, the kind network when nothing uses it, and the
 * Docker engine if cluster:up started it. The build cache stays unless --purge, which also removes
 * the images built from it. Idempotent: a second run finds nothing and says so.
 * Exit codes: 0 done, 3 something could not be removed.
 */
import { existsSync, rmSync } from 'node:fs';
import { execa } from 'execa';
import { fill } from '../i18n/lang.ts';
import { deleteCourseCluster, isCourseCluster } from '../grader/cluster/kind/kind-cluster.ts';
import { listClusters } from '../grader/cluster/kind/lifecycle.ts';
import { createExecaRunner } from '../grader/exec/runner.ts';
import { engineAnswers, ownEnginePid } from './host.ts';
import { KIND_NETWORK, kindNetworkDecision } from './kind-network.ts';
import { msg } from './messages.ts';
import { clusterPaths } from './paths.ts';
import type { ProgressIo } from './run-steps.ts';
import { clearState, readState } from './state.ts';

export interface DownOptions {
  io: ProgressIo & { out: { write(text: string): unknown } };
  env: Record<string, string | undefined>;
  purge: boolean;
}

export async function clusterDown(o: DownOptions): Promise<number> {
  const { lang } = o.io;
  const say = (line: string) => o.io.err.write(`${line}\n`);
  const paths = clusterPaths(o.env);
  const state = readState(paths.state);
  if (state) process.env.PATH = `${state.bin}:${process.env.PATH ?? ''}`;
  else if (existsSync(paths.bin)) process.env.PATH = `${paths.bin}:${process.env.PATH ?? ''}`;
  let failed = false;
  const engine = (await engineAnswers()).ok;
  if (engine) {
    const runner = createExecaRunner();
    const clusters = (await listClusters(runner).catch(() => [])).filter(isCourseCluster);
    if (clusters.length === 0) say(msg.downNothing[lang]);
    for (const name of clusters) say(`… ${fill(msg.downDeleting, { name })[lang]}`);
    if (clusters.length > 0) {
      try {
        await deleteCourseCluster();
        say(`✓ ${clusters.join(', ')}`);
      } catch (err) {
        failed = true;
        say(`✗ ${(err as Error).message}`);
      }
    }
    const net = await kindNetworkDecision(runner);
    if (net.remove) {
      say(`… ${msg.downNetwork[lang]}`);
      const r = await execa('docker', ['network', 'rm', KIND_NETWORK], { reject: false });
      if (r.exitCode !== 0) {
        failed = true;
        say(`✗ ${r.stderr.trim()}`);
      }
    } else if (net.why === 'in-use') {
      say(fill(msg.downNetworkInUse, { containers: net.containers.join(', ') })[lang]);
    } else if (net.why === 'unknown') {
      say(fill(msg.downNetworkUnknown, { detail: net.detail })[lang]);
    }
    if (o.purge) {
      say(`… ${fill(msg.downPurge, { dir: paths.root })[lang]}`);
      const ids = (await execa('docker', ['image', 'ls', '-q', '--filter', 'label=org.opencontainers.image.vendor=k8s-storage-course'], { reject: false })).stdout.split('\n').filter(Boolean);
      if (ids.length > 0) await execa('docker', ['image', 'rm', '-f', ...new Set(ids)], { reject: false });
      await execa('docker', ['image', 'prune', '-f', '--filter', 'label=org.opencontainers.image.vendor=k8s-storage-course'], { reject: false });
    }
  } else {
    say(msg.downNothing[lang]);
  }
  const pid = ownEnginePid(paths.root);
  if (pid) {
    say(`… ${msg.downEngine[lang]}`);
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && ownEnginePid(paths.root)) await new Promise((r) => setTimeout(r, 300));
    if (ownEnginePid(paths.root)) {
      failed = true;
      say(`✗ dockerd (pid ${pid})`);
    }
  }
  clearState(paths.state);
  if (o.purge) rmSync(paths.root, { recursive: true, force: true });
  if (failed) return 3;
  say(msg.downDone[lang]);
  if (!o.purge) say(fill(msg.downKept, { dir: paths.root })[lang]);
  return 0;
}
