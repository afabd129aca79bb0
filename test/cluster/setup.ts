/**
 * Finds the real cluster for the suite: the state `npm run cluster:up` recorded, a Docker engine,
 * and three Ready nodes. When there is none the suite's tests are skipped with the reason printed
 * in both languages, except under CI=true, where a missing cluster fails the run.
 * Also reads whether the nodes' kernel can mount NFS (lesson 3). When the suite ends it writes
 * reports/test-cluster/suite.json (its wall time, cases, concurrency and whether it was the whole
 * suite) for `npm run bench`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { clusterPaths } from '../../src/local-cluster/paths.ts';
import { readState } from '../../src/local-cluster/state.ts';
import { isCi } from '../../src/cli/io.ts';
import { describeNfsClient, nodeNfsClient, type NfsClient } from '../../src/grader/cluster/common/nfs-client.ts';

export interface ClusterProvided {
  available: boolean;
  /** Why not, in both languages, when not available. */
  reason?: { en: string; 'zh-cn': string };
  bin?: string;
  nodeImage?: string;
  /** DOCKER_HOST of the course engine. */
  dockerHost?: string;
  kubeconfig?: string;
  /** Which NFS client the nodes mount with (the grader's rule, nfs-client.ts); lesson 3 cannot run with none. */
  nfsClient?: NfsClient;
}

const ROOT = resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: ClusterProvided;
  }
}

async function probe(): Promise<ClusterProvided> {
  const state = readState(clusterPaths().state);
  if (!state) {
    return { available: false, reason: { en: 'no cluster was built here: run `npm run cluster:up` first', 'zh-cn': '这里还没有构建集群：请先运行 `npm run cluster:up`' } };
  }
  try {
    const out = execFileSync(`${state.bin}/kubectl`, ['--kubeconfig', state.kubeconfig, 'get', 'nodes', '-o', 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}', '--request-timeout=20s'], { encoding: 'utf8' });
    const ready = out.split('\n').filter((l) => l === 'True').length;
    if (ready !== 3) return { available: false, reason: { en: `the course cluster has ${ready} Ready nodes, not 3: run \`npm run cluster:up\``, 'zh-cn': `课程集群只有 ${ready} 个就绪节点而不是 3 个：请运行 \`npm run cluster:up\`` } };
  } catch (err) {
    return { available: false, reason: { en: `the course cluster does not answer (${(err as Error).message.split('\n')[0]}): run \`npm run cluster:up\``, 'zh-cn': `课程集群没有响应（${(err as Error).message.split('\n')[0]}）：请运行 \`npm run cluster:up\`` } };
  }
  const env = { ...process.env, ...(state.dockerHost ? { DOCKER_HOST: state.dockerHost } : {}) };
  const nfsClient = await nodeNfsClient(
    (argv) =>
      new Promise((done) => {
        execFile('docker', ['exec', `${state.cluster}-worker`, ...argv], { encoding: 'utf8', env }, (err, stdout) => {
          done({ exitCode: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout });
        });
      }),
  );
  return { available: true, bin: state.bin, nodeImage: state.nodeImage, dockerHost: state.dockerHost, kubeconfig: state.kubeconfig, nfsClient };
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const started = Date.now();
  const verdicts = join(ROOT, 'reports', 'test-cluster', 'verdicts.jsonl');
  const suite = join(ROOT, 'reports', 'test-cluster', 'suite.json');
  // One run's verdicts: the files of the suite append to it (npm run bench reads it).
  rmSync(verdicts, { force: true });
  rmSync(suite, { force: true });
  const found = await probe();
  if (!found.available) {
    if (isCi(process.env)) throw new Error(`test:cluster under CI=true needs the real cluster, and ${found.reason!.en}`);
    process.stderr.write(`\ntest:cluster: skipped, ${found.reason!.en}\ntest:cluster：已跳过，${found.reason!['zh-cn']}\n\n`);
  } else if (found.nfsClient?.client === 'none') {
    process.stderr.write(
      `\ntest:cluster: lesson 3 is not run: ${found.nfsClient.reason}\n` + `test:cluster：第 3 课不运行：${describeNfsClient(found.nfsClient)['zh-cn']}\n\n`,
    );
  } else if (found.nfsClient) {
    const line = describeNfsClient(found.nfsClient);
    process.stderr.write(`\ntest:cluster: ${line.en}\ntest:cluster：${line['zh-cn']}\n\n`);
  }
  project.provide('cluster', found);
  if (!found.available) return undefined;
  return () => {
    if (!existsSync(verdicts)) return;
    const cases = readFileSync(verdicts, 'utf8').split('\n').filter(Boolean).length;
    // A run narrowed to some files or test names (e.g. re-recording one lesson's traces) is no
    // figure for the whole suite: bench shows it as not measured.
    const whole = !project.config.testNamePattern && !process.argv.slice(2).some((a) => /\.test\.ts$|^test\//.test(a));
    const record = { at: new Date().toISOString(), wallMs: Date.now() - started, cases, jobs: project.config.maxConcurrency, whole };
    writeFileSync(suite, JSON.stringify(record) + '\n');
  };
}
