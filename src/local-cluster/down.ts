/**
 * `npm run cluster:down`: deletes the course cluster (and throwaway clusters an interrupted
 * --fresh run left) with the grader's own code, the kind network when nothing uses it and the
 * firewall rule for its bridge, then stops the course's own engine (engine.ts). Only the course
 * engine is ever talked to: the user's own engine, images and clusters are not touched. The build
 * cache stays unless --purge, which also removes the course engine's data root (its images).
 * Idempotent: a second run finds nothing and says so.
 * Exit codes: 0 done, 3 something could not be removed.
 */
import { existsSync, rmSync } from 'node:fs';
import { execa } from 'execa';
import { fill } from '../i18n/lang.ts';
import { deleteCourseCluster, isCourseCluster } from '../grader/cluster/kind/kind-cluster.ts';
import { listClusters } from '../grader/cluster/kind/lifecycle.ts';
import { createExecaRunner } from '../grader/exec/runner.ts';
import { enginePaths, findOnPath, forwardRule, KIND_BRIDGE, ownEnginePid, probeEngine } from './engine.ts';
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
  /** The course bridge is gone (or was never made), so its firewall rule may go too. */
  let bridgeGone = true;
  const engineAt = enginePaths(o.env);
  process.env.DOCKER_HOST = engineAt.host;
  const engine = (await probeEngine(engineAt.host)).state === 'ok';
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
    bridgeGone = net.remove || net.why === 'absent';
    if (net.remove) {
      say(`… ${msg.downNetwork[lang]}`);
      const r = await execa('docker', ['network', 'rm', KIND_NETWORK], { reject: false });
      if (r.exitCode !== 0) {
        failed = true;
        bridgeGone = false;
        say(`✗ ${r.stderr.trim()}`);
      }
    } else if (net.why === 'in-use') {
      say(fill(msg.downNetworkInUse, { containers: net.containers.join(', ') })[lang]);
    } else if (net.why === 'unknown') {
      say(fill(msg.downNetworkUnknown, { detail: net.detail })[lang]);
    }
  } else {
    say(msg.downNothing[lang]);
  }
  if (bridgeGone && findOnPath('iptables') && (await execa('iptables', ['-C', ...forwardRule()], { reject: false })).exitCode === 0) {
    say(`… ${fill(msg.downForward, { bridge: KIND_BRIDGE })[lang]}`);
    const r = await execa('iptables', ['-D', ...forwardRule()], { reject: false });
    if (r.exitCode !== 0) {
      failed = true;
      say(`✗ ${r.stderr.trim()}`);
    }
  }
  const pid = ownEnginePid(engineAt);
  if (pid) {
    say(`… ${msg.downEngine[lang]}`);
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && ownEnginePid(engineAt)) await new Promise((r) => setTimeout(r, 300));
    if (ownEnginePid(engineAt)) {
      failed = true;
      say(`✗ dockerd (pid ${pid})`);
    }
  }
  clearState(paths.state);
  if (o.purge) {
    say(`… ${fill(msg.downPurge, { dir: `${paths.root}, ${engineAt.data}` })[lang]}`);
    if (ownEnginePid(engineAt)) failed = true;
    else rmSync(engineAt.data, { recursive: true, force: true });
    rmSync(paths.root, { recursive: true, force: true });
  }
  if (failed) return 3;
  say(msg.downDone[lang]);
  if (!o.purge) say(fill(msg.downKept, { dir: paths.root })[lang]);
  else say(fill(msg.downPurgeLeft, { caches: await goCaches() })[lang]);
  return 0;
}

/** Where Go keeps its module and build caches (`go env`), which --purge leaves: they are Go's, shared with any other Go work. */
async function goCaches(): Promise<string> {
  const r = await execa('go', ['env', 'GOMODCACHE', 'GOCACHE'], { reject: false }).catch(() => undefined);
  const dirs = r && r.exitCode === 0 ? r.stdout.split('\n').map((l) => l.trim()).filter(Boolean) : [];
  return dirs.length ? dirs.join(', ') : 'GOMODCACHE, GOCACHE';
}
