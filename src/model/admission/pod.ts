/**
 * Validation and defaulting of a pod spec (a Pod's spec or a workload's template spec), plus the
 * "not modelled" gate: volume types outside the course (only emptyDir, hostPath, nfs,
 * persistentVolumeClaim and configMap are modelled), hostPath types Socket / CharDevice /
 * BlockDevice, HugePages emptyDirs, init / ephemeral containers, topology spread constraints,
 * subPathExpr, block devices and Windows pods are refused with a NotModelledError.
 */
import { L, checkEnum, checkLabelValue, type Reject } from './common.ts';

const MODELLED_VOLUMES = ['emptyDir', 'hostPath', 'nfs', 'persistentVolumeClaim', 'configMap'];
const KNOWN_VOLUMES = [
  ...MODELLED_VOLUMES, 'secret', 'projected', 'downwardAPI', 'ephemeral', 'csi', 'iscsi', 'rbd', 'cephfs', 'glusterfs', 'awsElasticBlockStore', 'gcePersistentDisk',
  'azureDisk', 'azureFile', 'cinder', 'fc', 'flexVolume', 'flocker', 'gitRepo', 'image', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'scaleIO', 'storageos', 'vsphereVolume',
];
const HOSTPATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];

function imagePullPolicy(image: string): string {
  const afterSlash = image.slice(image.lastIndexOf('/') + 1);
  const tag = afterSlash.includes(':') ? afterSlash.slice(afterSlash.indexOf(':') + 1) : '';
  return image.includes('@') || (tag && tag !== 'latest') ? 'IfNotPresent' : 'Always';
}

function checkVolume(r: Reject, v: any, f: string): void {
  checkLabelValue(r, `${f}.name`, v?.name);
  const types = Object.keys(v).filter((k) => k !== 'name');
  if (types.length === 0) throw r.invalid(f, L('Required value: must specify a volume type', '必填值：必须指定卷类型'));
  if (types.length > 1) throw r.invalid(f, L('Forbidden: may not specify more than 1 volume type', '禁止：不能指定多于 1 种卷类型'));
  const type = types[0]!;
  if (!MODELLED_VOLUMES.includes(type)) {
    const what = KNOWN_VOLUMES.includes(type) ? L(`the ${type} volume type`, `${type} 类型的卷`) : L(`the unknown volume type "${type}"`, `未知的卷类型 "${type}"`);
    throw r.notModelled(what);
  }
  if (type === 'hostPath') {
    if (!v.hostPath.path) throw r.invalid(`${f}.hostPath.path`, L('Required value', '必填值'));
    v.hostPath.type ??= '';
    checkEnum(r, `${f}.hostPath.type`, v.hostPath.type, HOSTPATH_TYPES);
    if (['Socket', 'CharDevice', 'BlockDevice'].includes(v.hostPath.type)) throw r.notModelled(L(`hostPath type ${v.hostPath.type}`, `hostPath 的 ${v.hostPath.type} 类型`));
  }
  if (type === 'emptyDir') {
    v.emptyDir ??= {};
    const medium = v.emptyDir.medium ?? '';
    if (String(medium).startsWith('HugePages')) throw r.notModelled(L(`emptyDir medium ${medium}`, `emptyDir 的 ${medium} 介质`));
    checkEnum(r, `${f}.emptyDir.medium`, medium, ['', 'Memory']);
  }
  if (type === 'nfs') {
    if (!v.nfs.server) throw r.invalid(`${f}.nfs.server`, L('Required value', '必填值'));
    if (!v.nfs.path) throw r.invalid(`${f}.nfs.path`, L('Required value', '必填值'));
    if (!String(v.nfs.path).startsWith('/')) throw r.invalid(`${f}.nfs.path`, L(`Invalid value: "${v.nfs.path}": must be an absolute path`, `无效值 "${v.nfs.path}"：必须是绝对路径`));
  }
  if (type === 'persistentVolumeClaim' && !v.persistentVolumeClaim.claimName) throw r.invalid(`${f}.persistentVolumeClaim.claimName`, L('Required value', '必填值'));
  if (type === 'configMap') {
    if (!v.configMap.name) throw r.invalid(`${f}.configMap.name`, L('Required value', '必填值'));
    v.configMap.defaultMode ??= 420;
  }
}

