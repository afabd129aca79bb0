/**
 * The kubelet's volume manager: turns a scheduled pod's spec.volumes into mount sources on its
 * node, or explains why it cannot (the FailedMount text). Lifetimes follow from where the bytes
 * live: emptyDir and configMap under /var/lib/kubelet/pods/<pod-uid>/ on the node (removed with
 * the pod), hostPath and local PVs at their node path (kept), NFS on the server (shared by all
 * nodes), a course CSI volume in its own image on its node (cluster/csi-driver: staged from the
 * image, which grows to the recorded size first; a node other than the volume's cannot attach
 * it). hostPath `type` is checked like the kubelet does.
 */
import { COURSE_CSI_DRIVER, KUBELET_PODS_DIR } from './cluster-facts.ts';
import { growFileSystem } from './csi-driver.ts';
import { FsError, type MemFs, normalizePath, parentPath } from './filesystem.ts';
import { mountNfs } from './nfs.ts';
import { matchNodeSelectorTerms } from './selectors.ts';
import type { ModelState, MountSource } from './state.ts';
import type { K8sObject } from './types.ts';

export type VolumeSetup = { ok: true; mounts: MountSource[] } | { ok: false; volume: string; reason: 'FailedMount' | 'WaitingForVolume'; message: string };

type Fail = { ok: false; detail: string; reason?: 'FailedMount' | 'WaitingForVolume'; volumeName?: string; raw?: boolean };
type Source = { ok: true; source: Omit<MountSource, 'volume' | 'readOnly'> & { readOnly?: boolean } } | Fail;

/** Mounts every volume of a pod on node, in spec order; stops at the first failure. */
export function setupVolumes(state: ModelState, pod: K8sObject, node: string): VolumeSetup {
  const mounts: MountSource[] = [];
  for (const vol of (pod.spec?.volumes ?? []) as any[]) {
    const r = mountOne(state, pod, node, vol);
    if (!r.ok) {
      const name = r.volumeName ?? vol.name;
      const message = r.raw ? r.detail : `MountVolume.SetUp failed for volume "${name}" : ${r.detail}`;
      return { ok: false, volume: vol.name, reason: r.reason ?? 'FailedMount', message };
    }
    mounts.push({ ...r.source, volume: vol.name, readOnly: !!r.source.readOnly });
  }
  return { ok: true, mounts };
}

/** Removes the pod's directory (emptyDir and configMap volumes) from its node. */
export function teardownPodDir(state: ModelState, node: string, uid: string): void {
  state.nodeFs.get(node)?.remove(`${KUBELET_PODS_DIR}/${uid}`);
}

function podVolumeDir(uid: string, plugin: string, name: string): string {
  return `${KUBELET_PODS_DIR}/${uid}/volumes/kubernetes.io~${plugin}/${name}`;
}

function mountOne(state: ModelState, pod: K8sObject, node: string, vol: any): Source {
  const fs = state.nodeFs.get(node)!;
  const uid = pod.metadata.uid!;
  if (vol.emptyDir) {
    const path = podVolumeDir(uid, 'empty-dir', vol.name);
    fs.mkdirp(path);
    return { ok: true, source: { type: 'emptyDir', fs, path, file: false, where: `${node}:${path}`, medium: vol.emptyDir.medium || undefined } };
  }
  if (vol.hostPath) {
    const r = hostPath(fs, vol.hostPath.path, vol.hostPath.type ?? '');
    if (!r.ok) return r;
    return { ok: true, source: { type: 'hostPath', fs, path: normalizePath(vol.hostPath.path), file: r.file, where: `${node}:${normalizePath(vol.hostPath.path)}` } };
  }
  if (vol.nfs) return nfs(state, uid, vol.name, vol.nfs, 'nfs');
  if (vol.configMap) return configMap(state, pod, fs, node, vol);
  if (vol.persistentVolumeClaim) return claim(state, pod, node, vol);
  return { ok: false, detail: 'volume type not modelled' };
}

/** hostPath type semantics: '' (no check; a missing path becomes a directory), DirectoryOrCreate, Directory, FileOrCreate, File. */
function hostPath(fs: MemFs, rawPath: string, type: string): { ok: true; file: boolean } | Fail {
  const path = normalizePath(rawPath);
  const kind = fs.stat(path);
  const notDir = { ok: false as const, detail: `hostPath type check failed: ${path} is not a directory` };
  const notFile = { ok: false as const, detail: `hostPath type check failed: ${path} is not a file` };
  try {
    switch (type) {
      case '':
        if (!kind) fs.mkdirp(path);
        return { ok: true, file: kind === 'file' };
      case 'DirectoryOrCreate':
        if (kind === 'file') return notDir;
        if (!kind) fs.mkdirp(path);
        return { ok: true, file: false };
      case 'Directory':
        return kind === 'dir' ? { ok: true, file: false } : notDir;
      case 'FileOrCreate':
        if (kind === 'dir') return notFile;
        if (!kind) {
          if (fs.stat(parentPath(path)) !== 'dir') return { ok: false, detail: `open ${path}: no such file or directory` };
          fs.writeFile(path, '');
        }
        return { ok: true, file: true };
      case 'File':
        return kind === 'file' ? { ok: true, file: true } : notFile;
      default:
        return { ok: false, detail: `hostPath type ${type} not modelled` };
    }
  } catch (e) {
    if (e instanceof FsError) return { ok: false, detail: `mkdir ${path}: not a directory` };
    throw e;
  }
}

