/**
 * The snapshot controller (external-snapshotter's snapshot-controller) together with the
 * csi-snapshotter sidecar of the course's CSI driver, for dynamically taken VolumeSnapshots
 * (source.persistentVolumeClaimName). One pass per VolumeSnapshot:
 *   - the class: the one named (absent: "Failed to get snapshot class with error
 *     volumesnapshotclass.snapshot.storage.k8s.io "x" not found", GetSnapshotClassFailed), else
 *     the one default class (annotation snapshot.storage.kubernetes.io/is-default-class: "true")
 *     of the driver, which is then written into spec (none: "Failed to set default snapshot class
 *     with error cannot find default snapshot class", SetDefaultSnapshotClassFailed);
 *   - the source: the claim must exist ("... cannot get claim from snapshot"), be Bound, and its
 *     PV must be a CSI volume ("cannot find CSI PersistentVolumeSource for volume <pv>"); these
 *     failures set readyToUse: false (SnapshotContentCreationFailed), the class ones do not;
 *   - then VolumeSnapshotContent snapcontent-<snapshot uid> (deletionPolicy from the class), the
 *     driver's CreateSnapshot of the volume (named snapshot-<snapshot uid>), the content's status
 *     (snapshotHandle, readyToUse, restoreSize in bytes, creationTime in ns) and the snapshot's
 *     (boundVolumeSnapshotContentName, readyToUse, restoreSize as a quantity, creationTime), with
 *     the events CreatingSnapshot, SnapshotCreated and SnapshotReady. On the real cluster this takes
 *     a few seconds; here it happens in the same reconcile.
 * Failures are retried on every pass (the error event is repeated at the re-sync period), so a
 * snapshot of a claim that binds later is taken then. Deleting a snapshot waits while a Pending
 * claim restores from it (SnapshotDeletePending "Snapshot is being used to restore a PVC"); then
 * a Delete content goes with the driver's snapshot (volumes restored from it are copies and stay),
 * a Retain content stays. The source claim carries no finalizer of the controller in the model
 * (on the real cluster pvc-as-source-protection only holds a claim while a snapshot is being cut).
 */
import { COURSE_CSI_DRIVER, DEFAULT_SNAPSHOT_CLASS_ANNOTATION } from '../cluster-facts.ts';
import { createSnapshot, deleteSnapshot, isRpcError, rpcText } from '../csi-driver.ts';
import { SNAPSHOT_API_GROUP, claimDataSource } from '../csi-provisioner.ts';
import { createObject } from '../objects.ts';
import { formatBinaryQuantity } from '../quantity.ts';
import type { ModelState } from '../state.ts';
import { RESYNC_MS, emit } from '../state.ts';
import type { K8sObject } from '../types.ts';

const SOURCE = 'snapshot-controller';
export const SNAPSHOT_FINALIZERS = ['snapshot.storage.kubernetes.io/volumesnapshot-as-source-protection', 'snapshot.storage.kubernetes.io/volumesnapshot-bound-protection'];
export const CONTENT_FINALIZER = 'snapshot.storage.kubernetes.io/volumesnapshotcontent-bound-protection';
const MANAGED_BY = 'snapshot.storage.kubernetes.io/managed-by';

/** The content name the controller gives a snapshot's content. */
export function contentNameFor(snap: K8sObject): string {
  return `snapcontent-${snap.metadata.uid}`;
}

/** Records an error on the snapshot's status (readyToUse: false only where the controller sets it) and a Warning event. */
function failSnapshot(state: ModelState, snap: K8sObject, reason: string, message: string, readyFalse: boolean): void {
  const error = snap.status?.error?.message === message ? snap.status.error : { message, time: state.clock.iso() };
  snap.status = { ...(snap.status ?? {}), error, ...(readyFalse ? { readyToUse: false } : {}) };
  state.store.put(snap);
  emit(state, snap, 'Warning', reason, message, SOURCE, RESYNC_MS);
}