function checkContainer(r: Reject, c: any, f: string, volumes: string[]): void {
  checkLabelValue(r, `${f}.name`, c?.name);
  if (!c.image) throw r.invalid(`${f}.image`, L('Required value', '必填值'));
  if (c.volumeDevices?.length) throw r.notModelled(L('raw block devices (volumeDevices)', '原始块设备（volumeDevices）'));
  const seen: string[] = [];
  (c.volumeMounts ?? []).forEach((m: any, j: number) => {
    const mf = `${f}.volumeMounts[${j}]`;
    if (!volumes.includes(m.name)) throw r.invalid(`${mf}.name`, L(`Not found: "${m.name}"`, `未找到："${m.name}"`));
    if (!m.mountPath) throw r.invalid(`${mf}.mountPath`, L('Required value', '必填值'));
    if (seen.includes(m.mountPath)) throw r.invalid(`${mf}.mountPath`, L(`Invalid value: "${m.mountPath}": must be unique`, `无效值 "${m.mountPath}"：必须唯一`));
    seen.push(m.mountPath);
    if (m.subPathExpr) throw r.notModelled(L('subPathExpr', 'subPathExpr'));
    if (m.subPath && (String(m.subPath).startsWith('/') || String(m.subPath).split('/').includes('..'))) {
      throw r.invalid(`${mf}.subPath`, L(`Invalid value: "${m.subPath}": must be a relative path without '..'`, `无效值 "${m.subPath}"：必须是不含 '..' 的相对路径`));
    }
  });
  c.imagePullPolicy ??= imagePullPolicy(String(c.image));
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
}

/**
 * Validates and defaults a pod spec in place. field is its path ("spec" or "spec.template.spec");
 * extraVolumes are names that count as volumes (a StatefulSet's claim templates).
 */
export function admitPodSpec(r: Reject, spec: any, field: string, extraVolumes: string[] = []): void {
  if (!spec || typeof spec !== 'object') throw r.invalid(field, L('Required value', '必填值'));
  if (spec.initContainers?.length) throw r.notModelled(L('init containers', 'Init 容器'));
  if (spec.ephemeralContainers?.length) throw r.notModelled(L('ephemeral containers', '临时容器'));
  if (spec.topologySpreadConstraints?.length) throw r.notModelled(L('topology spread constraints', '拓扑分布约束'));
  if (spec.os?.name && spec.os.name !== 'linux') throw r.notModelled(L(`${spec.os.name} pods`, `${spec.os.name} Pod`));
  const volumes: any[] = spec.volumes ?? [];
  const names: string[] = [];
  volumes.forEach((v, i) => {
    checkVolume(r, v, `${field}.volumes[${i}]`);
    if (names.includes(v.name)) throw r.invalid(`${field}.volumes[${i}].name`, L(`Duplicate value: "${v.name}"`, `重复的值："${v.name}"`));
    names.push(v.name);
  });
  const containers: any[] = spec.containers ?? [];
  if (containers.length === 0) throw r.invalid(`${field}.containers`, L('Required value', '必填值'));
  const cnames: string[] = [];
  containers.forEach((c, i) => {
    checkContainer(r, c, `${field}.containers[${i}]`, [...names, ...extraVolumes]);
    if (cnames.includes(c.name)) throw r.invalid(`${field}.containers[${i}].name`, L(`Duplicate value: "${c.name}"`, `重复的值："${c.name}"`));
    cnames.push(c.name);
  });
  spec.restartPolicy ??= 'Always';
  checkEnum(r, `${field}.restartPolicy`, spec.restartPolicy, ['Always', 'OnFailure', 'Never']);
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
}
