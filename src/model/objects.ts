/**
 * Small helpers for objects the model itself creates or changes: stamping a new object's server
 * fields (uid, creationTimestamp, generation), owner references, and annotations.
 */
import type { ModelState } from './state.ts';
import type { K8sObject } from './types.ts';

/** Fills server-set metadata of a new object (uid, creationTimestamp, generation). */
export function stampNew(state: ModelState, obj: K8sObject): K8sObject {
  obj.metadata.uid ??= state.ids.uid();
  obj.metadata.creationTimestamp ??= state.clock.iso();
  if (obj.spec !== undefined && obj.metadata.generation === undefined) obj.metadata.generation = 1;
  return obj;
}

/** Creates a new object in the store (stamped). */
export function createObject(state: ModelState, obj: K8sObject): K8sObject {
  stampNew(state, obj);
  state.store.put(obj);
  return obj;
}

/** An ownerReference to owner (controller: true). */
export function ownerRef(owner: K8sObject, controller = true): any {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller, blockOwnerDeletion: true };
}

/** True if obj has an ownerReference with that uid. */
export function ownedBy(obj: K8sObject, uid: string | undefined): boolean {
  return !!uid && ((obj.metadata.ownerReferences as any[]) ?? []).some((r) => r.uid === uid);
}

/** Sets (or with value undefined removes) an annotation. */
export function setAnnotation(obj: K8sObject, key: string, value: string | undefined): void {
  const ann = { ...(obj.metadata.annotations ?? {}) };
  if (value === undefined) delete ann[key];
  else ann[key] = value;
  obj.metadata.annotations = ann;
  if (Object.keys(ann).length === 0) delete obj.metadata.annotations;
}

/** The PVC names a pod's volumes refer to. */
export function podClaimNames(pod: K8sObject): string[] {
  return ((pod.spec?.volumes ?? []) as any[]).filter((v) => v.persistentVolumeClaim).map((v) => v.persistentVolumeClaim.claimName);
}

/** True if a pod has finished for good (Succeeded/Failed) and no longer uses its volumes. */
export function podFinished(pod: K8sObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}