function nfs(state: ModelState, uid: string, volumeName: string, spec: any, plugin: string): Source {
  const target = podVolumeDir(uid, plugin, volumeName);
  const r = mountNfs(state, String(spec.server ?? ''), String(spec.path ?? '/'));
  if (!r.ok) {
    const detail = `mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t nfs ${spec.server}:${spec.path} ${target}\nOutput: ${r.output}`;
    return { ok: false, detail, volumeName };
  }
  return { ok: true, source: { type: 'nfs', fs: r.fs, path: r.path, file: false, where: `nfs ${spec.server}:${r.path}`, readOnly: !!spec.readOnly } };
}

function configMap(state: ModelState, pod: K8sObject, fs: MemFs, node: string, vol: any): Source {
  const cm = state.store.get('ConfigMap', pod.metadata.namespace ?? 'default', vol.configMap.name);
  if (!cm && !vol.configMap.optional) return { ok: false, detail: `configmap "${vol.configMap.name}" not found` };
  const path = podVolumeDir(pod.metadata.uid!, 'configmap', vol.name);
  fs.remove(path);
  fs.mkdirp(path);
  const data: Record<string, string> = { ...((cm?.data as Record<string, string>) ?? {}) };
  const items: { key: string; path: string }[] = vol.configMap.items ?? Object.keys(data).map((key) => ({ key, path: key }));
  for (const item of items) {
    if (!(item.key in data)) {
      if (vol.configMap.optional) continue;
      return { ok: false, detail: `configmap references non-existent config key: ${item.key}` };
    }
    const file = normalizePath(`${path}/${item.path}`);
    fs.mkdirp(parentPath(file));
    fs.writeFile(file, data[item.key]!);
  }
  return { ok: true, source: { type: 'configMap', fs, path, file: false, where: `${node}:${path}`, readOnly: true } };
}

function claim(state: ModelState, pod: K8sObject, node: string, vol: any): Source {
  const ns = pod.metadata.namespace ?? 'default';
  const name = vol.persistentVolumeClaim.claimName;
  const pvc = state.store.get('PersistentVolumeClaim', ns, name);
  if (!pvc) return { ok: false, raw: true, detail: `Unable to attach or mount volumes: error processing PVC ${ns}/${name}: persistentvolumeclaim "${name}" not found` };
  const pvName = pvc.spec?.volumeName;
  if (!pvName || pvc.status?.phase !== 'Bound') {
    return { ok: false, raw: true, reason: 'WaitingForVolume', detail: `waiting for PersistentVolumeClaim "${name}" to be bound (phase ${pvc.status?.phase ?? 'Pending'})` };
  }
  const pv = state.store.get('PersistentVolume', '', pvName);
  if (!pv) return { ok: false, raw: true, detail: `Unable to attach or mount volumes: error processing PVC ${ns}/${name}: volume "${pvName}" not found` };
  const nodeObj = state.store.get('Node', '', node)!;
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (terms && !matchNodeSelectorTerms(terms, node, nodeObj.metadata.labels ?? {})) {
    return { ok: false, raw: true, detail: `MountVolume.NodeAffinity check failed for volume "${pvName}" : no matching NodeSelectorTerms` };
  }
  const readOnly = !!vol.persistentVolumeClaim.readOnly;
  const fs = state.nodeFs.get(node)!;
  const base = { claim: name, pv: pvName };
  if (pv.spec.local) {
    const path = normalizePath(pv.spec.local.path);
    if (fs.stat(path) !== 'dir') return { ok: false, raw: true, detail: `MountVolume.NewMounter initialization failed for volume "${pvName}" : path "${path}" does not exist` };
    return { ok: true, source: { ...base, type: 'persistentVolumeClaim', fs, path, file: false, where: `${node}:${path}`, readOnly } };
  }
  if (pv.spec.hostPath) {
    const r = hostPath(fs, pv.spec.hostPath.path, pv.spec.hostPath.type ?? '');
    if (!r.ok) return { ...r, volumeName: pvName };
    const path = normalizePath(pv.spec.hostPath.path);
    return { ok: true, source: { ...base, type: 'persistentVolumeClaim', fs, path, file: r.file, where: `${node}:${path}`, readOnly } };
  }
  if (pv.spec.nfs) {
    const r = nfs(state, pod.metadata.uid!, pvName, pv.spec.nfs, 'nfs');
    if (!r.ok) return r;
    return { ok: true, source: { ...r.source, ...base, type: 'persistentVolumeClaim', readOnly: readOnly || !!r.source.readOnly } };
  }
  if (pv.spec.csi?.driver === COURSE_CSI_DRIVER) return courseCsi(state, node, pv, { ...base, readOnly });
  return { ok: false, detail: 'persistent volume source not modelled', volumeName: pvName };
}

/** A course CSI volume: attach (its node only), stage (the file system grows to the record's size), publish. */
function courseCsi(state: ModelState, node: string, pv: K8sObject, base: { claim: string; pv: string; readOnly: boolean }): Source {
  const id = String(pv.spec.csi.volumeHandle);
  const vol = state.csi.volumes.get(id);
  const attach = (desc: string) => ({ ok: false as const, raw: true, detail: `AttachVolume.Attach failed for volume "${pv.metadata.name}" : rpc error: code = ${desc}` });
  if (!vol) return attach(`NotFound desc = volume ${id} does not exist`);
  if (vol.node !== node) {
    return attach(`FailedPrecondition desc = volume ${id} is on node ${vol.node} and cannot be attached to node ${node}: its pods must run on node ${vol.node} (the PV's node affinity says so)`);
  }
  growFileSystem(state, id);
  return { ok: true, source: { ...base, type: 'persistentVolumeClaim', fs: vol.fs, path: '/', file: false, where: `${node}:/var/lib/course-csi/volumes/${id}.img`, csiVolume: id } };
}
