/**
 * A handful of hostile submissions through the real `npm run grade` command on the real cluster:
 * each still ends with the exit code and the clear message the corpus expects (in both languages),
 * never a crash, and leaves nothing behind: after the last case the cluster holds no run namespace,
 * no volume of a run's claims, no run-labelled PersistentVolume or StorageClass, no node label of
 * a run, no node directory of a run, nothing local-path provisioned for a run's claims. Other suites may run at the same time: only runs of the CLI are looked at. (Each of these cases needs the cluster: it fails only once the Pods are running.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_IMAGE_ENV } from '../../src/grader/cluster/kind/config.ts';
import { folderCases } from '../hostile/corpus.ts';
import { crashMarks, runCli } from '../hostile/run-cli.ts';
import { useCluster } from './harness.ts';

const cluster = useCluster();
/** Cases that fail on the cluster, and refusals that must come before anything reaches it (the escapes of a kind node). */
const CASES = ['l1-crash-at-start', 'l1-image-does-not-exist', 'l1-image-registry-unreachable', 'l4-claim-never-binds', 'l6-never-ready', 'l1-privileged', 'l1-hostpath-kind-dir', 'l2-hostnetwork', 'l2-hostpath-below-own', 'l5-class-node-path'];

/** A run of `npm run grade` (run ids `lesson-N-...`); the other suites' runs (`ct-...`, demos) may still be going on. */
const CLI_RUN = /^lesson-/;

/**
 * What CLI runs left in the cluster: run namespaces, volumes of their claims, their run-labelled
 * PersistentVolumes and StorageClasses, node labels (run-scoped keys `storage-course/<key>.<runId>`,
 * or an unscoped one) and node directories (`/var/local/<dir>.<runId>`) on the workers.
 */
function leftovers(): string[] {
  const kubectl = (...args: string[]) => JSON.parse(execFileSync(`${cluster.bin}/kubectl`, ['--kubeconfig', cluster.kubeconfig!, ...args, '-o', 'json'], { encoding: 'utf8' })).items as any[];
  const ours = (run: string | undefined) => run !== undefined && CLI_RUN.test(run);
  const found: string[] = [];
  for (const ns of kubectl('get', 'namespaces', '-l', 'storage-course/run')) if (ours(ns.metadata.labels['storage-course/run'])) found.push(`namespace ${ns.metadata.name} (${ns.status?.phase})`);
  for (const pv of kubectl('get', 'persistentvolumes')) {
    if (ours(pv.metadata.labels?.['storage-course/run']) || /^course-lesson-/.test(pv.spec?.claimRef?.namespace ?? '')) found.push(`persistentvolume ${pv.metadata.name} (${pv.status?.phase}, claim ${pv.spec?.claimRef?.namespace}/${pv.spec?.claimRef?.name})`);
  }
  for (const sc of kubectl('get', 'storageclasses', '-l', 'storage-course/run')) if (ours(sc.metadata.labels['storage-course/run'])) found.push(`storageclass ${sc.metadata.name}`);
  for (const node of kubectl('get', 'nodes')) {
    for (const key of Object.keys(node.metadata.labels ?? {})) {
      if (key === 'storage-course/role' || /^storage-course\/[^.]+\.lesson-/.test(key)) found.push(`node label ${key} on ${node.metadata.name}`);
    }
    if (node.metadata.name.includes('worker')) {
      const env = { ...process.env, ...(cluster.dockerHost ? { DOCKER_HOST: cluster.dockerHost } : {}) };
      const dirs = execFileSync('docker', ['exec', node.metadata.name, 'ls', '-A', '/var/local'], { encoding: 'utf8', env }).split('\n');
      for (const dir of dirs) if (/\.lesson-/.test(dir)) found.push(`directory /var/local/${dir} on ${node.metadata.name}`);
      // What local-path provisioned for a run's claims (`pvc-<uid>_<namespace>_<claim>`): its
      // provisioner removes it only when the volume goes the right way (claim first).
      const provisioned = execFileSync('docker', ['exec', node.metadata.name, 'sh', '-c', 'ls -A /var/local-path-provisioner 2>/dev/null || true'], { encoding: 'utf8', env }).split('\n');
      for (const dir of provisioned) if (/_course-lesson-/.test(dir)) found.push(`directory /var/local-path-provisioner/${dir} on ${node.metadata.name}`);
    }
  }
  return found;
}

describe.skipIf(!cluster.available)('hostile submissions on the real cluster', () => {
  // The course cluster's nodes reach no registry (its engine does not masquerade, and this machine
  // has none), so a pull of any image that is not preloaded fails with a network error: the
  // grader must call that the machine's problem (exit 3), never the answer's.
  const unreachable = { exit: 3 as const, expect: { en: "could not be pulled because its registry (docker.io) cannot be reached from this machine: that is the machine's network, not your answer", 'zh-cn': '因为从这台机器访问不到它的镜像仓库（docker.io）' } };
  const cases = folderCases()
    .filter((c) => CASES.includes(c.name))
    .map((c) => (c.name === 'l1-image-does-not-exist' || c.name === 'l1-image-registry-unreachable' ? { ...c, ...unreachable } : c));

  it.each(cases.map((c) => [c.name, c] as const))('%s: exit code and message as expected, in both languages, no crash', async (_name, c) => {
    for (const lang of ['en', 'zh-cn'] as const) {
      const out = mkdtempSync(join(tmpdir(), `hostile-real-${c.name}-`));
      const run = await runCli([c.lesson, '--dir', c.prepare(tmpdir()), '--cluster', 'kind', ...c.args, '--lang', lang, '--reporter', 'terminal,json', '--out', out], {
        limitMs: 300_000,
        env: { PATH: process.env.PATH!, [NODE_IMAGE_ENV]: cluster.nodeImage!, ...(cluster.dockerHost ? { DOCKER_HOST: cluster.dockerHost } : {}) },
      });
      const text = `${run.stdout}\n${run.stderr}`;
      expect(run.timedOut, text).toBe(false);
      expect(crashMarks(text), text).toEqual([]);
      expect(run.code, text).toBe(c.exit);
      expect(text, lang).toContain(c.expect[lang]);
    }
  });

  it('leaves nothing of any run in the cluster (waits up to 120 s for asynchronous deletions)', async () => {
    let left: string[] = [];
    for (let i = 0; i < 60; i++) {
      left = leftovers();
      if (left.length === 0) break;
      await new Promise((r) => setTimeout(r, 2_000));
    }
    expect(left).toEqual([]);
  });
});
