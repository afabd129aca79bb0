/**
 * Creating, finding and deleting kind clusters. The course cluster is reused by name while it
 * answers and was made from the current config; otherwise it is recreated, but only when it can be
 * made again here (recreate.ts: the node image is in the local image store), else it is left as it
 * is and the run ends with a ClusterUnavailableError saying how to fix it. Creation never leaves
 * half-made nodes behind: on failure or Ctrl-C the cluster is deleted again.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ClusterUnavailableError, type Clock, type K8sObject } from '../cluster.ts';
import { fill, type Localized } from '../../../i18n/lang.ts';
import type { CommandRunner } from '../../exec/runner.ts';
import { KubectlArgs } from '../common/kubectl.ts';
import { KIND_CONFIG_LABEL } from '../common/labels.ts';
import { msg } from '../common/messages.ts';
import { allNodesReady, parseList } from '../common/parse.ts';
import { pollUntil } from '../common/poll.ts';
import { configHash, csiStoreDir, kindConfigYaml, NODE_COUNT } from './config.ts';
import type { NodeImage } from './node-image.ts';
import { createBlocker, missingImageHint, recreateBlocker } from './recreate.ts';
import type { Engine } from './tooling.ts';

export interface KindTarget {
  runner: CommandRunner;
  name: string;
  kubeconfig: string;
  clock: Clock;
  note: (line: string) => void;
  /** The node image the cluster is made from (and whose config hash its nodes must carry). */
  image: NodeImage;
  /** The engine kind runs the nodes in (its image store is the one checked). */
  engine: Engine;
  /** The host directory the nodes share for the CSI driver (default csiStoreDir(name)). */
  csiStore?: string;
}

function storeOf(t: Pick<KindTarget, 'name' | 'csiStore'>): string {
  return t.csiStore ?? csiStoreDir(t.name);
}

export const CREATE_TIMEOUT_MS = 15 * 60_000;
export const NODES_READY_TIMEOUT_MS = 180_000;

/** kind create cluster argv (config on stdin, our own kubeconfig file, waiting for the control plane). */
export function createArgs(name: string, kubeconfig: string): string[] {
  return ['create', 'cluster', '--name', name, '--config', '-', '--kubeconfig', kubeconfig, '--wait', '120s'];
}

/** Cluster names printed by `kind get clusters` (it prints "No kind clusters found." on stderr when none). */
export function parseClusters(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && l !== 'No kind clusters found.');
}

/** Existing kind clusters (for the engine kind detects, honouring KIND_EXPERIMENTAL_PROVIDER). */
export async function listClusters(runner: CommandRunner): Promise<string[]> {
  return parseClusters((await runner.run('kind', ['get', 'clusters'], { timeoutMs: 30_000 })).stdout);
}

/** Deletes a kind cluster (idempotent), its entry in our kubeconfig file, and its CSI store (its volumes' records and snapshots). */
export async function deleteCluster(t: Pick<KindTarget, 'runner' | 'name' | 'kubeconfig' | 'csiStore'>): Promise<void> {
  await t.runner.run('kind', ['delete', 'cluster', '--name', t.name, '--kubeconfig', t.kubeconfig], { timeoutMs: 180_000 });
  await rm(storeOf(t), { recursive: true, force: true });
}

/**
 * Makes sure the cluster exists, answers and matches the config. Returns whether it was created.
 * An existing cluster is deleted only when it cannot be reused and can be made again; otherwise
 * this throws ClusterUnavailableError and the cluster is untouched.
 */
export async function ensureCluster(t: KindTarget, signal?: AbortSignal): Promise<'created' | 'reused'> {
  await mkdir(dirname(t.kubeconfig), { recursive: true });
  if ((await listClusters(t.runner)).includes(t.name)) {
    const state = await existingState(t);
    if (state === 'ok') return 'reused';
    const blocker = await recreateBlocker(t, state, signal);
    if (blocker) throw blocker;
    t.note(state === 'stale' ? `cluster ${t.name} was made from an older config; recreating it` : `cluster ${t.name} exists but does not answer; recreating it`);
    await deleteCluster(t);
  } else {
    const blocker = await createBlocker(t);
    if (blocker) throw blocker;
  }
  await create(t, signal);
  return 'created';
}

/** The cluster's nodes when all NODE_COUNT answer Ready through the kubeconfig file, else undefined. */
async function readyNodes(t: KindTarget): Promise<K8sObject[] | undefined> {
  const kubectl = new KubectlArgs({ kubeconfig: t.kubeconfig }, 'default');
  const r = await t.runner.run('kubectl', kubectl.nodes(), { reject: false, timeoutMs: 40_000 });
  if (r.exitCode !== 0) return undefined;
  const list = parseList(r.stdout);
  return allNodesReady(list, NODE_COUNT) ? list : undefined;
}

