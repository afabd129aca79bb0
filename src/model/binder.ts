/**
 * The PV controller's binding half: matches claims to volumes and keeps both phases right.
 * A claim binds to the smallest Available volume that passes every filter: same class (unset on
 * the PV counts as ""), same volumeMode, PV labels match the claim's selector, the PV offers all
 * requested access modes, capacity >= request, and (once the scheduler picked a node) the PV's
 * nodeAffinity admits that node. Binding is one-to-one and honours pre-binding through
 * spec.volumeName and spec.claimRef. A class with volumeBindingMode WaitForFirstConsumer delays
 * binding until the scheduler annotates volume.kubernetes.io/selected-node; otherwise an
 * unmatched claim is provisioned (provisioner.ts) or waits with FailedBinding /
 * ProvisioningFailed. A bound claim whose PV disappears is Lost.
 */
import { className, defaultClass } from './class-names.ts';
import { setAnnotation } from './objects.ts';
import { SELECTED_NODE, provision } from './provisioner.ts';
import { quantityAtLeast, parseQuantity } from './quantity.ts';
import { matchNodeSelectorTerms, matchSelector } from './selectors.ts';
import type { ModelState } from './state.ts';
import { RESYNC_MS, emit } from './state.ts';
import type { K8sObject } from './types.ts';

const SOURCE = 'persistentvolume-controller';

/** The claim's class name ("" if none), its StorageClass object, and whether binding waits for a consumer. */
export function claimClass(state: ModelState, pvc: K8sObject): { name: string; sc?: K8sObject; delayed: boolean } {
  const name = className(pvc) ?? '';
  const sc = name ? state.store.get('StorageClass', '', name) : undefined;
  return { name, sc, delayed: sc?.volumeBindingMode === 'WaitForFirstConsumer' };
}

/**
 * Why a claim that names pv in spec.volumeName cannot bind to it (undefined if it can): the PV
 * controller's checkVolumeSatisfyClaim looks at class, volumeMode, access modes and size only,
 * never at the claim's selector or the PV's node affinity (lesson 4's walk-through shows a claim
 * whose selector the PV does not match binding to it).
 */
export function prebindMismatch(pv: K8sObject, pvc: K8sObject): string | undefined {
  if (className(pv) !== (className(pvc) ?? '')) return 'storageClassName does not match';
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return 'incompatible volumeMode';
  const offered: string[] = pv.spec?.accessModes ?? [];
  if (!((pvc.spec?.accessModes ?? []) as string[]).every((m) => offered.includes(m))) return 'incompatible accessMode';
  if (!quantityAtLeast(pv.spec?.capacity?.storage, pvc.spec?.resources?.requests?.storage)) return 'requested PV is too small';
  return undefined;
}

/** Why pv cannot serve pvc (undefined if it can), ignoring whether pv is free. */
export function mismatch(pv: K8sObject, pvc: K8sObject, node?: string, nodeLabels?: Record<string, string>): string | undefined {
  const basic = prebindMismatch(pv, pvc);
  if (basic) return basic;
  if (pvc.spec?.selector && !matchSelector(pvc.spec.selector, pv.metadata.labels ?? {})) return 'PV labels do not match the claim selector';
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (node && terms && !matchNodeSelectorTerms(terms, node, nodeLabels ?? {})) return 'PV node affinity does not match the selected node';
  return undefined;
}

function claimRefMatches(pv: K8sObject, pvc: K8sObject): boolean {
  const ref = pv.spec?.claimRef;
  return !!ref && ref.name === pvc.metadata.name && (ref.namespace ?? 'default') === pvc.metadata.namespace && (!ref.uid || ref.uid === pvc.metadata.uid);
}

/** The best Available volume for an unbound claim (smallest sufficient; ties by name), optionally restricted to a node. */
export function findMatchingVolume(state: ModelState, pvc: K8sObject, node?: string): K8sObject | undefined {
  const nodeLabels = node ? (state.store.get('Node', '', node)?.metadata.labels ?? {}) : undefined;
  const candidates = state.store
    .list('PersistentVolume')
    .filter((pv) => !pv.metadata.deletionTimestamp && (pv.status?.phase ?? 'Available') === 'Available')
    .filter((pv) => !pv.spec?.claimRef || claimRefMatches(pv, pvc))
    .filter((pv) => mismatch(pv, pvc, node, nodeLabels) === undefined);
  candidates.sort((a, b) => (parseQuantity(a.spec.capacity.storage) ?? 0) - (parseQuantity(b.spec.capacity.storage) ?? 0) || a.metadata.name.localeCompare(b.metadata.name));
  return candidates[0];
}

