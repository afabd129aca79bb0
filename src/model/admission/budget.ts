/**
 * The pod budget of a namespace (see limits.ts): admitting a Pod, Deployment or StatefulSet is
 * refused as "not modelled" when its own replicas exceed MAX_MODELLED_REPLICAS, or when the pods
 * the namespace plans for would exceed MAX_MODELLED_PODS.
 */
import { MAX_MODELLED_PODS, MAX_MODELLED_REPLICAS } from '../limits.ts';
import type { ModelState } from '../state.ts';
import type { K8sObject } from '../types.ts';
import { L, rejectFor } from './common.ts';

const WORKLOADS = ['Deployment', 'StatefulSet'];

/** Pods an object plans for: 1 for a bare Pod, spec.replicas for a workload, 0 otherwise. */
function planned(obj: K8sObject): number {
  if (obj.kind === 'Pod') return ((obj.metadata.ownerReferences as unknown[]) ?? []).length ? 0 : 1;
  if (WORKLOADS.includes(obj.kind)) return Number(obj.spec?.replicas ?? 1) || 0;
  return 0;
}

/** Throws NotModelledError when obj (admitted, defaults applied) would break the pod budget of its namespace. */
export function checkPodBudget(state: ModelState, obj: K8sObject): void {
  if (obj.kind !== 'Pod' && !WORKLOADS.includes(obj.kind)) return;
  const r = rejectFor(obj);
  const own = planned(obj);
  if (WORKLOADS.includes(obj.kind) && own > MAX_MODELLED_REPLICAS) {
    throw r.notModelled(
      L(
        `replicas: ${own} (the model runs at most ${MAX_MODELLED_REPLICAS} replicas per ${obj.kind})`,
        `replicas: ${own}（离线模型中每个 ${obj.kind} 最多运行 ${MAX_MODELLED_REPLICAS} 个副本）`,
      ),
    );
  }
  const ns = obj.metadata.namespace ?? 'default';
  const same = (o: K8sObject) => o.kind === obj.kind && o.metadata.name === obj.metadata.name;
  let others = 0;
  for (const kind of ['Pod', ...WORKLOADS]) {
    for (const o of state.store.list(kind, ns)) if (!same(o) && !o.metadata.deletionTimestamp) others += planned(o);
  }
  if (others + own > MAX_MODELLED_PODS) {
    throw r.notModelled(
      L(
        `more than ${MAX_MODELLED_PODS} pods in one namespace (${others} planned already, this ${obj.kind} adds ${own})`,
        `一个名字空间中超过 ${MAX_MODELLED_PODS} 个 Pod（已计划 ${others} 个，这个 ${obj.kind} 又增加 ${own} 个）`,
      ),
    );
  }
}
