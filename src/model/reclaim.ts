/**
 * The PV controller's volume half: keeps each PersistentVolume's phase (Available, Bound,
 * Released, Failed) and reclaims released volumes. Retain: stays Released with its data (an
 * admin removes spec.claimRef to make it Available again). Delete: a local-path volume's
 * directory and the PV object are removed, and so are a course CSI volume's image and PV (its
 * csi-provisioner calls DeleteVolume; snapshots of it are copies and stay); a hostPath PV under /tmp is deleted by the in-tree
 * deleter; any other static PV (local, nfs, hostPath elsewhere) has no deleter and goes Failed,
 * data untouched. pv-protection: a PV being deleted stays while it is Bound (unless an admin
 * removed the finalizer: then it goes at once and its claim becomes Lost).
 */
import { CONTROL_PLANE, COURSE_CSI_DRIVER, LOCAL_PATH_PROVISIONER } from './cluster-facts.ts';
import { deleteVolume as deleteCsiVolume } from './csi-driver.ts';
import { normalizePath } from './filesystem.ts';
import type { ModelState } from './state.ts';
import { emit } from './state.ts';
import type { K8sObject } from './types.ts';

const SOURCE = 'persistentvolume-controller';

function setPhase(state: ModelState, pv: K8sObject, phase: string, message?: string): void {
  if (pv.status?.phase === phase && pv.status?.message === message) return;
  pv.status = { phase, ...(message ? { message } : {}), lastPhaseTransitionTime: state.clock.iso() };
  state.store.put(pv);
}

function claimOf(state: ModelState, pv: K8sObject): K8sObject | undefined {
  const ref = pv.spec.claimRef;
  const pvc = state.store.get('PersistentVolumeClaim', ref.namespace ?? 'default', ref.name);
  return pvc && (!ref.uid || pvc.metadata.uid === ref.uid) ? pvc : undefined;
}

/** Deletes a released volume with reclaimPolicy Delete, or marks it Failed when no deleter exists. */
function deleteVolume(state: ModelState, pv: K8sObject): void {
  const name = pv.metadata.name;
  if (pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'] === LOCAL_PATH_PROVISIONER && pv.spec.hostPath) {
    const node = pv.metadata.annotations?.['local.path.provisioner/selected-node'] ?? pv.spec.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values?.[0];
    state.nodeFs.get(node)?.remove(pv.spec.hostPath.path);
    state.store.remove('PersistentVolume', '', name);
    return;
  }
  if (pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'] === COURSE_CSI_DRIVER && pv.spec.csi?.driver === COURSE_CSI_DRIVER) {
    deleteCsiVolume(state, String(pv.spec.csi.volumeHandle));
    state.store.remove('PersistentVolume', '', name);
    return;
  }
  if (pv.spec.hostPath) {
    const path = normalizePath(pv.spec.hostPath.path);
    if (/^\/tmp\/.+/.test(path)) {
      state.nodeFs.get(CONTROL_PLANE)?.remove(path);
      state.store.remove('PersistentVolume', '', name);
      return;
    }
    const message = `host_path deleter only supports /tmp/.+ but received provided ${path}`;
    emit(state, pv, 'Warning', 'VolumeFailedDelete', message, SOURCE);
    setPhase(state, pv, 'Failed', message);
    return;
  }
  const message = `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`;
  emit(state, pv, 'Warning', 'VolumeFailedDelete', message, SOURCE);
  setPhase(state, pv, 'Failed', message);
}

/** One pass over every PersistentVolume. */
export function syncVolumes(state: ModelState): void {
  for (const pv of state.store.list('PersistentVolume')) {
    const phase = pv.status?.phase;
    if (pv.metadata.deletionTimestamp && !(pv.metadata.finalizers ?? []).includes('kubernetes.io/pv-protection')) {
      state.store.remove('PersistentVolume', '', pv.metadata.name);
      continue;
    }
    if (!pv.spec?.claimRef) {
      if (pv.metadata.deletionTimestamp) state.store.remove('PersistentVolume', '', pv.metadata.name);
      else setPhase(state, pv, 'Available');
      continue;
    }
    const pvc = claimOf(state, pv);
    if (pvc) {
      const bound = pvc.spec?.volumeName === pv.metadata.name;
      if (bound) setPhase(state, pv, 'Bound');
      else if (phase !== 'Bound' && phase !== 'Available') setPhase(state, pv, 'Available');
      continue;
    }
    if (!pv.spec.claimRef.uid) {
      if (pv.metadata.deletionTimestamp) state.store.remove('PersistentVolume', '', pv.metadata.name);
      else setPhase(state, pv, 'Available');
      continue;
    }
    if (phase === 'Failed') {
      if (pv.metadata.deletionTimestamp) state.store.remove('PersistentVolume', '', pv.metadata.name);
      continue;
    }
    if (phase !== 'Released') setPhase(state, pv, 'Released');
    const policy = pv.spec.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Delete') deleteVolume(state, pv);
    else if (pv.metadata.deletionTimestamp) state.store.remove('PersistentVolume', '', pv.metadata.name);
  }
}
