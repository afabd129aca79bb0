/**
 * Admission of PersistentVolume, PersistentVolumeClaim and StorageClass: the API's validation,
 * its defaults (PV reclaim policy Retain, SC reclaimPolicy Delete and volumeBindingMode
 * Immediate, volumeMode Filesystem), the protection finalizers, and the DefaultStorageClass
 * plugin (a claim that names no class at all gets the default class; "" stays ""). Modelled PV
 * sources: local (requires nodeAffinity), hostPath, nfs; anything else, Block volumes, Recycle
 * and allowedTopologies are "not modelled". A claim's data source is kept (and mirrored into
 * dataSourceRef as the API server does); what it yields is the provisioner's.
 */
import { className, defaultClass } from '../class-names.ts';
import { parseQuantity } from '../quantity.ts';
import type { ModelState } from '../state.ts';
import type { K8sObject } from '../types.ts';
import { L, checkEnum, rejectFor, type Reject } from './common.ts';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const PV_SOURCES = ['local', 'hostPath', 'nfs'];
const OTHER_PV_SOURCES = ['csi', 'iscsi', 'rbd', 'cephfs', 'glusterfs', 'awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk', 'azureFile', 'cinder', 'fc', 'flexVolume', 'flocker', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'scaleIO', 'storageos', 'vsphereVolume'];

function addFinalizer(obj: K8sObject, f: string): void {
  const list = obj.metadata.finalizers ?? [];
  if (!list.includes(f)) obj.metadata.finalizers = [...list, f];
}

function checkAccessModes(r: Reject, field: string, modes: unknown): void {
  if (!Array.isArray(modes) || modes.length === 0) throw r.invalid(field, L('Required value: at least 1 access mode is required', '必填值：至少需要 1 种访问模式'));
  for (const m of modes) checkEnum(r, field, m, ACCESS_MODES);
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) throw r.invalid(field, L('Forbidden: may not use ReadWriteOncePod with other access modes', '禁止：ReadWriteOncePod 不能与其他访问模式同时使用'));
}

function checkStorage(r: Reject, field: string, value: unknown): void {
  if (value === undefined || value === null || value === '') throw r.invalid(field, L('Required value', '必填值'));
  const q = parseQuantity(value);
  if (q === undefined) throw r.invalid(field, L(`Invalid value: "${String(value)}": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`, `无效值 "${String(value)}"：不是合法的资源数量（例如 1Gi、500Mi）`));
  if (q <= 0) throw r.invalid(field, L(`Invalid value: "${String(value)}": must be greater than zero`, `无效值 "${String(value)}"：必须大于零`));
}

/** Validates a claim spec (a PVC's or a volumeClaimTemplate's); field is its path. */
export function checkClaimSpec(r: Reject, spec: any, field: string): void {
  if (!spec || typeof spec !== 'object') throw r.invalid(field, L('Required value', '必填值'));
  checkAccessModes(r, `${field}.accessModes`, spec.accessModes);
  checkStorage(r, `${field}.resources.requests[storage]`, spec.resources?.requests?.storage);
  if (spec.volumeMode === 'Block') throw r.notModelled(L('raw block volumes (volumeMode: Block)', '原始块卷（volumeMode: Block）'));
  checkEnum(r, `${field}.volumeMode`, spec.volumeMode ?? 'Filesystem', ['Filesystem', 'Block']);
}

/**
 * The API server's normalisation of a claim's data source (AnyVolumeDataSource). On create, a
 * dataSource that is neither a claim (no apiGroup) nor a VolumeSnapshot of the API group
 * snapshot.storage.k8s.io is dropped without a word: measured on the course cluster (v1.35),
 * `apiGroup: snapshot.storage.k8s.io/v1` left the claim with neither field, and it was provisioned
 * empty. Then a dataSource alone is copied into dataSourceRef, a dataSourceRef alone (without a
 * namespace) into dataSource. Which sources work is the provisioner's business
 * (csi-provisioner.ts; local-path ignores them).
 */
export function normalizeDataSource(spec: any, creating: boolean): void {
  if (creating && spec.dataSource && !dataSourceKept(spec.dataSource)) delete spec.dataSource;
  if (spec.dataSource && !spec.dataSourceRef) spec.dataSourceRef = structuredClone(spec.dataSource);
  else if (spec.dataSourceRef && !spec.dataSource && !spec.dataSourceRef.namespace) spec.dataSource = structuredClone(spec.dataSourceRef);
}

/** The two kinds of dataSource the API server keeps: a claim of the core group, a VolumeSnapshot of snapshot.storage.k8s.io. */
function dataSourceKept(ds: { apiGroup?: string; kind?: string }): boolean {
  const group = ds.apiGroup ?? '';
  return (ds.kind === 'PersistentVolumeClaim' && group === '') || (ds.kind === 'VolumeSnapshot' && group === 'snapshot.storage.k8s.io');
}

