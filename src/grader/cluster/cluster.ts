/**
 * The one interface every cluster back end (kind, current, model) implements, and the only way a
 * grader touches a cluster. Operations are domain operations ("kill this container"), never
 * kubectl strings. All names are plain Kubernetes object names; namespaced objects always live in
 * the back end's run namespace (`cluster.namespace`), whatever namespace the student's file named.
 */
import type { Localized } from '../../i18n/lang.ts';
import type { K8sObject } from '../../model/vocabulary.ts';

// The object shape and the two refusals are the model's vocabulary (src/model/vocabulary.ts); they
// are re-exported here, the same classes, so graders import them with the Cluster interface.
export type { K8sObject } from '../../model/vocabulary.ts';
export { ApplyError, ExecError } from '../../model/vocabulary.ts';

/** Where an object came from in the submission, for file:line:col messages. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/** One container of a pod, as status reports it. */
export interface ContainerView {
  name: string;
  /** Runtime id, e.g. "containerd://3f2a...". Changes on every restart. */
  containerID?: string;
  restartCount: number;
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  ready: boolean;
  /** state.waiting.reason or state.terminated.reason, e.g. ImagePullBackOff, CrashLoopBackOff, Error. */
  reason?: string;
  message?: string;
  /** lastState.terminated.exitCode, e.g. 137 after a kill. */
  lastExitCode?: number;
  /** lastState.terminated.reason, e.g. Error, OOMKilled, or StartError when the command could not be run. */
  lastReason?: string;
  /** lastState.terminated.message, e.g. `exec: "sh": executable file not found in $PATH`. */
  lastMessage?: string;
}

/** A pod, reduced to what graders and reports need. */
export interface PodView {
  name: string;
  uid: string;
  nodeName?: string;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  /** True while the pod is being deleted (metadata.deletionTimestamp set). */
  terminating: boolean;
  labels: Record<string, string>;
  /** PodScheduled=False reason/message (e.g. Unschedulable), or a volume mount failure. */
  reason?: string;
  message?: string;
  containers: ContainerView[];
}

/** What the back end is, for reports and for capability checks. */
export interface ClusterInfo {
  backend: 'kind' | 'current' | 'model';
  /**
   * What reports call the cluster, in both languages, e.g. "kind cluster k8s-storage-course
   * (Kubernetes v1.35.0)" / "kind 集群 k8s-storage-course（Kubernetes v1.35.0）". Names, images and
   * versions stay as they are; only the words around them are translated. It is for people: code
   * that needs to know the back end reads `backend` and `isModel`.
   */
  description: Localized;
  /** True for the in-process model: every report must say so. */
  isModel: boolean;
}

/** A named piece of diagnostic text gathered after a failed step (describe, events, logs). */
export interface Diagnostic {
  title: string;
  text: string;
}

/** The clock the runner waits with. Real time for real clusters; virtual time for the model. */
export interface Clock {
  now(): number;
  /** Waits ms milliseconds (the model advances its virtual time instead). Rejects if signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Objects the grader itself needs in the cluster before the student's manifests. */
export type FixtureName = 'nfs-server';

/**
 * A failure that is the cluster's or tooling's fault, not the student's: missing kind/docker,
 * cluster would not start, kubectl unreachable. The CLI exits 3 on it.
 */
export class ClusterUnavailableError extends Error {
  constructor(
    readonly reason: Localized,
    readonly hint?: Localized,
    /** A stable name for causes callers act on, e.g. 'nfs-client-missing' (lesson 3 cannot run here). */
    readonly code?: string,
  ) {
    super(reason.en);
    this.name = 'ClusterUnavailableError';
  }
}

export interface Cluster {
  readonly info: ClusterInfo;
  readonly clock: Clock;
  /** The run namespace every namespaced object goes into. Valid after prepare(). */
  readonly namespace: string;

  /**
   * Brings the cluster up (or connects) and creates the run namespace. Idempotent. Throws
   * ClusterUnavailableError when it cannot. Must honour signal (Ctrl-C) and leave nothing half-made.
   */
  prepare(signal?: AbortSignal): Promise<void>;

  /** Names of the schedulable worker nodes (two on the course cluster), sorted. */
  workers(): Promise<string[]>;

  /** Sets labels on a node (used to mark the `storage-course/role=data` worker). Removed by cleanup(). */
  labelNode(node: string, labels: Record<string, string>): Promise<void>;

