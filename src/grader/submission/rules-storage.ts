/**
 * Storage rules the API server enforces (pkg/apis/core/validation ValidatePersistentVolumeClaimSpec,
 * ValidatePersistentVolumeSpec; pkg/apis/storage/validation ValidateStorageClass) and the schema
 * does not: a claim needs accessModes and resources.requests.storage; a PersistentVolume needs
 * capacity.storage, accessModes and exactly one volume type, and a `local` one needs nodeAffinity;
 * a StorageClass's reclaimPolicy is Delete or Retain. A StatefulSet's volumeClaimTemplates are
 * checked like claims: the API accepts the StatefulSet, but refuses each claim it then creates.
 */
import type { Problem } from '../report/model.ts';
import type { Locator } from './locator.ts';
import { getIn, isObject, objectItems, type Json } from './pod-specs.ts';
import { formatPath, problem, type FieldPath } from './problem.ts';

const PV_SOURCES = ['awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'glusterfs', 'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume'];

/** Problems of PVCs, PVs, StorageClasses and StatefulSet claim templates. */
export function storageProblems(obj: Json, loc: Locator): Problem[] {
  switch (obj.kind) {
    case 'PersistentVolumeClaim':
      return claimProblems(obj.spec, ['spec'], loc);
    case 'StatefulSet':
      return objectItems(getIn(obj, ['spec', 'volumeClaimTemplates'])).flatMap(({ item, index }) =>
        claimProblems(item.spec, ['spec', 'volumeClaimTemplates', index, 'spec'], loc));
    case 'PersistentVolume':
      return volumeProblems(obj.spec, loc);
    case 'StorageClass':
      return typeof obj.reclaimPolicy === 'string' && !['Delete', 'Retain'].includes(obj.reclaimPolicy)
        ? [problem('server.reclaimPolicy', {
            en: `reclaimPolicy of a StorageClass must be Delete or Retain, not ${obj.reclaimPolicy}`,
            'zh-cn': `StorageClass 的 reclaimPolicy 只能是 Delete 或 Retain，不能是 ${obj.reclaimPolicy}`,
          }, loc.valueAt(['reclaimPolicy']))]
        : [];
    default:
      return [];
  }
}

function claimProblems(spec: unknown, path: FieldPath, loc: Locator): Problem[] {
  const out: Problem[] = [];
  const where = formatPath(path);
  const at = spec !== undefined ? loc.keyAt(path) : loc.keyAt(path.slice(0, -1));
  const modes = isObject(spec) ? spec.accessModes : undefined;
  if (!Array.isArray(modes) || modes.length === 0) {
    out.push(problem('server.accessModes', {
      en: `${where}.accessModes is missing; a claim needs at least one access mode, e.g. accessModes: [ReadWriteOnce]`,
      'zh-cn': `缺少 ${where}.accessModes；持久卷申领至少需要一种访问模式，例如 accessModes: [ReadWriteOnce]`,
    }, isObject(spec) && 'accessModes' in spec ? loc.keyAt([...path, 'accessModes']) : at));
  }
  const storage = getIn(spec, ['resources', 'requests', 'storage']);
  if (storage === undefined || storage === null || storage === '') {
    const deepest: FieldPath | undefined =
      getIn(spec, ['resources', 'requests']) !== undefined ? [...path, 'resources', 'requests']
        : getIn(spec, ['resources']) !== undefined ? [...path, 'resources'] : undefined;
    out.push(problem('server.claimStorage', {
      en: `${where}.resources.requests.storage is missing; a claim must say how much space it needs, e.g. storage: 1Gi`,
      'zh-cn': `缺少 ${where}.resources.requests.storage；持久卷申领必须说明需要多少空间，例如 storage: 1Gi`,
    }, deepest ? loc.keyAt(deepest) : at));
  }
  return out;
}

function volumeProblems(spec: unknown, loc: Locator): Problem[] {
  if (!isObject(spec)) return [];
  const out: Problem[] = [];
  if (getIn(spec, ['capacity', 'storage']) === undefined) {
    out.push(problem('server.capacity', {
      en: 'spec.capacity.storage is missing; a PersistentVolume must say its size, e.g. capacity: {storage: 1Gi}',
      'zh-cn': '缺少 spec.capacity.storage；PersistentVolume 必须说明容量，例如 capacity: {storage: 1Gi}',
    }, loc.keyAt(isObject(spec.capacity) ? ['spec', 'capacity'] : ['spec'])));
  }
  if (!Array.isArray(spec.accessModes) || spec.accessModes.length === 0) {
    out.push(problem('server.accessModes', {
      en: 'spec.accessModes is missing; a PersistentVolume needs at least one access mode, e.g. accessModes: [ReadWriteOnce]',
      'zh-cn': '缺少 spec.accessModes；PersistentVolume 至少需要一种访问模式，例如 accessModes: [ReadWriteOnce]',
    }, loc.keyAt(['spec'])));
  }
  const sources = PV_SOURCES.filter((s) => spec[s] !== undefined && spec[s] !== null);
  if (sources.length !== 1) {
    out.push(problem('server.volumeSource', sources.length === 0
      ? { en: 'this PersistentVolume does not say where its storage is; add exactly one type such as local:, hostPath: or nfs:', 'zh-cn': '这个 PersistentVolume 没有说明存储在哪里；请添加且只添加一种类型，例如 local:、hostPath: 或 nfs:' }
      : { en: `this PersistentVolume has more than one type (${sources.join(', ')}); keep exactly one`, 'zh-cn': `这个 PersistentVolume 有不止一种类型（${sources.join('、')}）；请只保留一种` },
    loc.keyAt(sources.length > 1 ? ['spec', sources[1]!] : ['spec'])));
  }
  if (isObject(spec.local) && !isObject(spec.nodeAffinity)) {
    out.push(problem('server.localNodeAffinity', {
      en: 'a local PersistentVolume needs spec.nodeAffinity: the API server refuses it without one, because the data lives on one node',
      'zh-cn': 'local 类型的 PersistentVolume 需要 spec.nodeAffinity：数据只存在于一个节点上，所以没有它 API 服务器会拒绝',
    }, loc.keyAt(['spec', 'local'])));
  }
  return out;
}
