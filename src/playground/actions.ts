/**
 * What the playground's buttons do to a scenario, as a student would do it with kubectl: write a
 * file (one copy into the volume, one into the container's own layer), kill the container from
 * outside, delete the pod (re-created from the manifest, or by its controller), delete the PVC,
 * scale the workload. Each action lets virtual time run until things settle and returns the
 * messages (i18n key + values) that the status line reads out.
 */
import type { K8sObject, Localized } from '../model/types.ts';
import type { Message } from './messages.ts';
import { shortPath } from './render.ts';
import { allRunning, currentPod, NAMESPACE, settle, type Scenario } from './scenario.ts';

export type ActionName = 'write' | 'kill' | 'deletePod' | 'deletePvc' | 'scaleDown' | 'scaleUp';
export const ACTIONS: ActionName[] = ['write', 'kill', 'deletePod', 'deletePvc', 'scaleDown', 'scaleUp'];
/** Re-exported: callers that run actions read their messages with them. */
export type { Message };

const podRef = (name: string) => ({ kind: 'Pod', name, namespace: NAMESPACE });
const shortUid = (uid = '') => uid.slice(0, 8);

function statusOf(scn: Scenario, pod: string): { running: boolean; reason?: string; restarts: number; uid?: string } {
  const p = scn.model.get(podRef(pod));
  const cs = ((p?.status?.containerStatuses ?? []) as any[]).find((c) => c.name === scn.target.container);
  const problem = scn.model.podProblem(NAMESPACE, pod);
  return { running: p?.status?.phase === 'Running' && !!cs?.state?.running, reason: problem?.reason ?? p?.status?.phase, restarts: cs?.restartCount ?? 0, uid: p?.metadata.uid };
}

/** The pod to act on if it exists, else a message saying it does not. */
function livePod(scn: Scenario): { pod: string } | { msg: Message } {
  const pod = currentPod(scn);
  return pod ? { pod } : { msg: { key: 'noPod', params: { pod: scn.target.pod } } };
}

function write(scn: Scenario): Message[] {
  const found = livePod(scn);
  if ('msg' in found) return [found.msg];
  const { pod } = found;
  const st = statusOf(scn, pod);
  if (!st.running) return [{ key: 'stuck', params: { pod, reason: st.reason ?? '?' } }];
  const n = scn.writes + 1;
  const file = `note-${n}.txt`;
  const volumePath = `${scn.target.mountPath.replace(/\/$/, '')}/${file}`;
  const ownPath = `/tmp/${file}`;
  scn.model.writeFile(NAMESPACE, pod, scn.target.container, volumePath, `note ${n}\n`);
  scn.model.writeFile(NAMESPACE, pod, scn.target.container, ownPath, `note ${n}\n`);
  scn.writes = n;
  return [{ key: 'wrote', params: { file, pod, container: scn.target.container, volumePath, ownPath } }];
}

function kill(scn: Scenario): Message[] {
  const found = livePod(scn);
  if ('msg' in found) return [found.msg];
  const { pod } = found;
  const before = statusOf(scn, pod);
  if (!before.running) return [{ key: 'stuck', params: { pod, reason: before.reason ?? '?' } }];
  scn.model.killContainer(NAMESPACE, pod, scn.target.container);
  settle(scn.model, () => {
    const now = statusOf(scn, pod);
    return now.running && now.restarts > before.restarts;
  }, 60_000);
  return [{ key: 'killed', params: { pod, container: scn.target.container, restarts: statusOf(scn, pod).restarts } }];
}

