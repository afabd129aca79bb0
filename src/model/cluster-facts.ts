/**
 * The fixed facts of the course cluster the model stands for (kind, 1 control plane + 2
 * workers): node names, labels, taint, addresses, the default StorageClass `standard`, the
 * service CIDR and its system Services, the node's base directories, the course NFS address, and
 * what `npm run cluster:up` installs for the course's CSI driver (cluster/csi/course-csi.yaml):
 * its CSIDriver, the StorageClass course-csi, the VolumeSnapshotClass course-snapclass and two
 * VolumeAttributesClasses, and the topology label the driver's registration puts on every node.
 */
import { CSI_DRIVER_NAME, CSI_SNAPSHOT_CLASS, CSI_STORAGE_CLASS } from '../course-csi.ts';
import type { K8sObject } from './types.ts';

export const CONTROL_PLANE = 'course-control-plane';
export const WORKERS = ['course-worker', 'course-worker2'];
export const SERVICE_CIDR = '10.96.0.0/16';
export const NFS_SERVER_IP = '10.96.100.100';
export const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
export const LOCAL_PATH_BASE = '/var/local-path-provisioner';
export const KUBELET_PODS_DIR = '/var/lib/kubelet/pods';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
/** The course's CSI driver (cluster/csi-driver/main.go: driverName, topologyKey). */
export const COURSE_CSI_DRIVER = CSI_DRIVER_NAME;
export const COURSE_CSI_TOPOLOGY_KEY = 'topology.k8s-storage-course.local/node';
export const COURSE_CSI_CLASS = CSI_STORAGE_CLASS;
export const COURSE_SNAPSHOT_CLASS = CSI_SNAPSHOT_CLASS;
export const DEFAULT_SNAPSHOT_CLASS_ANNOTATION = 'snapshot.storage.kubernetes.io/is-default-class';
/** The driver's smallest volume: mkfs.xfs makes nothing under 300 MiB (cluster/csi-driver/disk.go minVolumeBytes). */
export const CSI_MIN_VOLUME_BYTES = 300 * 2 ** 20;
/** The driver's largest volume, made or grown to (cluster/csi-driver/disk.go maxVolumeBytes). */
export const CSI_MAX_VOLUME_BYTES = 64 * 2 ** 30;
/**
 * What `df` reports as the size of every file system that is not a course-csi volume (the
 * container's own layer, emptyDir on disk, hostPath, local-path): the node's disk, a fixed
 * stand-in for the machine kind runs on.
 */
export const NODE_DISK_BYTES = 100 * 2 ** 30;

/** Directories every node's own filesystem starts with (a Debian-based kind node). */
export const NODE_BASE_DIRS = [
  '/etc', '/home', '/mnt', '/opt', '/root', '/run', '/srv', '/tmp', '/usr/local', '/var/cache', '/var/lib/kubelet/pods',
  '/var/local', '/var/log', '/var/opt', '/var/tmp', LOCAL_PATH_BASE,
];

const NODE_FACTS = [
  { name: CONTROL_PLANE, ip: '172.18.0.2', podCidr: '10.244.0.0/24', controlPlane: true },
  { name: WORKERS[0]!, ip: '172.18.0.3', podCidr: '10.244.1.0/24', controlPlane: false },
  { name: WORKERS[1]!, ip: '172.18.0.4', podCidr: '10.244.2.0/24', controlPlane: false },
];

/** The three Node objects. */
export function nodeObjects(iso: string): K8sObject[] {
  return NODE_FACTS.map((n) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      creationTimestamp: iso,
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        [COURSE_CSI_TOPOLOGY_KEY]: n.name,
        ...(n.controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
      },
    },
    spec: { podCIDR: n.podCidr, podCIDRs: [n.podCidr], providerID: `kind://docker/course/${n.name}`, ...(n.controlPlane ? { taints: [CONTROL_PLANE_TAINT] } : {}) },
    status: {
      addresses: [
        { type: 'InternalIP', address: n.ip },
        { type: 'Hostname', address: n.name },
      ],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastTransitionTime: iso }],
      nodeInfo: { containerRuntimeVersion: 'containerd://2.1.0', kubeletVersion: 'v1.35.0', osImage: 'Debian GNU/Linux 12 (bookworm)' },
    },
  }));
}

/** kind's default StorageClass `standard`. */
export function standardStorageClass(iso: string): K8sObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', creationTimestamp: iso, annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

/**
 * The cluster-wide objects cluster/csi/course-csi.yaml installs for the course's driver (the
 * DaemonSet, snapshot controller and RBAC are the model itself). course-csi is not the default
 * class, and course-snapclass is not the default snapshot class.
 */
export function courseCsiObjects(iso: string): K8sObject[] {
  const meta = (name: string) => ({ name, creationTimestamp: iso });
  const vac = (name: string, tier: string): K8sObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttributesClass', metadata: meta(name), driverName: COURSE_CSI_DRIVER, parameters: { tier } });
  return [
    { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: meta(COURSE_CSI_DRIVER), spec: { attachRequired: true, podInfoOnMount: false, fsGroupPolicy: 'File', volumeLifecycleModes: ['Persistent'], requiresRepublish: false, storageCapacity: false, seLinuxMount: false } },
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta(COURSE_CSI_CLASS), provisioner: COURSE_CSI_DRIVER, reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true },
    { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: meta(COURSE_SNAPSHOT_CLASS), driver: COURSE_CSI_DRIVER, deletionPolicy: 'Delete' },
    vac('course-standard', 'standard'),
    vac('course-fast', 'fast'),
  ];
}

/** The Services every cluster has: kubernetes (10.96.0.1) and kube-dns (10.96.0.10). */
export function systemServices(iso: string): K8sObject[] {
  const svc = (name: string, namespace: string, ip: string, port: number): K8sObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, creationTimestamp: iso },
    spec: { type: 'ClusterIP', clusterIP: ip, clusterIPs: [ip], ports: [{ port, protocol: 'TCP' }] },
  });
  return [svc('kubernetes', 'default', '10.96.0.1', 443), svc('kube-dns', 'kube-system', '10.96.0.10', 53)];
}

/** The pod CIDR prefix of a node ("10.244.1."), for pod IPs. */
export function podIpPrefix(node: string): string {
  const n = NODE_FACTS.find((f) => f.name === node);
  return (n?.podCidr ?? '10.244.9.0/24').replace(/0\/24$/, '');
}

/** The InternalIP of a node. */
export function nodeIp(node: string): string {
  return NODE_FACTS.find((f) => f.name === node)?.ip ?? '172.18.0.9';
}

/** True if ip is an IPv4 address inside the service CIDR 10.96.0.0/16. */
export function inServiceCidr(ip: string): boolean {
  const m = /^10\.96\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  return !!m && Number(m[1]) <= 255 && Number(m[2]) <= 255;
}

/** True if s is a dotted IPv4 address. */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
