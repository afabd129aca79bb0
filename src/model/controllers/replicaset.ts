/**
 * The ReplicaSet controller: keeps spec.replicas pods that it owns and that are not being
 * deleted. A deleted pod is replaced at once by a new pod with a new random name
 * (<replicaset>-<5 chars>); extra pods are deleted, unscheduled / not-ready / newest first.
 */
import { createObject, ownedBy, ownerRef, podFinished } from '../objects.ts';
import { requestDelete } from '../deletion.ts';
import { MAX_MODELLED_REPLICAS } from '../limits.ts';
import type { ModelState } from '../state.ts';
import { emit } from '../state.ts';
import type { K8sObject } from '../types.ts';

const SOURCE = 'replicaset-controller';

/** True if the pod's Ready condition is True. */
export function podReady(pod: K8sObject): boolean {
  return ((pod.status?.conditions as any[]) ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function deletionRank(p: K8sObject): number {
  if (!p.spec?.nodeName) return 0;
  if (p.status?.phase === 'Pending') return 1;
  if (!podReady(p)) return 2;
  return 3;
}

/** One pass of the ReplicaSet controller. */
export function syncReplicaSets(state: ModelState): void {
  for (const rs of state.store.list('ReplicaSet')) {
    const ns = rs.metadata.namespace!;
    const mine = state.store.list('Pod', ns).filter((p) => ownedBy(p, rs.metadata.uid));
    const active = mine.filter((p) => !p.metadata.deletionTimestamp && !podFinished(p));
    // Admission caps replicas (limits.ts); the clamp keeps one pass bounded whatever the spec says.
    const want = rs.metadata.deletionTimestamp ? 0 : Math.min(rs.spec.replicas ?? 1, MAX_MODELLED_REPLICAS);
    for (let i = active.length; i < want; i++) {
      let name = `${rs.metadata.name}-${state.ids.suffix(5)}`;
      while (state.store.has('Pod', ns, name)) name = `${rs.metadata.name}-${state.ids.suffix(5)}`;
      const tmpl = structuredClone(rs.spec.template ?? {});
      createObject(state, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { ...(tmpl.metadata ?? {}), name, namespace: ns, generateName: `${rs.metadata.name}-`, ownerReferences: [ownerRef(rs)] },
        spec: tmpl.spec,
        status: { phase: 'Pending' },
      });
      emit(state, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, SOURCE);
    }
    if (active.length > want) {
      const victims = [...active]
        .sort((a, b) => deletionRank(a) - deletionRank(b) || (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name))
        .slice(0, active.length - want);
      for (const p of victims) {
        requestDelete(state, 'Pod', ns, p.metadata.name);
        emit(state, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE);
      }
    }
    const now = state.store.list('Pod', ns).filter((p) => ownedBy(p, rs.metadata.uid) && !p.metadata.deletionTimestamp && !podFinished(p));
    const ready = now.filter(podReady).length;
    state.store.put({
      ...rs,
      status: { replicas: now.length, fullyLabeledReplicas: now.length, readyReplicas: ready, availableReplicas: ready, observedGeneration: rs.metadata.generation },
    });
  }
}