  /**
   * Installs a grader fixture (lesson 3: the NFS server behind ClusterIP 10.96.100.100) and waits
   * until it serves. May return a line for the report about how it serves (lesson 3: which NFS
   * client the nodes mount with, nfs-client.ts).
   */
  installFixture(name: FixtureName, signal?: AbortSignal): Promise<Localized | undefined>;

  /**
   * Creates or updates objects. Namespaced objects are put in `namespace` (their own namespace
   * field is overridden); cluster-scoped ones (PersistentVolume, StorageClass) keep their names and
   * are labelled with the run id so cleanup() removes them. Rejects with the API's message when an
   * object is refused (e.g. immutable field), as an ApplyError.
   */
  apply(objects: K8sObject[]): Promise<void>;

  /** Reads one object by kind and name (namespaced kinds in `namespace`); undefined if absent. */
  get(kind: string, name: string): Promise<K8sObject | undefined>;

  /** Lists objects of a kind, optionally filtered by labels (namespaced kinds in `namespace`). */
  list(kind: string, labels?: Record<string, string>): Promise<K8sObject[]>;

  /** One pod's view, or undefined if it does not exist. */
  pod(name: string): Promise<PodView | undefined>;

  /** Pods in the run namespace matching the labels (all pods if none given). */
  pods(labels?: Record<string, string>): Promise<PodView[]>;

  /**
   * Deletes an object. With wait (default true) resolves only once it is gone; a PVC in use stays
   * (Terminating) until its pod is gone, so callers that expect that pass wait: false.
   */
  delete(kind: string, name: string, opts?: { wait?: boolean }): Promise<void>;

  /** Deletes a pod with a 1 s grace period and waits until the API object is gone. */
  deletePod(name: string): Promise<void>;

  /**
   * Kills a running container from outside the pod (kind: `crictl stop --timeout 0` on the node, see common/crictl.ts).
   * Returns at once; the kubelet restarts it per restartPolicy. Callers wait for restartCount + 1.
   */
  killContainer(pod: string, container: string): Promise<void>;

  /**
   * Writes data to path inside the container (creating parent directories is NOT done: a missing
   * directory is an error). Rejects with ExecError if the container cannot be reached or the
   * write fails. data is passed as data, never interpolated into a shell string.
   */
  writeFile(pod: string, container: string, path: string, data: string): Promise<void>;

  /** Reads a file inside the container; undefined if it does not exist. Rejects if the container is unreachable. */
  readFile(pod: string, container: string, path: string): Promise<string | undefined>;

  /**
   * The total size in bytes of the file system that holds `path` inside the container, as `df -kP`
   * reports it there (what the Pod sees, e.g. after a volume expansion); undefined if `path` does
   * not exist. Rejects with ExecError if the container cannot be reached or df fails.
   */
  fileSystemSize(pod: string, container: string, path: string): Promise<number | undefined>;

  /**
   * Sets the grader's own annotations on a Pod of the run (overwriting). A change to a Pod makes
   * its kubelet sync it at once, so what the kubelet does at its next sync of the Pod (growing a
   * volume's file system after an expansion, NodeExpandVolume) happens now rather than at its
   * periodic resync, up to about 90 s later. Rejects if the Pod does not exist.
   */
  annotatePod(name: string, annotations: Record<string, string>): Promise<void>;

  /** Reads a file on a node's own filesystem (kind: docker exec <node> cat); undefined if absent. */
  readNodeFile(node: string, path: string): Promise<string | undefined>;

  /** Creates a directory (and parents) on a node's own filesystem. */
  makeNodeDir(node: string, path: string): Promise<void>;

  /** Sets spec.replicas of a Deployment or StatefulSet. */
  scale(kind: 'Deployment' | 'StatefulSet', name: string, replicas: number): Promise<void>;

  /** Gathers describe / events / previous logs for the given objects. Never rejects. */
  diagnostics(refs: { kind: string; name: string }[]): Promise<Diagnostic[]>;

  /**
   * Removes everything this run created: the namespace, run-labelled cluster-scoped objects, node
   * labels, a --fresh cluster. Idempotent, never rejects, safe to call after a partial prepare().
   */
  cleanup(): Promise<void>;

  /**
   * Instead of cleanup() (--keep): leaves everything the run made and marks it kept, so later
   * runs' sweeps of ended runs leave it alone. Optional (the model keeps nothing). Never rejects.
   */
  keep?(): Promise<void>;
}