/**
 * Where the kubeconfig file already reaches a Ready cluster it is left as it is: `kind export
 * kubeconfig` rewrites the file in place, and a run exporting while another run's kubectl reads
 * it makes that kubectl see an empty config (found with concurrent runs: "dial tcp
 * 127.0.0.1:8080: connection refused"). Only a file that does not answer is exported again.
 */
async function existingState(t: KindTarget): Promise<'ok' | 'stale' | 'unreachable'> {
  let nodes = existsSync(t.kubeconfig) ? await readyNodes(t) : undefined;
  if (!nodes) {
    const exported = await t.runner.run('kind', ['export', 'kubeconfig', '--name', t.name, '--kubeconfig', t.kubeconfig], { reject: false, timeoutMs: 60_000 });
    if (exported.exitCode !== 0) return 'unreachable';
    nodes = await pollUntil(() => readyNodes(t), { timeoutMs: 60_000, intervalMs: 3_000, clock: t.clock });
  }
  if (!nodes) return 'unreachable';
  const hash = configHash(t.image.ref, storeOf(t));
  return nodes.length === NODE_COUNT && nodes.every((n) => n.metadata.labels?.[KIND_CONFIG_LABEL] === hash) ? 'ok' : 'stale';
}

async function create(t: KindTarget, signal?: AbortSignal): Promise<void> {
  t.note(`creating kind cluster ${t.name} from ${t.image.ref} (${t.image.source === 'pinned' ? 'first time: the node image pull takes 1-2 min, ' : ''}creation 30-60 s)`);
  // A new cluster starts with an empty CSI store: records of an old cluster's volumes mean nothing.
  const store = storeOf(t);
  await rm(store, { recursive: true, force: true });
  await mkdir(store, { recursive: true });
  const r = await t.runner.run('kind', createArgs(t.name, t.kubeconfig), { input: kindConfigYaml(t.image.ref, store), reject: false, timeoutMs: CREATE_TIMEOUT_MS, signal });
  if (r.exitCode !== 0 || r.failure) {
    await deleteCluster(t).catch(() => undefined);
    if (signal?.aborted) throw signal.reason;
    const detail = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-12).join('\n');
    throw new ClusterUnavailableError(
      { en: `kind could not create the cluster ${t.name}:\n${detail}`, 'zh-cn': `kind 无法创建集群 ${t.name}：\n${detail}` },
      createHint(detail, t.image, t.engine),
    );
  }
  const kubectl = new KubectlArgs({ kubeconfig: t.kubeconfig }, 'default');
  let ready: true | undefined;
  try {
    ready = await pollUntil(
      async () => {
        const nodes = await t.runner.run('kubectl', kubectl.nodes(), { reject: false, signal });
        return nodes.exitCode === 0 && allNodesReady(parseList(nodes.stdout), NODE_COUNT) ? true : undefined;
      },
      { timeoutMs: NODES_READY_TIMEOUT_MS, intervalMs: 3_000, clock: t.clock, signal },
    );
  } catch (err) {
    // Ctrl-C while the nodes come up: a half-made cluster is no use to anyone; delete it.
    await deleteCluster(t).catch(() => undefined);
    throw err;
  }
  if (!ready) {
    await deleteCluster(t).catch(() => undefined);
    if (signal?.aborted) throw signal.reason;
    throw new ClusterUnavailableError(
      { en: `The ${NODE_COUNT} nodes of ${t.name} did not all become Ready within ${NODES_READY_TIMEOUT_MS / 1000} s.`, 'zh-cn': `${t.name} 的 ${NODE_COUNT} 个节点没有在 ${NODES_READY_TIMEOUT_MS / 1000} 秒内全部就绪（Ready）。` },
      createHint('', t.image, t.engine),
    );
  }
}

/** What to try after a failed creation, chosen from kind's output and where the node image came from. */
export function createHint(output: string, image: NodeImage, engine: Engine): Localized {
  if (/too many open files|inotify/i.test(output)) {
    return {
      en: 'Raise the inotify limits: sudo sysctl fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512',
      'zh-cn': '请提高 inotify 上限：sudo sysctl fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512',
    };
  }
  if (/pull|manifest|registry|TLS handshake|i\/o timeout|no such host/i.test(output)) {
    // A locally built image is in no registry: pulling it cannot work, building it again does.
    return image.source === 'pinned' ? fill(msg.pinnedImagePullHint, { image: image.ref, engine }) : missingImageHint(image, engine);
  }
  if (/already exist/i.test(output)) {
    return { en: 'A cluster of that name is half there: run `npm run grade -- --delete-cluster` and retry.', 'zh-cn': '同名集群残留了一部分：请运行 `npm run grade -- --delete-cluster` 后重试。' };
  }
  return {
    en: 'Make sure the engine has at least 4 GB of memory and a few GB of free disk, then retry; `npm run grade -- --delete-cluster` starts from scratch, and --trace shows every command.',
    'zh-cn': '请确认容器引擎至少有 4 GB 内存和数 GB 可用磁盘后重试；`npm run grade -- --delete-cluster` 可以从头开始，--trace 会显示执行的每条命令。',
  };
}
