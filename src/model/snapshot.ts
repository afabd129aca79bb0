/**
 * A plain-JSON picture of the whole model for the playground, in stable order: nodes with their
 * pods, each pod's containers (with the files in their own writable layer) and volumes (with the
 * files they hold), each node's own files, PersistentVolumes (a course CSI volume's files from
 * its image, at <node>:/var/lib/course-csi/volumes/<id>.img) and claims, StorageClasses, NFS
 * servers, workloads and Services.
 */
import { NODE_BASE_DIRS } from './cluster-facts.ts';
import type { MemFs } from './filesystem.ts';
import { podProblem } from './pod-status.ts';
import { matchNodeSelectorTerms } from './selectors.ts';
import type { ModelState } from './state.ts';
import type { K8sObject } from './types.ts';

export interface ContainerSnapshot {
  name: string;
  image: string;
  state: 'running' | 'waiting' | 'terminated';
  reason?: string;
  restartCount: number;
  containerID?: string;
  lastExitCode?: number;
  /** Files written outside any volume (lost on restart), by absolute path. */
  ownFiles: Record<string, string>;
}

export interface VolumeSnapshot {
  name: string;
  type: string;
  /** Where the bytes live: "course-worker:/var/local/x", "nfs 10.96.100.100:/". */
  where?: string;
  medium?: string;
  claim?: string;
  persistentVolume?: string;
  readOnly: boolean;
  mounted: boolean;
  files: Record<string, string>;
}

export interface PodSnapshot {
  namespace: string;
  name: string;
  uid: string;
  node?: string;
  phase: string;
  reason?: string;
  message?: string;
  terminating: boolean;
  ip?: string;
  containers: ContainerSnapshot[];
  volumes: VolumeSnapshot[];
}

export interface NodeSnapshot {
  name: string;
  labels: Record<string, string>;
  taints: string[];
  pods: PodSnapshot[];
  /** The node's own files (hostPath, local PVs, local-path volumes, pod directories), by absolute path. */
  files: Record<string, string>;
  dirs: string[];
}

export interface ModelSnapshot {
  time: string;
  nodes: NodeSnapshot[];
  unscheduledPods: PodSnapshot[];
  /** files: what the volume holds (on the first node its affinity admits that has the path, or the NFS server). */
  persistentVolumes: { name: string; phase: string; capacity: string; accessModes: string[]; reclaimPolicy: string; storageClass: string; claim?: string; source: string; files: Record<string, string> }[];
  persistentVolumeClaims: { namespace: string; name: string; phase: string; volume?: string; storageClass?: string; request: string; terminating: boolean; selectedNode?: string }[];
  storageClasses: { name: string; provisioner: string; reclaimPolicy: string; volumeBindingMode: string; isDefault: boolean }[];
  nfsServers: { server: string; exports: string[]; files: Record<string, string> }[];
  workloads: { kind: string; namespace: string; name: string; replicas: number; readyReplicas: number }[];
  services: { namespace: string; name: string; clusterIP: string; headless: boolean }[];
}

function filesUnder(fs: MemFs, base: string): Record<string, string> {
  if (fs.stat(base) === 'file') return { [base]: fs.readFile(base)! };
  if (fs.stat(base) !== 'dir') return {};
  return fs.walk(base).files;
}

function absolute(fs: MemFs, skip: string[]): { files: Record<string, string>; dirs: string[] } {
  const { dirs, files } = fs.walk('/');
  const abs = (p: string) => '/' + p;
  const base = new Set<string>();
  for (const d of skip) for (let p = d; p !== '/' && p; p = p.slice(0, p.lastIndexOf('/')) || '/') base.add(p);
  return {
    files: Object.fromEntries(Object.entries(files).map(([p, d]) => [abs(p), d])),
    dirs: dirs.map(abs).filter((d) => !base.has(d)),
  };
}

function podSnapshot(state: ModelState, pod: K8sObject): PodSnapshot {
  const rt = state.pods.get(pod.metadata.uid!);
  const problem = podProblem(state, pod);
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  const images = state.rules;
  return {
    namespace: pod.metadata.namespace!,
    name: pod.metadata.name,
    uid: pod.metadata.uid!,
    node: pod.spec?.nodeName,
    phase: pod.status?.phase ?? 'Pending',
    ...(problem ? { reason: problem.reason, message: problem.message } : {}),
    terminating: !!pod.metadata.deletionTimestamp,
    ip: rt?.ip,
    containers: ((pod.spec?.containers as any[]) ?? []).map((spec, i) => {
      const cs = statuses.find((s) => s.name === spec.name) ?? {};
      const c = rt?.containers[i];
      const st = cs.state?.running ? 'running' : cs.state?.terminated ? 'terminated' : 'waiting';
      const own = c?.current ? absolute(c.current.layer, images.image(c.image).dirs) : { files: {} };
      return {
        name: spec.name,
        image: spec.image,
        state: st,
        ...(cs.state?.waiting?.reason || cs.state?.terminated?.reason ? { reason: cs.state?.waiting?.reason ?? cs.state?.terminated?.reason } : {}),
        restartCount: cs.restartCount ?? 0,
        ...(cs.containerID ? { containerID: cs.containerID } : {}),
        ...(cs.lastState?.terminated ? { lastExitCode: cs.lastState.terminated.exitCode } : {}),
        ownFiles: own.files,
      } satisfies ContainerSnapshot;
    }),
    volumes: ((pod.spec?.volumes as any[]) ?? []).map((v) => {
      const src = rt?.mounts?.find((m) => m.volume === v.name);
      const type = Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
      return {
        name: v.name,
        type,
        ...(src ? { where: src.where } : {}),
        ...(v.emptyDir?.medium ? { medium: v.emptyDir.medium } : {}),
        ...(v.persistentVolumeClaim ? { claim: v.persistentVolumeClaim.claimName } : {}),
        ...(src?.pv ? { persistentVolume: src.pv } : {}),
        readOnly: src?.readOnly ?? false,
        mounted: !!src,
        files: src ? filesUnder(src.fs, src.path) : {},
      };
    }),
  };
}

