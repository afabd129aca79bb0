/**
 * What the API server says to an update that changes a claim's storage request (the rest of the
 * claim's spec is immutable, update.ts): validation first, then the PersistentVolumeClaimResize
 * admission plugin, each with the real API server's text (recorded on the course cluster):
 *   - a claim that is not Bound may not change it: "spec is immutable after creation except
 *     resources.requests and volumeAttributesClassName for bound claims";
 *   - the request may not go below status.capacity: "spec.resources.requests.storage: Forbidden:
 *     field can not be less than status.capacity";
 *   - a larger request needs a class with allowVolumeExpansion: true: `persistentvolumeclaims "x"
 *     is forbidden: only dynamically provisioned pvc can be resized and the storageclass that
 *     provisions the pvc must support resize`.
 * What happens after an admitted increase is expansion.ts.
 */
import { parseQuantity } from '../quantity.ts';
import type { ModelState } from '../state.ts';
import type { K8sObject } from '../types.ts';
import { L, rejectFor } from './common.ts';

/** Throws InvalidObjectError if the update to the claim's storage request is refused. */
export function checkResize(state: ModelState, existing: K8sObject, merged: K8sObject): void {
  const before = existing.spec?.resources?.requests?.storage;
  const after = merged.spec?.resources?.requests?.storage;
  const r = rejectFor(merged);
  const was = parseQuantity(before);
  const now = parseQuantity(after);
  if (was === now && JSON.stringify(existing.spec?.resources ?? null) === JSON.stringify(merged.spec?.resources ?? null)) return;
  if (existing.status?.phase !== 'Bound') {
    throw r.invalid('spec', L('Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims', '禁止：创建后 spec 不可修改（已绑定申领的 resources.requests 和 volumeAttributesClassName 除外）'));
  }
  const capacity = parseQuantity(existing.status?.capacity?.storage);
  if (now !== undefined && capacity !== undefined && now < capacity) {
    throw r.invalid('spec.resources.requests.storage', L('Forbidden: field can not be less than status.capacity', '禁止：请求的容量不能小于 status.capacity（卷只能扩大，不能缩小）'));
  }
  if (now !== undefined && was !== undefined && now <= was) return;
  const className = existing.spec?.storageClassName;
  const sc = className ? state.store.get('StorageClass', '', String(className)) : undefined;
  if (sc?.allowVolumeExpansion !== true) {
    throw r.forbidden('persistentvolumeclaims', L('only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize', '只有动态制备、且其存储类支持扩容（allowVolumeExpansion: true）的 PVC 才能扩容'));
  }
}
