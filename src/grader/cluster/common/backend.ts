/**
 * What differs between the real-cluster back ends (kind's provider pattern): how the cluster is
 * brought up and torn down, how nodes are reached, and how much of the cluster the grader owns.
 * Everything else lives once, in KubectlCluster.
 */
import type { NfsClient } from './nfs-client.ts';
import type { Localized } from '../../../i18n/lang.ts';
import type { Clock } from '../cluster.ts';
import type { KubectlArgs, KubectlTarget } from './kubectl.ts';

export interface NodeAccess {
  /** Stops a running container from outside its pod (SIGKILL via the runtime). containerId has no scheme. */
  killContainer(node: string, containerId: string): Promise<void>;
  /** Reads a file on the node's own filesystem; undefined when nothing exists at path. */
  readFile(node: string, path: string): Promise<string | undefined>;
  /** Creates a directory (and parents) on the node's own filesystem. */
  makeDir(node: string, path: string): Promise<void>;
  /** Removes a run-scoped node directory and everything in it (see assertScopedDir); absent is fine. */
  removeDir(node: string, path: string): Promise<void>;
  /**
   * Which NFS client the node mounts with (nfs-client.ts). Optional: where asking would cost a
   * helper Pod (current), the lesson-3 fixture's probe Pod says whether NFS mounts at all.
   */
  nfsClient?(node: string): Promise<NfsClient>;
  /**
   * Removes what node access itself made on the cluster (the helper namespace on `current`), once
   * the run's last node operation is done; a later operation makes it again. Optional.
   */
  release?(): Promise<void>;
}

export interface ClusterBackend {
  readonly kind: 'kind' | 'current';
  /**
   * The grader owns the whole cluster (kind): the NFS fixture is kept between runs, and cleanup
   * does not wait for the run namespace to go away. `current` owns only what it labelled.
   */
  readonly ownsCluster: boolean;
  /** What reports call the cluster (ClusterInfo.description), e.g. "kind cluster k8s-storage-course (Kubernetes v1.35.0)". */
  describe(): Localized;
  /**
   * Creates or finds the cluster and returns how kubectl reaches it. Throws ClusterUnavailableError
   * with a bilingual reason and hint. Honours signal and leaves nothing half-made.
   */
  bringUp(signal?: AbortSignal): Promise<KubectlTarget>;
  /** Node access; called after bringUp with the run's kubectl builder and clock. */
  nodeAccess(kubectl: KubectlArgs, clock: Clock, note: (line: string) => void): NodeAccess;
  /** Waits for the run namespace to be gone before tearDown (throwaway clusters: NFS unmounts first). */
  readonly waitForNamespaceDeletion: boolean;
  /** Last step of cleanup (a --fresh cluster is deleted here). Never rejects. */
  tearDown(): Promise<void>;
}
