/**
 * The `kind` back end: the course's own 3-node kind cluster, reused across runs by name (or a
 * throwaway one with --fresh, always deleted), reached through its own kubeconfig file so the
 * user's current context is never switched.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { fill, type Localized } from '../../../i18n/lang.ts';
import { ClusterUnavailableError, type Cluster } from '../cluster.ts';
import { createExecaRunner, type CommandRunner } from '../../exec/runner.ts';
import type { ClusterBackend, NodeAccess } from '../common/backend.ts';
import { KubectlArgs, type KubectlTarget } from '../common/kubectl.ts';
import { KubectlCluster } from '../common/kubectl-cluster.ts';
import { normalizeRunId } from '../common/labels.ts';
import { msg } from '../common/messages.ts';
import { realClock } from '../common/poll.ts';
import { CLUSTER_NAME, KUBERNETES_VERSION, NODE_IMAGE_ENV } from './config.ts';
import { preloadImages } from './images.ts';
import { deleteCluster, ensureCluster, listClusters } from './lifecycle.ts';
import { engineNodeAccess } from './node-access.ts';
import { resolveNodeImage, type NodeImage } from './node-image.ts';
import { courseKubeconfig, freshKubeconfig } from './paths.ts';
import { detectKindTooling, type Engine } from './tooling.ts';

export { detectKindTooling } from './tooling.ts';

/** Name of the throwaway cluster of a run: the course name plus 8 hex characters of the run id. */
export function freshClusterName(runId: string): string {
  return `${CLUSTER_NAME}-${createHash('sha256').update(normalizeRunId(runId)).digest('hex').slice(0, 8)}`;
}

/** Every cluster name this course creates (the reusable one and throwaway ones). */
export function isCourseCluster(name: string): boolean {
  return name === CLUSTER_NAME || /^k8s-storage-course-[0-9a-f]{8}$/.test(name);
}

class KindBackend implements ClusterBackend {
  readonly kind = 'kind' as const;
  readonly ownsCluster = true;
  readonly waitForNamespaceDeletion: boolean;
  private readonly name: string;
  private readonly kubeconfig: string;
  /** The node image of this run, or why it cannot be had (thrown by bringUp, before anything runs). */
  private readonly image: NodeImage | ClusterUnavailableError;
  private engine: Engine = 'docker';
  private started = false;

  constructor(
    private readonly runner: CommandRunner,
    private readonly fresh: boolean,
    runId: string,
    private readonly note: (line: string) => void,
    env: Record<string, string | undefined>,
  ) {
    this.name = fresh ? freshClusterName(runId) : CLUSTER_NAME;
    this.kubeconfig = fresh ? freshKubeconfig(this.name) : courseKubeconfig();
    // A throwaway cluster is deleted right after: NFS clients must unmount while the server still runs.
    this.waitForNamespaceDeletion = fresh;
    try {
      this.image = resolveNodeImage(env);
    } catch (err) {
      if (!(err instanceof ClusterUnavailableError)) throw err;
      this.image = err;
    }
  }

  describe(): Localized {
    if (!(this.image instanceof ClusterUnavailableError) && this.image.source !== 'pinned') {
      return fill(this.fresh ? msg.kindLocalFreshDescription : msg.kindLocalDescription, { name: this.name, image: this.image.ref });
    }
    return fill(this.fresh ? msg.kindFreshDescription : msg.kindDescription, { name: this.name, version: KUBERNETES_VERSION });
  }

  async bringUp(signal?: AbortSignal): Promise<KubectlTarget> {
    if (this.image instanceof ClusterUnavailableError) throw this.image;
    const tooling = await detectKindTooling(this.runner);
    if (!tooling.ok) throw new ClusterUnavailableError(tooling.missing, tooling.hint);
    this.engine = tooling.engine;
    this.started = true;
    const target = { runner: this.runner, name: this.name, kubeconfig: this.kubeconfig, clock: realClock, note: this.note, image: this.image, engine: this.engine };
    this.note(`node image ${this.image.ref} (${this.image.source === 'env' ? `from ${NODE_IMAGE_ENV}` : this.image.source === 'cluster-up' ? `recorded by npm run cluster:up in ${this.image.recordedIn}` : 'pinned'})`);
    const state = await ensureCluster(target, signal);
    this.note(`${state === 'created' ? 'created' : 'reusing'} kind cluster ${this.name} (kubeconfig ${this.kubeconfig})`);
    if (state === 'created') await preloadImages({ runner: this.runner, engine: this.engine, cluster: this.name, note: this.note });
    return { kubeconfig: this.kubeconfig };
  }

  nodeAccess(): NodeAccess {
    return engineNodeAccess({ runner: this.runner, engine: this.engine, cluster: this.name });
  }

  async tearDown(): Promise<void> {
    if (!this.fresh || !this.started) return;
    this.note(`deleting throwaway cluster ${this.name}`);
    await deleteCluster({ runner: this.runner, name: this.name, kubeconfig: this.kubeconfig });
    await rm(this.kubeconfig, { force: true });
  }
}

/** The kind back end for one run. Nothing runs until prepare(). */
export function createKindCluster(opts: { runId: string; fresh?: boolean; trace?: (line: string) => void; runner?: CommandRunner; env?: Record<string, string | undefined> }): Cluster {
  const runner = opts.runner ?? createExecaRunner({ trace: opts.trace });
  const note = (line: string) => opts.trace?.(`[trace] note: ${line}`);
  const backend = new KindBackend(runner, opts.fresh === true, opts.runId, note, opts.env ?? process.env);
  return new KubectlCluster({ runId: opts.runId, runner, backend, trace: opts.trace });
}

/**
 * Deletes the course cluster and any throwaway cluster a crashed --fresh run left (`--delete-cluster`).
 * Run namespaces go first so NFS clients unmount while the server is still there. Idempotent.
 */
export async function deleteCourseCluster(opts: { trace?: (line: string) => void; runner?: CommandRunner } = {}): Promise<void> {
  const runner = opts.runner ?? createExecaRunner({ trace: opts.trace });
  const note = (line: string) => opts.trace?.(`[trace] note: ${line}`);
  const tooling = await detectKindTooling(runner);
  if (!tooling.ok) throw new ClusterUnavailableError(tooling.missing, tooling.hint);
  for (const name of (await listClusters(runner)).filter(isCourseCluster)) {
    const kubeconfig = name === CLUSTER_NAME ? courseKubeconfig() : freshKubeconfig(name);
    const exported = await runner.run('kind', ['export', 'kubeconfig', '--name', name, '--kubeconfig', kubeconfig], { reject: false, timeoutMs: 60_000 });
    if (exported.exitCode === 0) {
      const kubectl = new KubectlArgs({ kubeconfig }, 'default');
      const r = await runner.run('kubectl', kubectl.deleteRunNamespaces(), { reject: false, timeoutMs: 100_000 });
      if (r.exitCode !== 0) note(`could not delete run namespaces of ${name} first: ${r.stderr.trim().split('\n')[0]}`);
    }
    note(`deleting kind cluster ${name}`);
    await deleteCluster({ runner, name, kubeconfig });
    await rm(kubeconfig, { force: true });
  }
}
