/**
 * Deletion with the API's finalizer-like behaviour. Pods are deleted gracefully: each running
 * container gets SIGTERM ("Killing" event) and stops at once if it handles it, otherwise is
 * killed when terminationGracePeriodSeconds (or the given grace period) ends; the pod object
 * disappears once all have stopped (at once for a pod that was never scheduled, or grace 0).
 * A PVC (finalizer kubernetes.io/pvc-protection) stays Terminating while any unfinished pod uses
 * it. A PV (kubernetes.io/pv-protection) is removed by the PV controller once it is not Bound.
 * A VolumeSnapshot with the snapshot controller's finalizers is left to that controller.
 * Owner references are garbage-collected: an object whose owners are all gone is deleted.
 * Namespaces delete everything in them.
 */
import type { ModelState } from './state.ts';
import { emit, touch } from './state.ts';
import { podClaimNames, podFinished } from './objects.ts';
import type { K8sObject } from './types.ts';
import { teardownPodDir } from './volumes.ts';

/** Removes a pod object and everything the kubelet held for it. */
export function removePod(state: ModelState, pod: K8sObject): void {
  state.store.remove('Pod', pod.metadata.namespace!, pod.metadata.name);
  const rt = state.pods.get(pod.metadata.uid!);
  if (rt) {
    teardownPodDir(state, rt.node, rt.uid);
    state.pods.delete(rt.uid);
    touch(state);
  }
}

function deletePod(state: ModelState, pod: K8sObject, gracePeriodSeconds?: number): void {
  const now = state.clock.now();
  const grace = Math.max(0, gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
  const rt = state.pods.get(pod.metadata.uid!);
  if (!pod.spec?.nodeName || !rt || grace === 0) {
    if (rt) for (const c of rt.containers) if (c.current) emit(state, pod, 'Normal', 'Killing', `Stopping container ${c.name}`, 'kubelet');
    return removePod(state, pod);
  }
  const deadline = now + grace * 1000;
  if (pod.metadata.deletionTimestamp && rt.deleteAt !== undefined && rt.deleteAt <= deadline) return;
  pod.metadata.deletionTimestamp = state.clock.iso(deadline);
  pod.metadata.deletionGracePeriodSeconds = grace;
  state.store.put(pod);
  let last = now;
  for (const c of rt.containers) {
    const cur = c.current;
    if (!cur) continue;
    emit(state, pod, 'Normal', 'Killing', `Stopping container ${c.name}`, 'kubelet');
    const stopAt = cur.behaviour.handlesSigterm ? now : deadline;
    if (cur.exitAt === undefined || cur.exitAt > stopAt) {
      cur.exitAt = stopAt;
      cur.exitCode = cur.behaviour.handlesSigterm ? 0 : 137;
      cur.exitReason = cur.behaviour.handlesSigterm ? 'Completed' : 'Error';
    }
    last = Math.max(last, cur.exitAt);
  }
  rt.deleteAt = last;
  touch(state);
}

/** Starts deleting an object; false if it does not exist. */
export function requestDelete(state: ModelState, kind: string, namespace: string, name: string, gracePeriodSeconds?: number): boolean {
  const obj = state.store.get(kind, namespace, name);
  if (!obj) return false;
  switch (kind) {
    case 'Pod':
      deletePod(state, obj, gracePeriodSeconds);
      return true;
    case 'PersistentVolumeClaim':
    case 'PersistentVolume':
      if (!obj.metadata.deletionTimestamp) {
        obj.metadata.deletionTimestamp = state.clock.iso();
        obj.metadata.deletionGracePeriodSeconds = 0;
        state.store.put(obj);
      }
      return true;
    case 'VolumeSnapshot':
      // Its finalizers are the snapshot controller's: it finishes the deletion (controllers/snapshot.ts).
      if (!obj.metadata.finalizers?.length) state.store.remove(kind, namespace, name);
      else if (!obj.metadata.deletionTimestamp) {
        obj.metadata.deletionTimestamp = state.clock.iso();
        obj.metadata.deletionGracePeriodSeconds = 0;
        state.store.put(obj);
      }
      return true;
    case 'Namespace':
      obj.metadata.deletionTimestamp ??= state.clock.iso();
      obj.status = { phase: 'Terminating' };
      state.store.put(obj);
      for (const o of state.store.all()) if (o.metadata.namespace === name && o.kind !== 'Event') requestDelete(state, o.kind, name, o.metadata.name, gracePeriodSeconds);
      return true;
    default:
      state.store.remove(kind, namespace, name);
      return true;
  }
}

/** Finishes what deletions wait for: due pods, unused claims, empty namespaces, orphans. */
export function processDeletions(state: ModelState): void {
  const now = state.clock.now();
  const pods = state.store.list('Pod');
  for (const pod of pods) {
    if (!pod.metadata.deletionTimestamp) continue;
    const rt = state.pods.get(pod.metadata.uid!);
    if (!rt || rt.deleteAt === undefined || rt.deleteAt <= now || rt.containers.every((c) => !c.current)) removePod(state, pod);
  }
  for (const pvc of state.store.list('PersistentVolumeClaim')) {
    if (!pvc.metadata.deletionTimestamp) continue;
    const protectedClaim = (pvc.metadata.finalizers ?? []).includes('kubernetes.io/pvc-protection');
    const inUse = state.store.list('Pod', pvc.metadata.namespace).some((p) => !podFinished(p) && podClaimNames(p).includes(pvc.metadata.name));
    if (!inUse || !protectedClaim) state.store.remove('PersistentVolumeClaim', pvc.metadata.namespace!, pvc.metadata.name);
  }
  const everything = state.store.metas();
  for (const ns of everything.filter((o) => o.kind === 'Namespace' && o.deleting)) {
    if (!everything.some((o) => o.namespace === ns.name)) state.store.remove('Namespace', '', ns.name);
  }
  for (const o of everything) {
    if (!o.deleting && o.owners.length > 0 && o.owners.every((r) => !state.store.hasUid(r.kind, r.uid))) requestDelete(state, o.kind, o.namespace, o.name);
  }
}

/** Times at which a pending pod deletion completes. */
export function deletionDue(state: ModelState): number[] {
  return [...state.pods.values()].map((rt) => rt.deleteAt).filter((t): t is number => t !== undefined);
}
