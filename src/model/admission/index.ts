/**
 * Admission: what the API server does with one applied object before it is stored. Unknown or
 * model-internal kinds are "not modelled"; a wrong apiVersion is refused like the API refuses it;
 * names are checked; namespaced objects get a namespace, cluster-scoped ones lose it; then the
 * kind's validation and defaults run, and an existing object is updated kubectl-apply style with
 * its immutable fields enforced.
 */
import { notModelled } from '../errors.ts';
import { KINDS } from '../kinds.ts';
import { stampNew } from '../objects.ts';
import type { ModelState } from '../state.ts';
import type { ApplyResult, K8sObject } from '../types.ts';
import { checkPodBudget } from './budget.ts';
import { L, checkName, rejectFor, stripServerFields } from './common.ts';
import { admitPodSpec } from './pod.ts';
import { admitConfigMap, admitNamespace, admitService } from './service.ts';
import { admitClaim, admitStorageClass, admitVolume } from './storage.ts';
import { checkResize } from './resize.ts';
import { admitSnapshot, admitSnapshotClass } from './snapshot.ts';
import { checkImmutable, mergeUpdate } from './update.ts';
import { admitDeployment, admitStatefulSet } from './workloads.ts';

const NAME_RULE: Record<string, 'subdomain' | 'label' | 'dns1035'> = { Service: 'dns1035', Namespace: 'label' };

function validateKind(state: ModelState, obj: K8sObject, existing: K8sObject | undefined): void {
  const creating = !existing;
  switch (obj.kind) {
    case 'Pod':
      admitPodSpec(rejectFor(obj), obj.spec, 'spec');
      if (creating) obj.status = { phase: 'Pending' };
      return;
    case 'PersistentVolumeClaim':
      return admitClaim(state, obj, creating);
    case 'PersistentVolume':
      return admitVolume(obj, creating);
    case 'StorageClass':
      return admitStorageClass(obj);
    case 'Deployment':
      return admitDeployment(obj);
    case 'StatefulSet':
      return admitStatefulSet(obj);
    case 'Service':
      return admitService(state, obj, existing);
    case 'ConfigMap':
      return admitConfigMap(obj);
    case 'Namespace':
      return admitNamespace(obj);
    case 'VolumeSnapshot':
      return admitSnapshot(obj, existing);
    case 'VolumeSnapshotClass':
      return admitSnapshotClass(obj, existing);
  }
}

/** Admits one object and stores it; returns what happened. Throws ApplyError subclasses. replace: input is a whole patched object. */
export function admit(state: ModelState, input: K8sObject, replace = false): ApplyResult {
  const kind = String(input?.kind ?? '');
  const named = { kind: kind || '(no kind)', name: String(input?.metadata?.name ?? '') };
  const info = KINDS.find((k) => k.kind === kind);
  if (!info || !info.appliable) throw notModelled(named, L(`the kind ${named.kind}`, `${named.kind} 这种资源类型`));
  const obj = stripServerFields({ ...input, metadata: { ...(input.metadata ?? {}) } } as K8sObject);
  const r = rejectFor(obj);
  if (obj.apiVersion !== info.apiVersion) {
    throw r.invalid('apiVersion', L(`no matches for kind "${kind}" in version "${obj.apiVersion}" (use apiVersion: ${info.apiVersion})`, `在版本 "${obj.apiVersion}" 中找不到 "${kind}" 类型（请使用 apiVersion: ${info.apiVersion}）`));
  }
  checkName(obj, NAME_RULE[kind] ?? 'subdomain');
  if (info.namespaced) {
    obj.metadata.namespace ||= 'default';
    const ns = state.store.get('Namespace', '', obj.metadata.namespace!);
    if (ns?.metadata.deletionTimestamp) {
      throw r.invalid('metadata.namespace', L(`Forbidden: unable to create new content in namespace ${ns.metadata.name} because it is being terminated`, `禁止：名字空间 ${ns.metadata.name} 正在终止，不能在其中创建新对象`));
    }
  } else delete obj.metadata.namespace;
  const nsKey = obj.metadata.namespace ?? '';
  const existing = state.store.get(kind, nsKey, obj.metadata.name);
  if (existing?.metadata.deletionTimestamp && !replace) {
    throw r.invalid('metadata.name', L(`object is being deleted: ${kind} "${obj.metadata.name}" already exists`, `对象正在删除：${kind} "${obj.metadata.name}" 仍然存在，请等它删除完成后再创建`));
  }
  validateKind(state, obj, existing);
  checkPodBudget(state, obj);
  if (!existing) {
    state.store.put(stampNew(state, obj));
    return { kind, name: obj.metadata.name, namespace: obj.metadata.namespace, action: 'created' };
  }
  const merged = mergeUpdate(existing, obj, !replace);
  checkImmutable(existing, merged);
  if (kind === 'PersistentVolumeClaim') checkResize(state, existing, merged);
  merged.metadata.resourceVersion = existing.metadata.resourceVersion;
  const changed = state.store.put(merged);
  return { kind, name: obj.metadata.name, namespace: obj.metadata.namespace, action: changed ? 'configured' : 'unchanged' };
}
