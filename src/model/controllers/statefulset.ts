/**
 * The StatefulSet controller. Pods are <sts>-<ordinal> (ordinals from spec.ordinals.start),
 * with hostname = pod name, subdomain = serviceName and the pod-name / pod-index labels. For each
 * ordinal it first creates the claims from volumeClaimTemplates, named
 * <template>-<sts>-<ordinal> (an existing one is reused, so a re-created pod gets its old data),
 * and mounts them in place of the template's volume of that name. OrderedReady (default): pods
 * are created one at a time in ascending order, each only once all lower ones are Running and
 * Ready, and removed in descending order one at a time; Parallel: all at once. Template changes
 * roll out highest ordinal first (RollingUpdate, honouring partition; OnDelete waits).
 * persistentVolumeClaimRetentionPolicy: whenScaled / whenDeleted Retain (default) keep the
 * claims; Delete makes the claim owned by the condemned pod / by the StatefulSet, so the garbage
 * collector removes it after its owner.
 */
import { requestDelete } from '../deletion.ts';
import { MAX_MODELLED_REPLICAS } from '../limits.ts';
import { createObject, ownedBy, ownerRef, podFinished } from '../objects.ts';
import { templateHash } from '../random.ts';
import type { ModelState } from '../state.ts';
import { emit } from '../state.ts';
import type { K8sObject } from '../types.ts';
import { podReady } from './replicaset.ts';
import { defaultClaim } from '../admission/storage.ts';

const SOURCE = 'statefulset-controller';

/** The claim name for a template and ordinal. */
export function claimName(template: string, sts: string, ordinal: number): string {
  return `${template}-${sts}-${ordinal}`;
}

function revision(sts: K8sObject): string {
  return `${sts.metadata.name}-${templateHash(JSON.stringify(sts.spec.template)).slice(0, 10)}`;
}

function withOwner(obj: K8sObject, owner: K8sObject | undefined, dropUids: (string | undefined)[]): boolean {
  const refs = ((obj.metadata.ownerReferences as any[]) ?? []).filter((r) => !dropUids.includes(r.uid));
  if (owner && !refs.some((r) => r.uid === owner.metadata.uid)) refs.push(ownerRef(owner, false));
  const before = JSON.stringify(obj.metadata.ownerReferences ?? []);
  if (refs.length) obj.metadata.ownerReferences = refs;
  else delete obj.metadata.ownerReferences;
  return before !== JSON.stringify(obj.metadata.ownerReferences ?? []);
}