function deletePod(scn: Scenario): Message[] {
  const found = livePod(scn);
  if ('msg' in found) return [found.msg];
  const { pod } = found;
  const oldUid = scn.model.get(podRef(pod))?.metadata.uid;
  const claimRef = { kind: 'PersistentVolumeClaim', name: scn.target.claim ?? '', namespace: NAMESPACE };
  const claim = scn.target.claim ? scn.model.get(claimRef) : undefined;
  scn.model.delete(podRef(pod), { gracePeriodSeconds: 1 });
  settle(scn.model, () => scn.model.get(podRef(pod))?.metadata.uid !== oldUid, 60_000);
  // A claim deleted while this pod used it goes now that the pod is gone (pvc-protection).
  const released: Message[] =
    claim?.metadata.deletionTimestamp && scn.model.get(claimRef)?.metadata.uid !== claim.metadata.uid
      ? [{ key: 'pvcGone', params: { pvc: claim.metadata.name } }, ...volumeFate(scn, claim.spec?.volumeName)]
      : [];
  const { target } = scn;
  if (target.manifest) scn.model.apply(structuredClone(target.manifest));
  settle(scn.model, () => allRunning(scn.model), 120_000);
  const next = currentPod(scn);
  const st = next ? statusOf(scn, next) : undefined;
  const done: Message = target.manifest
    ? { key: 'recreated', params: { pod, uid: shortUid(st?.uid) } }
    : { key: 'replaced', params: { pod, newPod: next ?? '?', uid: shortUid(st?.uid) } };
  if (!next) return [done, ...released, { key: 'noPod', params: { pod } }];
  return st?.running ? [done, ...released] : [done, ...released, { key: 'stuck', params: { pod: next, reason: st?.reason ?? '?' } }];
}

function deletePvc(scn: Scenario): Message[] {
  const pvc = scn.target.claim;
  const claim = pvc ? scn.model.get({ kind: 'PersistentVolumeClaim', name: pvc, namespace: NAMESPACE }) : undefined;
  if (!pvc || !claim) return [{ key: 'noPvc' }];
  const pv: string | undefined = claim.spec?.volumeName;
  scn.model.delete({ kind: 'PersistentVolumeClaim', name: pvc, namespace: NAMESPACE });
  scn.model.advance(5_000);
  if (scn.model.get({ kind: 'PersistentVolumeClaim', name: pvc, namespace: NAMESPACE })) {
    return [{ key: 'pvcTerminating', params: { pvc, pod: currentPod(scn) ?? scn.target.pod } }];
  }
  return [{ key: 'pvcGone', params: { pvc } }, ...volumeFate(scn, pv)];
}

/** What happened to a claim's PersistentVolume after the claim went. */
export function volumeFate(scn: Scenario, pv: string | undefined): Message[] {
  if (!pv) return [];
  const obj: K8sObject | undefined = scn.model.get({ kind: 'PersistentVolume', name: pv });
  const name = shortPath(pv);
  return obj ? [{ key: 'pvReleased', params: { pv: name, phase: obj.status?.phase ?? '?' } }] : [{ key: 'pvRemoved', params: { pv: name } }];
}

function scale(scn: Scenario, delta: number): Message[] {
  const owner = scn.target.owner;
  if (!owner) return [];
  const ref = { kind: owner.kind, name: owner.name, namespace: NAMESPACE };
  const current = scn.model.get(ref)?.spec?.replicas ?? 1;
  const replicas = Math.min(5, Math.max(0, current + delta));
  scn.model.scale(ref, replicas);
  settle(scn.model, () => {
    const pods = scn.model.list('Pod', { namespace: NAMESPACE, labels: owner.labels });
    return pods.length === replicas && pods.every((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
  }, 180_000);
  return [{ key: 'scaled', params: { kind: owner.kind, name: owner.name, replicas } }];
}

/** Runs one button's action; model refusals become a "refused" message instead of an exception. */
export function runAction(scn: Scenario, action: ActionName): Message[] {
  try {
    switch (action) {
      case 'write':
        return write(scn);
      case 'kill':
        return kill(scn);
      case 'deletePod':
        return deletePod(scn);
      case 'deletePvc':
        return deletePvc(scn);
      case 'scaleDown':
        return scale(scn, -1);
      case 'scaleUp':
        return scale(scn, +1);
    }
  } catch (e) {
    const localized = (e as { localized?: Localized }).localized;
    if (!localized) throw e; // a bug in the playground or the model, not a refusal: let it surface
    return [{ key: 'refused', params: { message: localized } }];
  }
}
