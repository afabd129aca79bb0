/**
 * The course's CSI driver (cluster/csi-driver) as the model runs it: the Controller and Node
 * RPCs the sidecars and the kubelet call, over state.csi. A volume is an image on one node with
 * a file system of its own (its files are in CsiVolume.fs, never in the node's directories); a
 * snapshot is a frozen copy of an image in the shared directory, restorable on any node; a
 * clone is a copy of an image on the source's node. Ids are the driver's: vol- / snap- and the
 * first 20 hex digits of sha256(request name) (store.go). Sizes follow sizeFor (validate.go):
 * the request rounded up to a whole MiB, at least 300 MiB and at least a restore's or clone's
 * source. Refusals are gRPC status errors with the driver's own text, printed as the sidecars
 * print them ("rpc error: code = X desc = ...").
 */
import { CSI_MAX_VOLUME_BYTES, CSI_MIN_VOLUME_BYTES } from './cluster-facts.ts';
import { MemFs } from './filesystem.ts';
import { sha256Hex } from './sha256.ts';
import type { CsiSnapshot, CsiVolume, ModelState } from './state.ts';
import { touch } from './state.ts';

const MIB = 2 ** 20;

/** A refused RPC: its gRPC code and the driver's message. */
export interface RpcError {
  code: 'NotFound' | 'ResourceExhausted' | 'FailedPrecondition' | 'AlreadyExists' | 'OutOfRange';
  message: string;
}

/** The error as a sidecar's event shows it (grpc status.Error's text). */
export function rpcText(e: RpcError): string {
  return `rpc error: code = ${e.code} desc = ${e.message}`;
}

/** The volume id CreateVolume gives the volume named name. */
export function volumeIdFor(name: string): string {
  return `vol-${sha256Hex(name).slice(0, 20)}`;
}

/** The snapshot id CreateSnapshot gives the snapshot named name. */
export function snapshotIdFor(name: string): string {
  return `snap-${sha256Hex(name).slice(0, 20)}`;
}

/** The size of a new or grown volume: required bytes rounded up to a MiB, at least 300 MiB and at least floor. */
/** The driver's refusal of a size over its largest volume (validate.go sizeFor), if the size is. */
export function tooLarge(size: number): RpcError | undefined {
  if (size <= CSI_MAX_VOLUME_BYTES) return undefined;
  return { code: 'OutOfRange', message: `the volume would be ${size} bytes, over the ${CSI_MAX_VOLUME_BYTES} bytes (64 GiB) this driver makes a volume at most: ask for 64Gi or less` };
}

export function sizeFor(requiredBytes: number, floor = 0): number {
  const size = Math.max(requiredBytes, floor, CSI_MIN_VOLUME_BYTES);
  return Math.ceil(size / MIB) * MIB;
}

export type VolumeSource = { snapshotId: string } | { volumeId: string };

