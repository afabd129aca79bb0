/**
 * Volume expansion after admission let a Bound claim's request rise (admission/resize.ts):
 *   - the expand controller (kube-controller-manager's volume_expand) hands a CSI claim to the
 *     driver's resizer: "ExternalExpanding" (a claim of any other volume waits for a resizer that
 *     does not run, the event says so too);
 *   - the course driver's external-resizer calls ControllerExpandVolume: the PV's capacity becomes
 *     the driver's new size; the claim gets allocatedResources (the request),
 *     allocatedResourceStatuses {storage: NodeResizePending} and the conditions Resizing and
 *     FileSystemResizePending, as the real cluster shows them; events Resizing and
 *     FileSystemResizeRequired;
 *   - a size over the driver's largest volume is refused (OutOfRange): VolumeResizeFailed, and the
 *     claim records allocatedResources (the size that failed), allocatedResourceStatuses
 *     {storage: ControllerResizeInfeasible} and the condition ControllerResizeError, capacity
 *     unchanged; asking for less again (not below status.capacity, admission/resize.ts) resizes
 *     to that size (recovery from a failed expansion, GA v1.34);
 *   - the kubelet of a node where a running pod mounts the volume does NodeExpandVolume at its
 *     next sync of that pod after the controller part: when the pod starts, when its labels or
 *     annotations change (kubelet.ts notes each sync), or at its periodic sync (KUBELET_SYNC_MS,
 *     measured 83 s on the course cluster): the file system grows (data kept), status.capacity
 *     becomes the PV's, the conditions and allocatedResourceStatuses go, and both the claim and
 *     the pod get FileSystemResizeSuccessful.
 * fileSystemBytes is what df reports for a course CSI volume: XFS's internal log is 64 MiB at
 * every size the driver makes (at least 300 MiB), and df's total leaves it out (measured: 1Gi ->
 * 983040 KiB, 2Gi -> 2031616 KiB).
 */
import { COURSE_CSI_DRIVER } from './cluster-facts.ts';
import { controllerExpand, isRpcError, rpcText } from './csi-driver.ts';
import { claimClass } from './binder.ts';
import { formatBinaryQuantity, parseQuantity } from './quantity.ts';
import type { CsiVolume, ModelState, PodRuntime } from './state.ts';
import { RESYNC_MS, emit, touch } from './state.ts';
import type { K8sObject } from './types.ts';

/** The kubelet's periodic sync of a pod (syncFrequency 1 min plus jitter; measured 83 s). */
export const KUBELET_SYNC_MS = 80_000;
/** XFS's internal log on a course CSI volume, which df's total leaves out. */
export const XFS_LOG_BYTES = 64 * 2 ** 20;
const RESIZER = `external-resizer ${COURSE_CSI_DRIVER}`;
const PENDING_MESSAGE = 'Waiting for user to (re-)start a pod to finish file system resize of volume on node.';

/** The total df reports for a course CSI volume's file system. */
export function fileSystemBytes(vol: CsiVolume): number {
  return vol.fsBytes - XFS_LOG_BYTES;
}

const bytes = (q: unknown) => parseQuantity(q) ?? 0;

function setCondition(pvc: K8sObject, type: string, iso: string, message?: string): void {
  const conds = ((pvc.status.conditions as any[]) ?? []).filter((c) => c.type !== type);
  const old = ((pvc.status.conditions as any[]) ?? []).find((c) => c.type === type);
  conds.push({ lastProbeTime: null, lastTransitionTime: old?.lastTransitionTime ?? iso, ...(message ? { message } : {}), status: 'True', type });
  pvc.status.conditions = conds;
}

