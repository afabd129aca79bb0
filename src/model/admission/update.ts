/**
 * Updating an existing object the way `kubectl apply` does: the user's fields replace the old
 * ones, but what the server and controllers own survives (uid, creationTimestamp, status,
 * finalizers, controller annotations, a pod's nodeName, a PV's claimRef, a claim's volumeName and
 * defaulted class, a Service's clusterIP), and fields the API treats as immutable are refused.
 */
import type { K8sObject } from '../types.ts';
import { L, rejectFor } from './common.ts';

const CONTROLLER_ANNOTATION = /^(pv\.kubernetes\.io|volume\.kubernetes\.io|volume\.beta\.kubernetes\.io\/storage-provisioner|deployment\.kubernetes\.io|local\.path\.provisioner)\//;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Merges the user's new object (already defaulted) onto the stored one. With keepOmitted false
 * (a patch, which sends the whole object) an omitted controller field stays removed.
 */
export function mergeUpdate(existing: K8sObject, incoming: K8sObject, keepOmitted = true): K8sObject {
  const merged = structuredClone(incoming);
  const meta = existing.metadata;
  merged.metadata.uid = meta.uid;
  if (meta.deletionTimestamp) {
    merged.metadata.deletionTimestamp = meta.deletionTimestamp;
    merged.metadata.deletionGracePeriodSeconds = meta.deletionGracePeriodSeconds;
  }
  merged.metadata.creationTimestamp = meta.creationTimestamp;
  merged.metadata.finalizers = keepOmitted ? [...new Set([...(meta.finalizers ?? []), ...(incoming.metadata.finalizers ?? [])])] : [...(incoming.metadata.finalizers ?? [])];
  if (!merged.metadata.finalizers.length) delete merged.metadata.finalizers;
  if (meta.ownerReferences && !incoming.metadata.ownerReferences) merged.metadata.ownerReferences = meta.ownerReferences;
  const kept = Object.entries(meta.annotations ?? {}).filter(([k]) => CONTROLLER_ANNOTATION.test(k));
  if (kept.length) merged.metadata.annotations = { ...Object.fromEntries(kept), ...(incoming.metadata.annotations ?? {}) };
  if (existing.status !== undefined) merged.status = existing.status;
  const spec = merged.spec;
  const old = existing.spec ?? {};
  if (existing.kind === 'Pod' && old.nodeName && !spec.nodeName) spec.nodeName = old.nodeName;
  if (existing.kind === 'PersistentVolume' && old.claimRef && !('claimRef' in spec) && keepOmitted) spec.claimRef = old.claimRef;
  if (existing.kind === 'PersistentVolume' && spec.claimRef === null) delete spec.claimRef;
  if (existing.kind === 'PersistentVolumeClaim') {
    if (old.volumeName && !spec.volumeName) spec.volumeName = old.volumeName;
    if (spec.storageClassName == null && old.storageClassName != null) spec.storageClassName = old.storageClassName;
  }
  const generationBump = !same(old, spec) && ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(existing.kind);
  merged.metadata.generation = (Number(meta.generation) || 1) + (generationBump ? 1 : 0);
  return merged;
}

/** Throws InvalidObjectError / NotModelledError if the update changes an immutable field. */
export function checkImmutable(existing: K8sObject, merged: K8sObject): void {
  const r = rejectFor(merged);
  const a = existing.spec ?? {};
  const b = merged.spec ?? {};
  switch (existing.kind) {
    case 'Pod': {
      const images = (s: any) => (s.containers ?? []).map((c: any) => c.image);
      const blank = (s: any) => ({ ...s, containers: (s.containers ?? []).map((c: any) => ({ ...c, image: '' })) });
      if (!same(blank(a), blank(b))) {
        throw r.invalid('spec', L('Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)', '禁止：Pod 创建后只能修改 `spec.containers[*].image` 等少数字段；请删除 Pod 后重新创建'));
      }
      if (!same(images(a), images(b))) throw r.notModelled(L("changing a running pod's container image", '修改运行中 Pod 的容器镜像'));
      return;
    }
    case 'PersistentVolumeClaim': {
      const rest = (s: any) => ({ ...s, resources: undefined, volumeAttributesClassName: undefined });
      if (!same(rest(a), rest(b))) throw r.invalid('spec', L('Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims', '禁止：创建后 spec 不可修改（已绑定申领的 resources.requests 和 volumeAttributesClassName 除外）'));
      // A change of resources is resize.ts's to judge (it needs the claim's class).
      return;
    }
    case 'PersistentVolume': {
      for (const src of ['local', 'hostPath', 'nfs']) {
        if (!same(a[src], b[src])) throw r.invalid('spec.persistentvolumesource', L('Forbidden: spec.persistentvolumesource is immutable after creation', '禁止：持久卷的存储来源创建后不可修改'));
      }
      if (a.nodeAffinity && !same(a.nodeAffinity, b.nodeAffinity)) throw r.invalid('spec.nodeAffinity', L('Invalid value: field is immutable', '无效值：该字段不可修改'));
      return;
    }
    case 'StorageClass':
      for (const f of ['provisioner', 'parameters', 'reclaimPolicy']) {
        if (!same(existing[f], merged[f])) throw r.invalid(f, L(`Forbidden: updates to ${f} are forbidden.`, `禁止：不允许修改 ${f}。`));
      }
      // The API validates volumeBindingMode as an immutable field: Invalid, not Forbidden.
      if (!same(existing.volumeBindingMode, merged.volumeBindingMode)) {
        const value = JSON.stringify(merged.volumeBindingMode ?? '');
        throw r.invalid('volumeBindingMode', L(`Invalid value: ${value}: field is immutable`, `无效值 ${value}：该字段不可修改`));
      }
      return;
    case 'StatefulSet': {
      const fixed = (s: any) => ({ ...s, replicas: undefined, ordinals: undefined, template: undefined, updateStrategy: undefined, persistentVolumeClaimRetentionPolicy: undefined, minReadySeconds: undefined });
      if (!same(fixed(a), fixed(b))) {
        throw r.invalid('spec', L("Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden", "禁止：StatefulSet 的 spec 只能修改 'replicas'、'ordinals'、'template'、'updateStrategy'、'persistentVolumeClaimRetentionPolicy' 和 'minReadySeconds'（例如 volumeClaimTemplates 不可修改）"));
      }
      return;
    }
    case 'Deployment':
      if (!same(a.selector, b.selector)) throw r.invalid('spec.selector', L('Invalid value: field is immutable', '无效值：该字段不可修改'));
      return;
    default:
      return;
  }
}
