/**
 * The model's whole mutable state in one place, and the runtime (kubelet-side) records that the
 * API objects' status is rendered from: mounted volumes, container instances with their own
 * writable layer, back-off counters and pending deadlines. Modules are functions over ModelState.
 */
import type { VirtualClock } from './clock.ts';
import type { Behaviour, ContainerRules } from './container-rules.ts';
import type { EventLog } from './events.ts';
import type { MemFs } from './filesystem.ts';
import type { Ids } from './random.ts';
import type { ObjectStore } from './store.ts';
import type { K8sObject } from './types.ts';

export type VolumeType = 'emptyDir' | 'hostPath' | 'nfs' | 'persistentVolumeClaim' | 'configMap';

/** Where one pod volume's bytes live once mounted. */
export interface MountSource {
  volume: string;
  type: VolumeType;
  fs: MemFs;
  /** Path of the volume's root (a directory, or a file for a hostPath of type File*). */
  path: string;
  file: boolean;
  readOnly: boolean;
  /** Human location: "course-worker:/var/local/x" or "nfs 10.96.100.100:/". */
  where: string;
  medium?: string;
  claim?: string;
  pv?: string;
  /** The course CSI volume's id (vol-...), when the bytes live in one of its images. */
  csiVolume?: string;
}

/** One run of a container: a fresh id and a fresh writable layer. */
export interface ContainerInstance {
  id: string;
  startedAt: number;
  layer: MemFs;
  behaviour: Behaviour;
  /** When it ends (natural exit, kill, or SIGKILL after the grace period). */
  exitAt?: number;
  exitCode?: number;
  exitReason?: string;
  exitMessage?: string;
}

/** A finished run, as status.state.terminated / lastState.terminated show it. */
export interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export interface ContainerRuntime {
  name: string;
  image: string;
  pulled: boolean;
  pullAttempts: number;
  /** Next image pull attempt (ImagePullBackOff ends). */
  pullRetryAt?: number;
  /** When ErrImagePull turns into ImagePullBackOff. */
  pullBackOffAt?: number;
  current?: ContainerInstance;
  /** Final termination (no restart will follow). */
  final?: Terminated;
  lastTerminated?: Terminated;
  restartCount: number;
  /** Restart allowed from this time (CrashLoopBackOff ends). */
  restartAt?: number;
  backoffs: number;
  lastExitAt?: number;
  waiting: { reason: string; message?: string };
}

export interface PodRuntime {
  uid: string;
  node: string;
  ip: string;
  startedAt: number;
  mounts?: MountSource[];
  /** Why volumes are not mounted yet (shown as the pod's reason). */
  mountError?: { volume: string; reason: string; message: string };
  containers: ContainerRuntime[];
  /** Set while the pod is being deleted: when the object goes away. */
  deleteAt?: number;
  /** The pod's labels and annotations as the kubelet last synced them (a change makes it sync at once). */
  syncedMeta?: string;
  /** When the kubelet last synced the pod: its start, a change to the pod, or its periodic sync. */
  lastSync?: number;
  /** runtimeVersion right after that sync (orders it against an expansion at the same instant). */
  syncSeq?: number;
}

/** An NFS server the model serves: its disk and exported paths. */
export interface NfsServer {
  ip: string;
  fs: MemFs;
  exports: string[];
  /** The Service that makes the address reachable. */
  service: { namespace: string; name: string };
}

/**
 * A volume of the course's CSI driver: an image file on its node holding its own file system.
 * Its bytes live here, not in the node's directories (the node sees only the image file).
 */
export interface CsiVolume {
  /** vol-<first 20 hex digits of sha256(pv name)>, the PV's spec.csi.volumeHandle. */
  id: string;
  /** The CreateVolume name: the PV name. */
  name: string;
  node: string;
  /** What the driver's record says (ControllerExpandVolume raises it). */
  capacityBytes: number;
  /** The image file's length (a snapshot copies it; it grows to the record's size when staged or expanded on the node). */
  imageBytes: number;
  /** The size of the file system inside the image (it catches up on NodeExpandVolume / NodeStageVolume). */
  fsBytes: number;
  fs: MemFs;
  source?: { snapshotId?: string; volumeId?: string };
  /** When ControllerExpandVolume last grew the record while the file system had not (NodeExpandVolume is due). */
  expandedAt?: number;
  /** runtimeVersion right after that expansion: a pod sync with a larger syncSeq came after it. */
  expandedSeq?: number;
}

/** A snapshot of the course's CSI driver: a frozen copy of a volume's image in the shared directory. */
export interface CsiSnapshot {
  /** snap-<first 20 hex digits of sha256(request name)>, the content's status.snapshotHandle. */
  id: string;
  /** The CreateSnapshot name: snapshot-<VolumeSnapshot uid>. */
  name: string;
  sourceVolumeId: string;
  sourceNode: string;
  sizeBytes: number;
  fs: MemFs;
  createdAt: number;
}

/** The course CSI driver's records (its shared directory and the nodes' images). */
export interface CsiDriverState {
  volumes: Map<string, CsiVolume>;
  snapshots: Map<string, CsiSnapshot>;
}

export interface ModelState {
  store: ObjectStore;
  clock: VirtualClock;
  ids: Ids;
  events: EventLog;
  rules: ContainerRules;
  nodeFs: Map<string, MemFs>;
  nfs: Map<string, NfsServer>;
  csi: CsiDriverState;
  pods: Map<string, PodRuntime>;
  /** Bumped on every runtime change (together with store.version: reconcile's fixpoint). */
  runtimeVersion: number;
  /** The version and time of the last settled reconcile (to skip idle re-syncs). */
  settled: { version: number; at: number };
  podIpCounters: Map<string, number>;
}

/** Records a runtime change. */
export function touch(state: ModelState): void {
  state.runtimeVersion++;
}

/** Controllers that report a waiting state again re-sync (and re-count the event) this often. */
export const RESYNC_MS = 15_000;

/** Records an event about obj at the current time (see EventLog.record for repeats). */
export function emit(state: ModelState, obj: Pick<K8sObject, 'kind' | 'metadata'>, type: 'Normal' | 'Warning', reason: string, message: string, source: string, minIntervalMs = 0): void {
  state.events.record(obj, type, reason, message, source, state.clock.now(), minIntervalMs);
}

/** The namespace key of an object ('' for cluster-scoped). */
export function nsOf(obj: K8sObject): string {
  return obj.metadata.namespace ?? '';
}