/** Defaults a new claim: volumeMode, pvc-protection finalizer, and the default class if it names none. */
export function defaultClaim(state: ModelState, pvc: K8sObject): void {
  pvc.spec.volumeMode ??= 'Filesystem';
  addFinalizer(pvc, 'kubernetes.io/pvc-protection');
  if (className(pvc) === undefined) {
    const def = defaultClass(state);
    if (def) pvc.spec.storageClassName = def.metadata.name;
  }
}

/** Admits a PersistentVolumeClaim (create path: also applies defaults). */
export function admitClaim(state: ModelState, pvc: K8sObject, creating: boolean): void {
  checkClaimSpec(rejectFor(pvc), pvc.spec, 'spec');
  pvc.spec.volumeMode ??= 'Filesystem';
  normalizeDataSource(pvc.spec, creating);
  if (creating) {
    defaultClaim(state, pvc);
    pvc.status = { phase: 'Pending' };
  }
}

/** Admits a PersistentVolume. */
export function admitVolume(pv: K8sObject, creating: boolean): void {
  const r = rejectFor(pv);
  const spec = pv.spec;
  if (!spec || typeof spec !== 'object') throw r.invalid('spec', L('Required value', '必填值'));
  if (!spec.capacity || spec.capacity.storage === undefined) throw r.invalid('spec.capacity', L('Required value', '必填值'));
  checkStorage(r, 'spec.capacity[storage]', spec.capacity.storage);
  checkAccessModes(r, 'spec.accessModes', spec.accessModes);
  const sources = Object.keys(spec).filter((k) => PV_SOURCES.includes(k) || OTHER_PV_SOURCES.includes(k));
  if (sources.length === 0) throw r.invalid('spec', L('Required value: must specify a volume type', '必填值：必须指定卷类型'));
  if (sources.length > 1) throw r.invalid('spec', L('Forbidden: may not specify more than 1 volume type', '禁止：不能指定多于 1 种卷类型'));
  const source = sources[0]!;
  if (!PV_SOURCES.includes(source)) throw r.notModelled(L(`the ${source} persistent volume source`, `${source} 类型的持久卷来源`));
  if (source === 'local') {
    if (!spec.local.path || !String(spec.local.path).startsWith('/')) throw r.invalid('spec.local.path', L('Required value: must be an absolute path', '必填值：必须是绝对路径'));
    if (!spec.nodeAffinity) throw r.invalid('spec.nodeAffinity', L('Required value: Local volume requires node affinity', '必填值：local 卷必须设置节点亲和性（nodeAffinity）'));
  }
  if (source === 'hostPath') {
    if (!spec.hostPath.path) throw r.invalid('spec.hostPath.path', L('Required value', '必填值'));
    spec.hostPath.type ??= '';
    checkEnum(r, 'spec.hostPath.type', spec.hostPath.type, ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File']);
  }
  if (source === 'nfs' && (!spec.nfs.server || !spec.nfs.path)) throw r.invalid(`spec.nfs.${spec.nfs.server ? 'path' : 'server'}`, L('Required value', '必填值'));
  if (spec.nodeAffinity && !spec.nodeAffinity.required?.nodeSelectorTerms?.length) {
    throw r.invalid('spec.nodeAffinity.required.nodeSelectorTerms', L('Required value: must have at least one node selector term', '必填值：至少需要一个节点选择器条件'));
  }
  spec.persistentVolumeReclaimPolicy ??= 'Retain';
  checkEnum(r, 'spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, ['Retain', 'Delete', 'Recycle']);
  if (spec.persistentVolumeReclaimPolicy === 'Recycle') throw r.notModelled(L('the deprecated Recycle reclaim policy', '已弃用的 Recycle 回收策略'));
  if (spec.volumeMode === 'Block') throw r.notModelled(L('raw block volumes (volumeMode: Block)', '原始块卷（volumeMode: Block）'));
  spec.volumeMode ??= 'Filesystem';
  if (spec.claimRef && !spec.claimRef.name) throw r.invalid('spec.claimRef.name', L('Required value', '必填值'));
  if (creating) {
    addFinalizer(pv, 'kubernetes.io/pv-protection');
    pv.status = { phase: 'Pending' };
  }
}

/** Admits a StorageClass. */
export function admitStorageClass(sc: K8sObject): void {
  const r = rejectFor(sc);
  if (!sc.provisioner) throw r.invalid('provisioner', L('Required value', '必填值'));
  sc.reclaimPolicy ??= 'Delete';
  checkEnum(r, 'reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']);
  sc.volumeBindingMode ??= 'Immediate';
  checkEnum(r, 'volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']);
  if ((sc.allowedTopologies as unknown[] | undefined)?.length) throw r.notModelled(L('StorageClass allowedTopologies', 'StorageClass 的 allowedTopologies'));
}