/** The snapshot's class, or undefined after recording why there is none. */
function resolveClass(state: ModelState, snap: K8sObject): K8sObject | undefined {
  const named = snap.spec?.volumeSnapshotClassName;
  if (typeof named === 'string' && named !== '') {
    const cls = state.store.get('VolumeSnapshotClass', '', named);
    if (!cls) failSnapshot(state, snap, 'GetSnapshotClassFailed', `Failed to get snapshot class with error volumesnapshotclass.snapshot.storage.k8s.io "${named}" not found`, false);
    return cls;
  }
  const defaults = state.store.list('VolumeSnapshotClass').filter((c) => c.driver === COURSE_CSI_DRIVER && c.metadata.annotations?.[DEFAULT_SNAPSHOT_CLASS_ANNOTATION] === 'true');
  if (defaults.length !== 1) {
    const why = defaults.length === 0 ? 'cannot find default snapshot class' : `${defaults.length} default snapshot classes were found`;
    failSnapshot(state, snap, 'SetDefaultSnapshotClassFailed', `Failed to set default snapshot class with error ${why}`, false);
    return undefined;
  }
  snap.spec = { ...snap.spec, volumeSnapshotClassName: defaults[0]!.metadata.name };
  state.store.put(snap);
  return defaults[0];
}

/** The source claim's CSI volume handle, or undefined after recording why there is none. */
function sourceVolume(state: ModelState, snap: K8sObject): { pv: K8sObject; handle: string } | undefined {
  const ns = snap.metadata.namespace!;
  const claimName = snap.spec?.source?.persistentVolumeClaimName;
  const fail = (why: string) => failSnapshot(state, snap, 'SnapshotContentCreationFailed', `Failed to create snapshot content with error ${why}`, true);
  const pvc = claimName ? state.store.get('PersistentVolumeClaim', ns, String(claimName)) : undefined;
  if (!pvc) return void fail(`snapshot controller failed to update ${snap.metadata.name} on API server: cannot get claim from snapshot`);
  if (pvc.status?.phase !== 'Bound' || !pvc.spec?.volumeName) {
    return void fail(`snapshot controller failed to update ${snap.metadata.name} on API server: the PVC ${pvc.metadata.name} is not yet bound to a PV, will not attempt to take a snapshot`);
  }
  const pv = state.store.get('PersistentVolume', '', pvc.spec.volumeName);
  if (!pv?.spec?.csi) return void fail(`cannot find CSI PersistentVolumeSource for volume ${pvc.spec.volumeName}`);
  return { pv, handle: String(pv.spec.csi.volumeHandle) };
}

/** True if a Pending claim in the snapshot's namespace is being restored from it. */
function restoring(state: ModelState, snap: K8sObject): boolean {
  return state.store.list('PersistentVolumeClaim', snap.metadata.namespace).some((pvc) => {
    const ds = claimDataSource(pvc);
    return pvc.status?.phase === 'Pending' && ds?.kind === 'VolumeSnapshot' && ds.apiGroup === SNAPSHOT_API_GROUP && ds.name === snap.metadata.name;
  });
}

/** Finishes deleting a snapshot once nothing restores from it. */
function finishDelete(state: ModelState, snap: K8sObject): void {
  if (restoring(state, snap)) {
    emit(state, snap, 'Warning', 'SnapshotDeletePending', 'Snapshot is being used to restore a PVC', SOURCE, RESYNC_MS);
    return;
  }
  const contentName = snap.status?.boundVolumeSnapshotContentName ?? contentNameFor(snap);
  const content = state.store.get('VolumeSnapshotContent', '', contentName);
  if (content && content.spec?.volumeSnapshotRef?.uid === snap.metadata.uid) {
    if (content.spec.deletionPolicy === 'Delete') {
      if (content.status?.snapshotHandle) deleteSnapshot(state, String(content.status.snapshotHandle));
      state.store.remove('VolumeSnapshotContent', '', contentName);
    } else {
      content.metadata.finalizers = (content.metadata.finalizers ?? []).filter((f: string) => f !== CONTENT_FINALIZER);
      state.store.put(content);
    }
  }
  state.store.remove('VolumeSnapshot', snap.metadata.namespace!, snap.metadata.name);
}