/** The controller part for one Bound claim whose request is above what it has. */
function controllerPart(state: ModelState, pvc: K8sObject, pv: K8sObject): void {
  const want = bytes(pvc.spec.resources?.requests?.storage);
  // After an infeasible size the claim may ask for less again (recovery from a failed
  // expansion): then only the capacity it has counts, not the size that failed.
  const infeasible = pvc.status?.allocatedResourceStatuses?.storage === 'ControllerResizeInfeasible';
  const allocated = bytes(pvc.status?.allocatedResources?.storage);
  const have = infeasible ? (want === allocated ? want : bytes(pvc.status?.capacity?.storage)) : Math.max(bytes(pvc.status?.capacity?.storage), allocated);
  if (want <= have) return;
  const name = pv.metadata.name;
  emit(state, pvc, 'Normal', 'ExternalExpanding', 'waiting for an external controller to expand this PVC', 'volume_expand', RESYNC_MS);
  if (pv.spec.csi?.driver !== COURSE_CSI_DRIVER) return;
  emit(state, pvc, 'Normal', 'Resizing', `External resizer is resizing volume ${name}`, RESIZER, RESYNC_MS);
  const handle = String(pv.spec.csi.volumeHandle);
  const fsBefore = state.csi.volumes.get(handle)?.fsBytes;
  const vol = controllerExpand(state, handle, want);
  if (isRpcError(vol)) {
    emit(state, pvc, 'Warning', 'VolumeResizeFailed', `resize volume "${name}" by resizer "${COURSE_CSI_DRIVER}" failed: ${rpcText(vol)}`, RESIZER, RESYNC_MS);
    // A size the driver can never give (OutOfRange) is infeasible: the claim records the size
    // that failed and why, and keeps its capacity (measured on the course cluster, 2026-12-07).
    if (vol.code === 'OutOfRange') {
      const iso = state.clock.iso();
      pvc.status = { ...pvc.status, allocatedResources: { storage: pvc.spec.resources.requests.storage }, allocatedResourceStatuses: { storage: 'ControllerResizeInfeasible' } };
      setCondition(pvc, 'Resizing', iso);
      setCondition(pvc, 'ControllerResizeError', iso, `failed to expand pvc with ${rpcText(vol)}`);
      state.store.put(pvc);
    }
    return;
  }
  if (fsBefore !== undefined && vol.fsBytes < vol.capacityBytes) {
    vol.expandedAt = state.clock.now();
    touch(state);
    vol.expandedSeq = state.runtimeVersion;
  }
  pv.spec.capacity = { ...pv.spec.capacity, storage: formatBinaryQuantity(vol.capacityBytes) };
  state.store.put(pv);
  const iso = state.clock.iso();
  pvc.status = { ...pvc.status, allocatedResources: { storage: pvc.spec.resources.requests.storage }, allocatedResourceStatuses: { storage: 'NodeResizePending' } };
  pvc.status.conditions = ((pvc.status.conditions as any[]) ?? []).filter((c) => c.type !== 'ControllerResizeError');
  setCondition(pvc, 'Resizing', iso);
  setCondition(pvc, 'FileSystemResizePending', iso, PENDING_MESSAGE);
  state.store.put(pvc);
  emit(state, pvc, 'Normal', 'FileSystemResizeRequired', 'Require file system resize of volume on node', RESIZER);
}

/** Running pods on the volume's node that mount it, with their kubelet records. */
function mountingPods(state: ModelState, vol: CsiVolume): { pod: K8sObject; rt: PodRuntime }[] {
  const out: { pod: K8sObject; rt: PodRuntime }[] = [];
  for (const pod of state.store.list('Pod')) {
    const rt = state.pods.get(pod.metadata.uid!);
    if (rt && rt.node === vol.node && !pod.metadata.deletionTimestamp && rt.mounts?.some((m) => m.csiVolume === vol.id)) out.push({ pod, rt });
  }
  return out;
}

/** The kubelet part for one claim waiting for NodeExpandVolume. */
function nodePart(state: ModelState, pvc: K8sObject, pv: K8sObject): void {
  if (pvc.status?.allocatedResourceStatuses?.storage !== 'NodeResizePending' || pv.spec.csi?.driver !== COURSE_CSI_DRIVER) return;
  const vol = state.csi.volumes.get(String(pv.spec.csi.volumeHandle));
  if (!vol) return;
  const since = vol.expandedSeq ?? 0;
  const synced = mountingPods(state, vol).filter(({ rt }) => (rt.syncSeq ?? 0) > since);
  if (synced.length === 0) return;
  vol.imageBytes = Math.max(vol.imageBytes, vol.capacityBytes);
  vol.fsBytes = vol.imageBytes;
  vol.expandedAt = undefined;
  vol.expandedSeq = undefined;
  touch(state);
  const { allocatedResourceStatuses: _done, conditions, ...rest } = pvc.status;
  const left = ((conditions as any[]) ?? []).filter((c) => c.type !== 'Resizing' && c.type !== 'FileSystemResizePending');
  pvc.status = { ...rest, capacity: { ...pvc.status.capacity, storage: pv.spec.capacity.storage }, ...(left.length ? { conditions: left } : {}) };
  state.store.put(pvc);
  const message = `MountVolume.NodeExpandVolume succeeded for volume "${pv.metadata.name}" ${vol.node}`;
  emit(state, pvc, 'Normal', 'FileSystemResizeSuccessful', message, 'kubelet');
  for (const { pod } of synced) emit(state, pod, 'Normal', 'FileSystemResizeSuccessful', message, 'kubelet');
}

/** One pass over every Bound claim: the controller part, then the node part. */
export function syncExpansions(state: ModelState): void {
  for (const pvc of state.store.list('PersistentVolumeClaim')) {
    if (pvc.status?.phase !== 'Bound' || !pvc.spec?.volumeName || pvc.metadata.deletionTimestamp) continue;
    const pv = state.store.get('PersistentVolume', '', pvc.spec.volumeName);
    if (!pv) continue;
    if (claimClass(state, pvc).sc?.allowVolumeExpansion === true) controllerPart(state, pvc, pv);
    nodePart(state, pvc, state.store.get('PersistentVolume', '', pvc.spec.volumeName)!);
  }
}

/** The periodic kubelet syncs of pods that would do a pending NodeExpandVolume. */
export function expansionDue(state: ModelState): number[] {
  const out: number[] = [];
  for (const vol of state.csi.volumes.values()) {
    if (vol.expandedAt === undefined) continue;
    for (const { rt } of mountingPods(state, vol)) out.push((rt.lastSync ?? rt.startedAt) + KUBELET_SYNC_MS);
  }
  return out;
}
