/**
 * csi-provisioner (external-provisioner v6.4.0 with sig-storage-lib-external-provisioner v13,
 * --node-deployment) for the course's CSI driver. A WaitForFirstConsumer claim is provisioned
 * once the scheduler annotated its node (each node's provisioner takes only its own node's
 * claims); an Immediate one on a node chosen by the claim's uid (the nodes race for it). Before
 * CreateVolume it checks the claim's data source as prepareProvision does:
 *   - a VolumeSnapshot must be of the apiGroup snapshot.storage.k8s.io, exist, be bound to a
 *     content of this driver, be readyToUse, and restoreSize must not exceed the request;
 *   - a PersistentVolumeClaim (a clone) must exist in the namespace, be Bound to a volume of this
 *     driver, not be being deleted, and not ask for more than the clone;
 *   - any other kind is left to an external populator ("Assuming an external populator will
 *     provision the volume"): nothing happens, the claim waits.
 * A refusal is a ProvisioningFailed Warning with the provisioner's own text (v13 does not prefix
 * "failed to provision volume with StorageClass"), repeated while the claim waits. On success:
 * PV pvc-<claim uid> with spec.csi {driver, volumeHandle, volumeAttributes}, node affinity to the
 * volume's node (topology.k8s-storage-course.local/node), capacity as the driver made it (at
 * least 300Mi, whole MiB), the class's reclaimPolicy, the claim's claimRef, and the annotations
 * and finalizers the provisioner sets. No fsType: the StorageClass names none and the
 * provisioner runs without --default-fstype (the driver formats XFS regardless).
 */
import { COURSE_CSI_DRIVER, COURSE_CSI_TOPOLOGY_KEY } from './cluster-facts.ts';
import { createVolume, isRpcError, rpcText, type VolumeSource } from './csi-driver.ts';
import { createObject, setAnnotation } from './objects.ts';
import { SELECTED_NODE } from './provisioner.ts';
import { formatBinaryQuantity, parseQuantity } from './quantity.ts';
import { templateHash } from './random.ts';
import type { ModelState } from './state.ts';
import { RESYNC_MS, emit } from './state.ts';
import type { K8sObject } from './types.ts';

export const SNAPSHOT_API_GROUP = 'snapshot.storage.k8s.io';
const PROVISIONER_IDENTITY_KEY = 'storage.kubernetes.io/csiProvisionerIdentity';
/** Kept on the PV until the provisioner deleted the volume (the lib's AddFinalizer(true)). */
export const PROVISIONER_FINALIZER = 'external-provisioner.volume.kubernetes.io/finalizer';

/** The event source of the csi-provisioner on node (provisioner name _ its pod's host name). */
export function provisionerSource(node: string): string {
  return `${COURSE_CSI_DRIVER}_course-csi-node-${templateHash(node).slice(0, 5)}`;
}

/** The data source the provisioner looks at: spec.dataSource, else spec.dataSourceRef (namespace: the claim's). */
export function claimDataSource(pvc: K8sObject): { apiGroup: string; kind: string; name: string } | undefined {
  const ds = pvc.spec?.dataSource ?? pvc.spec?.dataSourceRef;
  if (!ds) return undefined;
  return { apiGroup: String(ds.apiGroup ?? ''), kind: String(ds.kind ?? ''), name: String(ds.name ?? '') };
}

type Check = { ok: true; source?: VolumeSource } | { ok: false; message: string; populator?: boolean };

/** external-provisioner getSnapshotSource. */
function snapshotSource(state: ModelState, pvc: K8sObject, sc: K8sObject, name: string): Check {
  const ns = pvc.metadata.namespace!;
  const fail = (inner: string): Check => ({ ok: false, message: `error getting handle for DataSource Type VolumeSnapshot by Name ${name}: ${inner}` });
  const snap = state.store.get('VolumeSnapshot', ns, name);
  if (!snap) return fail(`error getting snapshot ${name} from api server: volumesnapshots.snapshot.storage.k8s.io "${name}" not found`);
  if (snap.metadata.deletionTimestamp) return fail(`snapshot ${name} is being deleted`);
  const contentName = snap.status?.boundVolumeSnapshotContentName;
  if (!contentName) return fail(`snapshot ${name} not bound`);
  const content = state.store.get('VolumeSnapshotContent', '', contentName);
  if (!content) return fail(`error getting snapshotcontent ${contentName} for snapshot ${name}`);
  const ref = content.spec?.volumeSnapshotRef ?? {};
  if (ref.uid !== snap.metadata.uid || ref.namespace !== ns || ref.name !== name) return fail(`snapshotcontent ${contentName} for snapshot ${name} is bound to a different snapshot`);
  if (content.spec?.driver !== sc.provisioner) return fail(`snapshotcontent ${contentName} for snapshot ${name} is not handled by CSI driver of StorageClass ${sc.metadata.name}`);
  if (snap.status?.readyToUse !== true) return fail(`snapshot ${name} is not Ready`);
  const handle = content.status?.snapshotHandle;
  if (!handle) return fail(`snapshot handle ${name} is not available`);
  if (snap.status?.restoreSize !== undefined) {
    const requested = parseQuantity(pvc.spec?.resources?.requests?.storage) ?? 0;
    const restore = parseQuantity(snap.status.restoreSize) ?? 0;
    if (requested < restore) return fail(`requested volume size ${Math.floor(requested)} is less than the size ${Math.floor(restore)} for the source snapshot ${name}`);
  }
  return { ok: true, source: { snapshotId: handle } };
}