/** CreateVolume on node: an empty file system, a restore of a snapshot, or a clone of a volume on this node. Idempotent by name. */
export function createVolume(state: ModelState, req: { name: string; node: string; requiredBytes: number; source?: VolumeSource }): CsiVolume | RpcError {
  const id = volumeIdFor(req.name);
  const existing = state.csi.volumes.get(id);
  if (existing) return existing;
  let floor = 0;
  let fs = new MemFs();
  const source: CsiVolume['source'] = req.source ? { ...req.source } : undefined;
  if (req.source && 'snapshotId' in req.source) {
    const snap = state.csi.snapshots.get(req.source.snapshotId);
    if (!snap) return { code: 'NotFound', message: `snapshot ${req.source.snapshotId} does not exist: was its VolumeSnapshot deleted?` };
    floor = snap.sizeBytes;
    fs = snap.fs.clone();
  } else if (req.source && 'volumeId' in req.source) {
    const src = state.csi.volumes.get(req.source.volumeId);
    if (!src) return { code: 'NotFound', message: `source volume ${req.source.volumeId} does not exist` };
    if (src.node !== req.node) {
      return {
        code: 'ResourceExhausted',
        message: `a clone is made on its source's node: source volume ${src.id} is on node ${src.node}, and this CreateVolume ran on node ${req.node}; schedule the pod that uses the clone on node ${src.node} (for example nodeSelector kubernetes.io/hostname: ${src.node})`,
      };
    }
    floor = src.capacityBytes;
    fs = src.fs.clone();
  }
  const size = sizeFor(req.requiredBytes, floor);
  const refused = tooLarge(size);
  if (refused) return refused;
  // A restore or clone is a copy of its source's image made `size` long; the file system inside
  // keeps its source's size until the volume is first staged (NodeStageVolume runs xfs_growfs).
  const fsBytes = req.source ? Math.min(size, floor) : size;
  const vol: CsiVolume = { id, name: req.name, node: req.node, capacityBytes: size, imageBytes: size, fsBytes, fs, ...(source ? { source } : {}) };
  state.csi.volumes.set(id, vol);
  touch(state);
  return vol;
}

/** DeleteVolume: removes the image and record (snapshots of it are copies and stay). Deleting a missing volume succeeds. */
export function deleteVolume(state: ModelState, id: string): void {
  if (state.csi.volumes.delete(id)) touch(state);
}

/** CreateSnapshot of a volume, on the volume's node: a frozen copy of its image. Idempotent by name. */
export function createSnapshot(state: ModelState, name: string, sourceVolumeId: string, now: number): CsiSnapshot | RpcError {
  const id = snapshotIdFor(name);
  const existing = state.csi.snapshots.get(id);
  if (existing) {
    if (existing.sourceVolumeId !== sourceVolumeId) return { code: 'AlreadyExists', message: `snapshot "${name}" already exists, of volume ${existing.sourceVolumeId}, not ${sourceVolumeId}: use another name` };
    return existing;
  }
  const src = state.csi.volumes.get(sourceVolumeId);
  if (!src) return { code: 'NotFound', message: `volume ${sourceVolumeId} does not exist` };
  // The copy is of the image file: its length is the snapshot's size (an expansion not yet done on the node has not grown it).
  const snap: CsiSnapshot = { id, name, sourceVolumeId, sourceNode: src.node, sizeBytes: src.imageBytes, fs: src.fs.clone(), createdAt: now };
  state.csi.snapshots.set(id, snap);
  touch(state);
  return snap;
}

/** DeleteSnapshot: volumes restored from it are copies and stay. */
export function deleteSnapshot(state: ModelState, id: string): void {
  if (state.csi.snapshots.delete(id)) touch(state);
}

/** ControllerExpandVolume: records the new size (volumes only grow); the file system grows on the node. */
export function controllerExpand(state: ModelState, id: string, requiredBytes: number): CsiVolume | RpcError {
  const vol = state.csi.volumes.get(id);
  if (!vol) return { code: 'NotFound', message: `volume ${id} does not exist` };
  const size = sizeFor(requiredBytes);
  const refused = tooLarge(size);
  if (refused) return refused;
  if (size > vol.capacityBytes) {
    vol.capacityBytes = size;
    touch(state);
  }
  return vol;
}

/** NodeStageVolume / NodeExpandVolume: the image and its file system grow to the recorded size (data kept). */
export function growFileSystem(state: ModelState, id: string): void {
  const vol = state.csi.volumes.get(id);
  if (vol && (vol.fsBytes < vol.capacityBytes || vol.imageBytes < vol.capacityBytes)) {
    vol.imageBytes = Math.max(vol.imageBytes, vol.capacityBytes);
    vol.fsBytes = vol.imageBytes;
    touch(state);
  }
}

/** True if the value is a refused RPC. */
export function isRpcError(v: unknown): v is RpcError {
  return !!v && typeof v === 'object' && 'code' in v && 'message' in v && !('id' in v);
}
