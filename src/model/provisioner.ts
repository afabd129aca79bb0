/**
 * Dynamic provisioning. rancher.io/local-path (kind's `standard`) is modelled like
 * local-path-provisioner: it needs the node the scheduler selected (so an Immediate class fails
 * with "configuration error, no node was specified"), accepts only ReadWriteOnce /
 * ReadWriteOncePod, refuses selectors, and makes PV `pvc-<claim uid>`: a hostPath directory
 * /var/local-path-provisioner/<pv>_<namespace>_<claim> on that node with required nodeAffinity
 * to it, the class's reclaimPolicy, bound to the claim. kubernetes.io/no-provisioner never
 * provisions. The course's CSI driver (csi.k8s-storage-course.local) has its csi-provisioner
 * running (csi-provisioner.ts). Any other provisioner is an external one that is not running:
 * the claim waits. local-path-provisioner v0.0.30 never looks at a claim's dataSource (neither
 * does sig-storage-lib-external-provisioner v10 it is built on), so a restore or clone claim of
 * `standard` gets an empty volume.
 */
import { COURSE_CSI_DRIVER, LOCAL_PATH_BASE, LOCAL_PATH_PROVISIONER } from './cluster-facts.ts';
import { provisionCourseCsi } from './csi-provisioner.ts';
import { createObject, setAnnotation } from './objects.ts';
import type { ModelState } from './state.ts';
import { RESYNC_MS, emit } from './state.ts';
import type { K8sObject } from './types.ts';

export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** Why local-path cannot provision this claim (undefined if it can). */
export function localPathError(pvc: K8sObject, node: string | undefined): string | undefined {
  if (pvc.spec?.selector) return 'claim Selector is not supported';
  const modes: string[] = pvc.spec?.accessModes ?? [];
  if (modes.some((m) => m !== 'ReadWriteOnce' && m !== 'ReadWriteOncePod')) return 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes';
  if (!node) return 'configuration error, no node was specified';
  return undefined;
}

/** True if the class could provision a volume for a pod on any node (used by the scheduler). */
export function canProvision(sc: K8sObject): boolean {
  return sc.provisioner !== NO_PROVISIONER;
}

/** The local-path directory of a provisioned volume. */
export function localPathDir(pvName: string, namespace: string, claim: string): string {
  return `${LOCAL_PATH_BASE}/${pvName}_${namespace}_${claim}`;
}

/** Tries to provision a volume for an unbound claim of class sc (on the selected node, if any). */
export function provision(state: ModelState, pvc: K8sObject, sc: K8sObject): void {
  const provisioner = String(sc.provisioner);
  const node = pvc.metadata.annotations?.[SELECTED_NODE];
  if (provisioner === NO_PROVISIONER) {
    emit(state, pvc, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${NO_PROVISIONER}`, 'persistentvolume-controller', RESYNC_MS);
    return;
  }
  const annotated = { ...pvc, metadata: { ...pvc.metadata } };
  setAnnotation(annotated, 'volume.beta.kubernetes.io/storage-provisioner', provisioner);
  setAnnotation(annotated, 'volume.kubernetes.io/storage-provisioner', provisioner);
  state.store.put(annotated);
  emit(
    state,
    pvc,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    'persistentvolume-controller',
    RESYNC_MS,
  );
  if (provisioner === COURSE_CSI_DRIVER) return provisionCourseCsi(state, annotated, sc);
  if (provisioner !== LOCAL_PATH_PROVISIONER) return;
  const ns = pvc.metadata.namespace!;
  const source = `${LOCAL_PATH_PROVISIONER}_local-path-provisioner`;
  const err = localPathError(pvc, node);
  if (err) {
    emit(state, pvc, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${sc.metadata.name}": ${err}`, source, RESYNC_MS);
    return;
  }
  const pvName = `pvc-${pvc.metadata.uid}`;
  if (state.store.has('PersistentVolume', '', pvName)) return;
  emit(state, pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"`, source);
  const path = localPathDir(pvName, ns, pvc.metadata.name);
  state.nodeFs.get(node!)?.mkdirp(path);
  createObject(state, {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: pvName,
      annotations: { 'local.path.provisioner/selected-node': node!, 'pv.kubernetes.io/provisioned-by': provisioner },
      finalizers: ['kubernetes.io/pv-protection'],
    },
    spec: {
      accessModes: [...(pvc.spec.accessModes ?? [])],
      capacity: { storage: pvc.spec.resources?.requests?.storage },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name: pvc.metadata.name, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion },
      hostPath: { path, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node!] }] }] } },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: 'Filesystem',
      ...(Array.isArray(sc.mountOptions) ? { mountOptions: [...sc.mountOptions] } : {}),
    },
    status: { phase: 'Pending' },
  });
  emit(state, pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, source);
}