/** Go's %v of an empty-ish PersistentVolumeClaimStatus, as the clone check prints it. */
function goClaimStatus(pvc: K8sObject): string {
  const s = pvc.status ?? {};
  const list = (v: unknown) => `[${((v as unknown[]) ?? []).join(' ')}]`;
  const map = (v: Record<string, unknown> | undefined) => `map[${Object.entries(v ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => `${k}:${String(x)}`).join(' ')}]`;
  return `{${s.phase ?? ''} ${list(s.accessModes)} ${map(s.capacity)} [] ${map(s.allocatedResources)} ${map(s.allocatedResourceStatuses)} <nil> <nil>}`;
}

/** external-provisioner getPVCSource. */
function cloneSource(state: ModelState, pvc: K8sObject, sc: K8sObject, name: string): Check {
  const ns = pvc.metadata.namespace!;
  const fail = (inner: string): Check => ({ ok: false, message: `error getting handle for DataSource Type PersistentVolumeClaim by Name ${name}: ${inner}` });
  const src = state.store.get('PersistentVolumeClaim', ns, name);
  if (!src) return fail(`error getting PVC ${name} (namespace "${ns}") from api server: persistentvolumeclaim "${name}" not found`);
  if (src.status?.phase !== 'Bound') return fail(`the PVC DataSource ${name} must have a status of Bound.  Got ${goClaimStatus(src)}`);
  if (src.metadata.deletionTimestamp) return fail(`the PVC DataSource ${name} is currently being deleted`);
  if (src.spec?.storageClassName == null) return fail(`the source PVC (${name}) storageclass cannot be empty`);
  if (pvc.spec?.storageClassName == null) return fail(`the requested PVC (${pvc.metadata.name}) storageclass cannot be empty`);
  const requested = parseQuantity(pvc.spec?.resources?.requests?.storage) ?? 0;
  const srcSize = parseQuantity(src.spec?.resources?.requests?.storage) ?? 0;
  if (requested < srcSize) return fail(`error, new PVC request must be greater than or equal in size to the specified PVC data source, requested ${Math.floor(requested)} but source is ${Math.floor(srcSize)}`);
  if (!src.spec?.volumeName) return fail(`volume name is empty in source PVC ${name}`);
  const pv = state.store.get('PersistentVolume', '', src.spec.volumeName);
  const ref = pv?.spec?.claimRef;
  if (!pv?.spec?.csi || pv.spec.csi.driver !== sc.provisioner || !ref || ref.uid !== src.metadata.uid || ref.namespace !== ns || ref.name !== name || pv.status?.phase !== 'Bound') {
    return fail('claim in dataSource not bound or invalid');
  }
  return { ok: true, source: { volumeId: pv.spec.csi.volumeHandle } };
}

/** prepareProvision's data source part. */
function checkDataSource(state: ModelState, pvc: K8sObject, sc: K8sObject): Check {
  const ds = claimDataSource(pvc);
  if (!ds) return { ok: true };
  if (!ds.name) return { ok: false, message: `the PVC source not found for PVC ${pvc.metadata.name}` };
  if (ds.kind === 'VolumeSnapshot') {
    if (ds.apiGroup !== SNAPSHOT_API_GROUP) return { ok: false, message: `the PVC source does not belong to the right APIGroup. Expected ${SNAPSHOT_API_GROUP}, Got ${ds.apiGroup}` };
    return { ok: true };
  }
  if (ds.kind === 'PersistentVolumeClaim') return { ok: true };
  return { ok: false, populator: true, message: 'Assuming an external populator will provision the volume' };
}