/** Binds pv and pvc to each other (writes claimRef / volumeName, annotations and both phases). */
export function bind(state: ModelState, pv: K8sObject, pvc: K8sObject): void {
  if (!claimRefMatches(pv, pvc) || !pv.spec.claimRef.uid) {
    if (!pv.spec.claimRef) setAnnotation(pv, 'pv.kubernetes.io/bound-by-controller', 'yes');
    pv.spec.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion };
  }
  pv.status = { ...pv.status, phase: 'Bound' };
  state.store.put(pv);
  if (!pvc.spec.volumeName) {
    pvc.spec.volumeName = pv.metadata.name;
    setAnnotation(pvc, 'pv.kubernetes.io/bound-by-controller', 'yes');
  }
  setAnnotation(pvc, 'pv.kubernetes.io/bind-completed', 'yes');
  pvc.status = { phase: 'Bound', accessModes: [...(pv.spec.accessModes ?? [])], capacity: { storage: pv.spec.capacity?.storage } };
  state.store.put(pvc);
}

function setClaimPhase(state: ModelState, pvc: K8sObject, phase: string): void {
  if (pvc.status?.phase === phase) return;
  pvc.status = phase === 'Lost' ? { ...pvc.status, phase } : { phase };
  state.store.put(pvc);
}

/** Claim has spec.volumeName: finish, refuse or mark Lost. */
function syncPrebound(state: ModelState, pvc: K8sObject): void {
  const pv = state.store.get('PersistentVolume', '', pvc.spec.volumeName);
  if (!pv) {
    if (pvc.status?.phase === 'Bound' || pvc.status?.phase === 'Lost') {
      if (pvc.status.phase === 'Bound') emit(state, pvc, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!', SOURCE);
      setClaimPhase(state, pvc, 'Lost');
    } else setClaimPhase(state, pvc, 'Pending');
    return;
  }
  if (pv.spec?.claimRef && !claimRefMatches(pv, pvc)) {
    emit(state, pvc, 'Warning', 'FailedBinding', `volume "${pv.metadata.name}" already bound to a different claim.`, SOURCE, RESYNC_MS);
    setClaimPhase(state, pvc, 'Pending');
    return;
  }
  if (!pv.spec?.claimRef) {
    const why = prebindMismatch(pv, pvc);
    if (why) {
      emit(state, pvc, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${pv.metadata.name}": ${why}`, SOURCE, RESYNC_MS);
      setClaimPhase(state, pvc, 'Pending');
      return;
    }
  }
  if (pvc.status?.phase !== 'Bound' || pv.status?.phase !== 'Bound') bind(state, pv, pvc);
}

/** One pass over an unbound claim without volumeName. */
function syncUnbound(state: ModelState, pvc: K8sObject): void {
  if (className(pvc) === undefined) {
    const def = defaultClass(state);
    if (def) {
      pvc.spec.storageClassName = def.metadata.name;
      state.store.put(pvc);
    }
  }
  const prebound = state.store.list('PersistentVolume').find((pv) => claimRefMatches(pv, pvc) && !pv.metadata.deletionTimestamp);
  if (prebound) {
    const why = mismatch(prebound, pvc);
    if (!why) return bind(state, prebound, pvc);
    emit(state, pvc, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${prebound.metadata.name}": ${why}`, SOURCE, RESYNC_MS);
  }
  setClaimPhase(state, pvc, 'Pending');
  const cls = claimClass(state, pvc);
  const node = pvc.metadata.annotations?.[SELECTED_NODE];
  if (cls.delayed && !node) {
    emit(state, pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', SOURCE, RESYNC_MS);
    return;
  }
  const pv = findMatchingVolume(state, pvc, node);
  if (pv) return bind(state, pv, pvc);
  if (cls.name === '') {
    emit(state, pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', SOURCE, RESYNC_MS);
  } else if (!cls.sc) {
    emit(state, pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls.name}" not found`, SOURCE, RESYNC_MS);
  } else provision(state, pvc, cls.sc);
}

/** Binds what can be bound and keeps claim phases right. */
export function syncClaims(state: ModelState): void {
  for (const pvc of state.store.list('PersistentVolumeClaim')) {
    if (pvc.spec?.volumeName) syncPrebound(state, pvc);
    else if (!pvc.metadata.deletionTimestamp) syncUnbound(state, pvc);
  }
}