function pvSource(state: ModelState, pv: K8sObject): string {
  if (pv.spec.local) return `local ${pv.spec.local.path}`;
  if (pv.spec.hostPath) return `hostPath ${pv.spec.hostPath.path}`;
  if (pv.spec.nfs) return `nfs ${pv.spec.nfs.server}:${pv.spec.nfs.path}`;
  if (pv.spec.csi) {
    const vol = state.csi.volumes.get(String(pv.spec.csi.volumeHandle));
    return vol ? `csi ${vol.node}:/var/lib/course-csi/volumes/${vol.id}.img` : `csi ${pv.spec.csi.driver} ${pv.spec.csi.volumeHandle}`;
  }
  return 'unknown';
}

function pvFiles(state: ModelState, pv: K8sObject): Record<string, string> {
  if (pv.spec.csi) {
    // A course CSI volume's files live in its image (state.csi), not in a node directory.
    const vol = state.csi.volumes.get(String(pv.spec.csi.volumeHandle));
    return vol ? filesUnder(vol.fs, '/') : {};
  }
  if (pv.spec.nfs) {
    const server = state.nfs.get(pv.spec.nfs.server);
    return server ? filesUnder(server.fs, pv.spec.nfs.path) : {};
  }
  const path = pv.spec.local?.path ?? pv.spec.hostPath?.path;
  const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
  const nodes = state.store.list('Node').filter((n) => !terms || matchNodeSelectorTerms(terms, n.metadata.name, n.metadata.labels ?? {}));
  const holder = nodes.find((n) => state.nodeFs.get(n.metadata.name)?.stat(path));
  return holder && path ? filesUnder(state.nodeFs.get(holder.metadata.name)!, path) : {};
}

/** The whole model as plain JSON, stable order. */
export function snapshot(state: ModelState): ModelSnapshot {
  const pods = state.store.list('Pod');
  const nodes = state.store.list('Node').map((n) => {
    const fs = state.nodeFs.get(n.metadata.name)!;
    return {
      name: n.metadata.name,
      labels: { ...(n.metadata.labels ?? {}) },
      taints: ((n.spec?.taints as any[]) ?? []).map((t) => `${t.key}${t.value ? '=' + t.value : ''}:${t.effect}`),
      pods: pods.filter((p) => p.spec?.nodeName === n.metadata.name).map((p) => podSnapshot(state, p)),
      ...absolute(fs, NODE_BASE_DIRS),
    };
  });
  return {
    time: state.clock.iso(),
    nodes,
    unscheduledPods: pods.filter((p) => !p.spec?.nodeName).map((p) => podSnapshot(state, p)),
    persistentVolumes: state.store.list('PersistentVolume').map((pv) => ({
      name: pv.metadata.name,
      phase: pv.status?.phase ?? 'Pending',
      capacity: String(pv.spec.capacity?.storage ?? ''),
      accessModes: [...(pv.spec.accessModes ?? [])],
      reclaimPolicy: pv.spec.persistentVolumeReclaimPolicy,
      storageClass: pv.spec.storageClassName ?? '',
      ...(pv.spec.claimRef ? { claim: `${pv.spec.claimRef.namespace}/${pv.spec.claimRef.name}` } : {}),
      source: pvSource(state, pv),
      files: pvFiles(state, pv),
    })),
    persistentVolumeClaims: state.store.list('PersistentVolumeClaim').map((c) => ({
      namespace: c.metadata.namespace!,
      name: c.metadata.name,
      phase: c.status?.phase ?? 'Pending',
      ...(c.spec.volumeName ? { volume: c.spec.volumeName } : {}),
      ...(c.spec.storageClassName != null ? { storageClass: c.spec.storageClassName } : {}),
      request: String(c.spec.resources?.requests?.storage ?? ''),
      terminating: !!c.metadata.deletionTimestamp,
      ...(c.metadata.annotations?.['volume.kubernetes.io/selected-node'] ? { selectedNode: c.metadata.annotations['volume.kubernetes.io/selected-node'] } : {}),
    })),
    storageClasses: state.store.list('StorageClass').map((sc) => ({
      name: sc.metadata.name,
      provisioner: sc.provisioner as string,
      reclaimPolicy: sc.reclaimPolicy as string,
      volumeBindingMode: sc.volumeBindingMode as string,
      isDefault: sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
    })),
    nfsServers: [...state.nfs.values()].sort((a, b) => a.ip.localeCompare(b.ip)).map((s) => ({ server: s.ip, exports: [...s.exports], files: filesUnder(s.fs, '/') })),
    workloads: [...state.store.list('Deployment'), ...state.store.list('StatefulSet')].map((w) => ({
      kind: w.kind,
      namespace: w.metadata.namespace!,
      name: w.metadata.name,
      replicas: w.spec.replicas ?? 1,
      readyReplicas: w.status?.readyReplicas ?? 0,
    })),
    services: state.store.list('Service').map((s) => ({ namespace: s.metadata.namespace!, name: s.metadata.name, clusterIP: s.spec.clusterIP, headless: s.spec.clusterIP === 'None' })),
  };
}