/** Ensures the claims of one ordinal exist; false if one is still being deleted. */
function ensureClaims(state: ModelState, sts: K8sObject, ordinal: number): boolean {
  const ns = sts.metadata.namespace!;
  const whenDeleted = sts.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain';
  for (const t of sts.spec.volumeClaimTemplates ?? []) {
    const name = claimName(t.metadata.name, sts.metadata.name, ordinal);
    const pvc = state.store.get('PersistentVolumeClaim', ns, name);
    if (pvc?.metadata.deletionTimestamp) return false;
    if (pvc) {
      if (withOwner(pvc, whenDeleted === 'Delete' ? sts : undefined, [sts.metadata.uid])) state.store.put(pvc);
      continue;
    }
    const labels = { ...(t.metadata.labels ?? {}), ...(sts.spec.selector?.matchLabels ?? {}) };
    const claim: K8sObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: ns, labels, ...(t.metadata.annotations ? { annotations: { ...t.metadata.annotations } } : {}), finalizers: ['kubernetes.io/pvc-protection'] },
      spec: structuredClone(t.spec),
      status: { phase: 'Pending' },
    };
    if (whenDeleted === 'Delete') claim.metadata.ownerReferences = [ownerRef(sts, false)];
    defaultClaim(state, claim);
    createObject(state, claim);
    emit(state, sts, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${sts.metadata.name}-${ordinal} in StatefulSet ${sts.metadata.name} success`, SOURCE);
  }
  return true;
}

function newPod(sts: K8sObject, ordinal: number): K8sObject {
  const name = `${sts.metadata.name}-${ordinal}`;
  const tmpl = structuredClone(sts.spec.template);
  const claims = (sts.spec.volumeClaimTemplates ?? []).map((t: any) => t.metadata.name as string);
  const volumes = ((tmpl.spec.volumes ?? []) as any[]).filter((v) => !claims.includes(v.name));
  for (const c of claims) volumes.push({ name: c, persistentVolumeClaim: { claimName: claimName(c, sts.metadata.name, ordinal) } });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(tmpl.metadata ?? {}),
      name,
      namespace: sts.metadata.namespace,
      labels: { ...(tmpl.metadata?.labels ?? {}), 'apps.kubernetes.io/pod-index': String(ordinal), 'controller-revision-hash': revision(sts), 'statefulset.kubernetes.io/pod-name': name },
      ownerReferences: [ownerRef(sts)],
    },
    spec: { ...tmpl.spec, volumes, hostname: name, ...(sts.spec.serviceName ? { subdomain: sts.spec.serviceName } : {}) },
    status: { phase: 'Pending' },
  };
}

function healthy(p: K8sObject | undefined): boolean {
  return !!p && !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && podReady(p);
}

/** One pass over one StatefulSet. */
function syncOne(state: ModelState, sts: K8sObject): void {
  const ns = sts.metadata.namespace!;
  const name = sts.metadata.name;
  const start = sts.spec.ordinals?.start ?? 0;
  // Admission caps replicas (limits.ts); the clamp keeps one pass bounded whatever the spec says.
  const end = start + Math.min(sts.spec.replicas ?? 1, MAX_MODELLED_REPLICAS);
  const parallel = sts.spec.podManagementPolicy === 'Parallel';
  const pods = state.store.list('Pod', ns).filter((p) => ownedBy(p, sts.metadata.uid));
  const byOrdinal = new Map<number, K8sObject>();
  for (const p of pods) byOrdinal.set(Number(p.metadata.name.slice(name.length + 1)), p);
  let blocked = false;
  for (let i = start; i < end; i++) {
    const p = byOrdinal.get(i);
    if (p && podFinished(p) && !p.metadata.deletionTimestamp) {
      requestDelete(state, 'Pod', ns, p.metadata.name);
      blocked = true;
      continue;
    }
    if (!p && !blocked) {
      if (ensureClaims(state, sts, i)) {
        createObject(state, newPod(sts, i));
        emit(state, sts, 'Normal', 'SuccessfulCreate', `create Pod ${name}-${i} in StatefulSet ${name} successful`, SOURCE);
      }
      if (!parallel) blocked = true;
      continue;
    }
    if (!parallel && !healthy(state.store.get('Pod', ns, `${name}-${i}`))) blocked = true;
  }
  const condemned = [...byOrdinal.entries()].filter(([i]) => i < start || i >= end).sort((a, b) => b[0] - a[0]);
  const whenScaled = sts.spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain';
  for (const [i, p] of condemned) {
    if (p.metadata.deletionTimestamp) {
      if (!parallel) break;
      continue;
    }
    if (!parallel && blocked) break;
    if (whenScaled === 'Delete') {
      for (const t of sts.spec.volumeClaimTemplates ?? []) {
        const pvc = state.store.get('PersistentVolumeClaim', ns, claimName(t.metadata.name, name, i));
        if (pvc && withOwner(pvc, p, [])) state.store.put(pvc);
      }
    }
    requestDelete(state, 'Pod', ns, p.metadata.name);
    emit(state, sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, SOURCE);
    if (!parallel) break;
  }
  rollOut(state, sts, start, end);
  writeStatus(state, sts);
}

/** Deletes the highest-ordinal outdated pod once every pod is healthy (RollingUpdate). */
function rollOut(state: ModelState, sts: K8sObject, start: number, end: number): void {
  if ((sts.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
  const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  const ns = sts.metadata.namespace!;
  const pods = [];
  for (let i = start; i < end; i++) pods.push(state.store.get('Pod', ns, `${sts.metadata.name}-${i}`));
  if (!pods.every(healthy)) return;
  const rev = revision(sts);
  const outdated = pods.filter((p, k) => start + k >= partition && p!.metadata.labels?.['controller-revision-hash'] !== rev);
  const victim = outdated[outdated.length - 1];
  if (victim) requestDelete(state, 'Pod', ns, victim.metadata.name);
}

function writeStatus(state: ModelState, sts: K8sObject): void {
  const pods = state.store.list('Pod', sts.metadata.namespace).filter((p) => ownedBy(p, sts.metadata.uid) && !p.metadata.deletionTimestamp);
  const rev = revision(sts);
  const ready = pods.filter(podReady).length;
  const updated = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === rev).length;
  state.store.put({
    ...sts,
    status: { observedGeneration: sts.metadata.generation, replicas: pods.length, readyReplicas: ready, availableReplicas: ready, currentReplicas: updated, updatedReplicas: updated, currentRevision: rev, updateRevision: rev },
  });
}

/** One pass of the StatefulSet controller. */
export function syncStatefulSets(state: ModelState): void {
  for (const sts of state.store.list('StatefulSet')) syncOne(state, sts);
}