const CSI_MODES: Record<string, string> = { ReadOnlyMany: 'MULTI_NODE_READER_ONLY', ReadWriteMany: 'MULTI_NODE_MULTI_WRITER' };

/** The driver's refusal of the claim's access modes (validate.go unsupported), if any. */
function accessModeRefusal(pvc: K8sObject): string | undefined {
  for (const m of (pvc.spec?.accessModes ?? []) as string[]) {
    const mode = CSI_MODES[m];
    if (mode) return `access mode ${mode} needs a volume that several nodes use at once, and this driver's volume is a file on one node: use ReadWriteOnce or ReadWriteOncePod`;
  }
  return undefined;
}

/** The node an Immediate claim's volume lands on: the same for the same claim. */
function raceWinner(state: ModelState, pvc: K8sObject): string {
  const nodes = [...state.nodeFs.keys()].sort();
  let h = 0;
  for (const ch of pvc.metadata.uid ?? pvc.metadata.name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return nodes[h % nodes.length]!;
}

/** One provisioning attempt for an unbound claim of a class whose provisioner is the course driver. */
export function provisionCourseCsi(state: ModelState, pvc: K8sObject, sc: K8sObject): void {
  const delayed = sc.volumeBindingMode === 'WaitForFirstConsumer';
  const node = delayed ? pvc.metadata.annotations?.[SELECTED_NODE] : raceWinner(state, pvc);
  if (!node) return;
  const pvName = `pvc-${pvc.metadata.uid}`;
  if (state.store.has('PersistentVolume', '', pvName)) return;
  const source = provisionerSource(node);
  const failed = (message: string) => emit(state, pvc, 'Warning', 'ProvisioningFailed', message, source, RESYNC_MS);
  emit(state, pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`, source, RESYNC_MS);
  const ds = checkDataSource(state, pvc, sc);
  if (!ds.ok) {
    if (ds.populator) emit(state, pvc, 'Normal', 'Provisioning', ds.message, source, RESYNC_MS);
    else failed(ds.message);
    return;
  }
  if (pvc.spec?.selector) return failed('claim Selector is not supported');
  const kind = claimDataSource(pvc)?.kind;
  const content = kind === 'VolumeSnapshot' ? snapshotSource(state, pvc, sc, claimDataSource(pvc)!.name) : kind === 'PersistentVolumeClaim' ? cloneSource(state, pvc, sc, claimDataSource(pvc)!.name) : ds;
  if (!content.ok) return failed(content.message);
  const modes = accessModeRefusal(pvc);
  if (modes) return failed(`Volume provisioning failed with infeasible error. Retries will be delayed. rpc error: code = InvalidArgument desc = ${modes}`);
  const requiredBytes = Math.floor(parseQuantity(pvc.spec?.resources?.requests?.storage) ?? 0);
  const vol = createVolume(state, { name: pvName, node, requiredBytes, source: content.source });
  if (isRpcError(vol)) {
    failed(rpcText(vol));
    // ResourceExhausted with a selected node: the provisioner gives the pod back to the scheduler.
    if (vol.code === 'ResourceExhausted' && delayed) {
      const again = { ...pvc, metadata: { ...pvc.metadata } };
      setAnnotation(again, SELECTED_NODE, undefined);
      state.store.put(again);
    }
    return;
  }
  const ns = pvc.metadata.namespace!;
  const nodeIndex = [...state.nodeFs.keys()].sort().indexOf(node);
  createObject(state, {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: pvName,
      annotations: {
        'pv.kubernetes.io/provisioned-by': COURSE_CSI_DRIVER,
        'volume.kubernetes.io/provisioner-deletion-secret-name': '',
        'volume.kubernetes.io/provisioner-deletion-secret-namespace': '',
      },
      finalizers: [PROVISIONER_FINALIZER, 'kubernetes.io/pv-protection'],
    },
    spec: {
      accessModes: [...(pvc.spec.accessModes ?? [])],
      capacity: { storage: formatBinaryQuantity(vol.capacityBytes) },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name: pvc.metadata.name, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion },
      csi: { driver: COURSE_CSI_DRIVER, volumeHandle: vol.id, volumeAttributes: { [PROVISIONER_IDENTITY_KEY]: `${state.clock.startTime}-${1000 + 1111 * nodeIndex}-${COURSE_CSI_DRIVER}-${node}` } },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: COURSE_CSI_TOPOLOGY_KEY, operator: 'In', values: [node] }] }] } },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
      ...(Array.isArray(sc.mountOptions) ? { mountOptions: [...sc.mountOptions] } : {}),
    },
    status: { phase: 'Pending' },
  });
  emit(state, pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, source);
}