/** Takes one snapshot: content, the driver's CreateSnapshot, both statuses, the events. */
function take(state: ModelState, snap: K8sObject): void {
  const cls = resolveClass(state, snap);
  if (!cls) return;
  const src = sourceVolume(state, snap);
  if (!src) return;
  const ns = snap.metadata.namespace!;
  const ref = `${ns}/${snap.metadata.name}`;
  const contentName = contentNameFor(snap);
  snap.metadata.finalizers = [...new Set([...(snap.metadata.finalizers ?? []), ...SNAPSHOT_FINALIZERS])];
  let content = state.store.get('VolumeSnapshotContent', '', contentName);
  if (!content) {
    content = createObject(state, {
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotContent',
      metadata: { name: contentName, finalizers: [CONTENT_FINALIZER] },
      spec: {
        deletionPolicy: cls.deletionPolicy ?? 'Delete',
        driver: cls.driver,
        source: { volumeHandle: src.handle },
        sourceVolumeMode: src.pv.spec.volumeMode ?? 'Filesystem',
        volumeSnapshotClassName: cls.metadata.name,
        volumeSnapshotRef: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', name: snap.metadata.name, namespace: ns, resourceVersion: snap.metadata.resourceVersion, uid: snap.metadata.uid },
      },
    });
    emit(state, snap, 'Normal', 'CreatingSnapshot', `Waiting for a snapshot ${ref} to be created by the CSI driver.`, SOURCE);
  }
  // Only the course driver's csi-snapshotter runs; a content of any other driver waits.
  if (content.spec.driver !== COURSE_CSI_DRIVER) {
    snap.status = { ...(snap.status ?? {}), boundVolumeSnapshotContentName: contentName, readyToUse: false };
    state.store.put(snap);
    return;
  }
  const made = createSnapshot(state, `snapshot-${snap.metadata.uid}`, src.handle, state.clock.now());
  if (isRpcError(made)) {
    content.status = { ...(content.status ?? {}), error: { message: `Failed to check and update snapshot content: failed to take snapshot of the volume ${src.handle}: "${rpcText(made)}"`, time: state.clock.iso() }, readyToUse: false };
    state.store.put(content);
    failSnapshot(state, snap, 'SnapshotContentCheckandUpdateFailed', content.status.error.message, true);
    return;
  }
  const node = state.csi.volumes.get(src.handle)?.node ?? made.sourceNode;
  content.metadata.labels = { ...(content.metadata.labels ?? {}), [MANAGED_BY]: node };
  content.status = { creationTime: made.createdAt * 1_000_000, readyToUse: true, restoreSize: made.sizeBytes, snapshotHandle: made.id };
  state.store.put(content);
  const { error: _gone, ...rest } = snap.status ?? {};
  snap.status = { ...rest, boundVolumeSnapshotContentName: contentName, creationTime: state.clock.iso(made.createdAt), readyToUse: true, restoreSize: formatBinaryQuantity(made.sizeBytes) };
  state.store.put(snap);
  emit(state, snap, 'Normal', 'SnapshotCreated', `Snapshot ${ref} was successfully created by the CSI driver.`, SOURCE);
  emit(state, snap, 'Normal', 'SnapshotReady', `Snapshot ${ref} is ready to use.`, SOURCE);
}

/** One pass of the snapshot controller and the csi-snapshotter over every VolumeSnapshot. */
export function syncSnapshots(state: ModelState): void {
  for (const snap of state.store.list('VolumeSnapshot')) {
    if (snap.metadata.deletionTimestamp) finishDelete(state, snap);
    else if (snap.status?.readyToUse !== true) take(state, snap);
  }
  // A content whose snapshot is gone with deletionPolicy Delete goes too (its snapshot was removed around the controller).
  for (const content of state.store.list('VolumeSnapshotContent')) {
    const ref = content.spec?.volumeSnapshotRef ?? {};
    const snap = state.store.get('VolumeSnapshot', String(ref.namespace ?? ''), String(ref.name ?? ''));
    if ((!snap || snap.metadata.uid !== ref.uid) && content.spec?.deletionPolicy === 'Delete') {
      if (content.status?.snapshotHandle) deleteSnapshot(state, String(content.status.snapshotHandle));
      state.store.remove('VolumeSnapshotContent', '', content.metadata.name);
    }
  }
}
