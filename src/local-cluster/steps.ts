/**
 * The ordered steps of `npm run cluster:up`, as data: what each builds, how to tell it is already
 * built (the cache), and the command that builds it. Pure: nothing here runs a command; the step
 * runner (run-steps.ts) does, and tests read the plan directly.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NFS_IMAGE } from '../grader/cluster/common/nfs-manifests.ts';
import type { Localized } from '../i18n/lang.ts';
import { contentKey } from './keys.ts';
import type { ClusterPaths } from './paths.ts';
import { kubernetesMinor, type Versions } from './versions.ts';

/** How a step builds its product: a program with arguments and extra environment. */
export interface StepCommand {
  file: string;
  args: string[];
  env?: Record<string, string>;
  /**
   * Never stopped half-way (apt-get: a dpkg killed mid-install leaves the package database broken):
   * on Ctrl-C it runs to its end, and the step then stops with the abort reason.
   */
  finishOnAbort?: boolean;
}

export interface BuildStep {
  id: string;
  title: Localized;
  /** A rough duration on 2 cores when nothing is cached, shown while it runs (measured on a cold CI run). */
  coldEstimate: string;
  /** True when the product is already in the cache (the step is then skipped). */
  cached: (probe: CacheProbe) => Promise<boolean>;
  command: StepCommand;
}

/** What the plan may ask of the machine to decide whether a product is cached. */
export interface CacheProbe {
  fileExists(path: string): boolean;
  imageExists(ref: string): Promise<boolean>;
}

/** A Go tool built from one published module version (cluster/build/go-tool.sh). */
interface GoTool {
  name: string;
  module: string;
  version: string;
  packages: string[];
  cgo?: boolean;
  tags?: string;
  ldflags?: string;
  stagingReplace?: boolean;
  what: Localized;
  estimate: string;
}

function goTools(v: Versions): GoTool[] {
  const k8sMinor = kubernetesMinor(v.KUBERNETES_VERSION);
  const k8sVersionFlags = ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']
    .map((p) => `-X ${p}.gitVersion=${v.KUBERNETES_VERSION} -X ${p}.gitMajor=1 -X ${p}.gitMinor=${k8sMinor} -X ${p}.gitTreeState=clean`)
    .join(' ');
  const k8sCmds = ['kubelet', 'kubeadm', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'kubectl'];
  return [
    { name: 'kind', module: 'sigs.k8s.io/kind', version: v.KIND_VERSION, packages: ['sigs.k8s.io/kind'], what: { en: 'kind', 'zh-cn': 'kind' }, estimate: '20 s' },
    {
      name: 'kubernetes',
      module: 'k8s.io/kubernetes',
      version: v.KUBERNETES_VERSION,
      packages: k8sCmds.map((c) => `k8s.io/kubernetes/cmd/${c}`),
      ldflags: k8sVersionFlags,
      stagingReplace: true,
      what: { en: `Kubernetes (${k8sCmds.join(', ')})`, 'zh-cn': `Kubernetes（${k8sCmds.join('、')}）` },
      estimate: '5 min',
    },
    {
      name: 'containerd',
      module: 'github.com/containerd/containerd/v2',
      version: v.CONTAINERD_VERSION,
      packages: ['containerd', 'ctr', 'containerd-shim-runc-v2'].map((c) => `github.com/containerd/containerd/v2/cmd/${c}`),
      cgo: true,
      tags: 'no_aufs no_zfs no_btrfs no_devmapper',
      ldflags: `-X github.com/containerd/containerd/v2/version.Version=${v.CONTAINERD_VERSION}`,
      what: { en: 'containerd', 'zh-cn': 'containerd' },
      estimate: '1-2 min',
    },
    {
      name: 'runc',
      module: 'github.com/opencontainers/runc',
      version: v.RUNC_VERSION,
      packages: ['github.com/opencontainers/runc'],
      cgo: true,
      tags: 'seccomp urfave_cli_no_docs',
      ldflags: `-X main.version=${v.RUNC_VERSION.replace(/^v/, '')}`,
      what: { en: 'runc', 'zh-cn': 'runc' },
      estimate: '15 s',
    },
    {
      name: 'crictl',
      module: 'sigs.k8s.io/cri-tools',
      version: v.CRICTL_VERSION,
      packages: ['sigs.k8s.io/cri-tools/cmd/crictl'],
      ldflags: `-X sigs.k8s.io/cri-tools/pkg/version.Version=${v.CRICTL_VERSION}`,
      what: { en: 'crictl', 'zh-cn': 'crictl' },
      estimate: '30 s',
    },
    {
      name: 'cni-plugins',
      module: 'github.com/containernetworking/plugins',
      version: v.CNI_PLUGINS_VERSION,
      packages: ['ipam/host-local', 'main/loopback', 'main/ptp', 'meta/portmap'].map((p) => `github.com/containernetworking/plugins/plugins/${p}`),
      what: { en: 'CNI plugins (host-local, loopback, ptp, portmap)', 'zh-cn': 'CNI 插件（host-local、loopback、ptp、portmap）' },
      estimate: '10 s',
    },
    { name: 'etcd', module: 'go.etcd.io/etcd/server/v3', version: v.ETCD_VERSION, packages: ['go.etcd.io/etcd/server/v3'], what: { en: 'etcd', 'zh-cn': 'etcd' }, estimate: '30 s' },
    { name: 'coredns', module: 'github.com/coredns/coredns', version: v.COREDNS_VERSION, packages: ['github.com/coredns/coredns'], what: { en: 'CoreDNS', 'zh-cn': 'CoreDNS' }, estimate: '1-2 min' },
    {
      name: 'local-path-provisioner',
      module: 'github.com/rancher/local-path-provisioner',
      version: v.LOCAL_PATH_PROVISIONER_VERSION,
      packages: ['github.com/rancher/local-path-provisioner'],
      ldflags: `-X main.VERSION=${v.LOCAL_PATH_PROVISIONER_VERSION}`,
      what: { en: 'local-path-provisioner (kind\'s default StorageClass)', 'zh-cn': 'local-path-provisioner（kind 的默认存储类）' },
      estimate: '1 min',
    },
    ...csiTools(v),
  ];
}

/** The Kubernetes CSI sidecars and the snapshot controller of the course's CSI stack (cluster/csi). */
function csiTools(v: Versions): GoTool[] {
  const ks = 'github.com/kubernetes-csi';
  return [
    { name: 'csi-provisioner', module: `${ks}/external-provisioner/v6`, version: v.CSI_PROVISIONER_VERSION, packages: [`${ks}/external-provisioner/v6/cmd/csi-provisioner`], what: { en: 'csi-provisioner', 'zh-cn': 'csi-provisioner' }, estimate: '1-2 min' },
    { name: 'csi-attacher', module: `${ks}/external-attacher/v4`, version: v.CSI_ATTACHER_VERSION, packages: [`${ks}/external-attacher/v4/cmd/csi-attacher`], what: { en: 'csi-attacher', 'zh-cn': 'csi-attacher' }, estimate: '40 s' },
    { name: 'csi-resizer', module: `${ks}/external-resizer/v2`, version: v.CSI_RESIZER_VERSION, packages: [`${ks}/external-resizer/v2/cmd/csi-resizer`], what: { en: 'csi-resizer', 'zh-cn': 'csi-resizer' }, estimate: '40 s' },
    {
      name: 'external-snapshotter',
      module: `${ks}/external-snapshotter/v8`,
      version: v.CSI_SNAPSHOTTER_VERSION,
      packages: ['csi-snapshotter', 'snapshot-controller'].map((c) => `${ks}/external-snapshotter/v8/cmd/${c}`),
      what: { en: 'csi-snapshotter and snapshot-controller', 'zh-cn': 'csi-snapshotter 与 snapshot-controller' },
      estimate: '1 min',
    },
  ];
}

/** Debian packages of the node's root file system (as kind's base image installs them). */
export const NODE_PACKAGES = [
  'systemd', 'conntrack', 'iptables', 'nftables', 'iproute2', 'ethtool', 'util-linux', 'mount', 'kmod',
  'libseccomp2', 'pigz', 'fuse-overlayfs', 'nfs-common', 'open-iscsi', 'bash', 'ca-certificates', 'curl', 'jq', 'procps',
];
/** Debian packages of the small image kube-proxy and course-cni run on. */
export const NETBASE_PACKAGES = ['iptables', 'nftables', 'conntrack', 'iproute2'];
/**
 * Debian packages of lesson 3's NFS server image: NFS-Ganesha (a user-space server: no nfsd
 * kernel module needed) with its VFS back end, rpcbind for NFSv3 clients, netbase for the
 * /etc/services rpcbind resolves its own port from, dbus for the daemon the start script runs.
 */
export const NFS_SERVER_PACKAGES = ['nfs-ganesha', 'nfs-ganesha-vfs', 'rpcbind', 'netbase', 'dbus'];

/** The Go module of the course's user-space NFS client, installed on every node (cluster/nfs-fuse). */
export const NFS_CLIENT_DIR = 'cluster/nfs-fuse';
/** The Go module of the course's CSI driver (cluster/csi-driver), run by cluster/csi/course-csi.yaml. */
export const CSI_DRIVER_DIR = 'cluster/csi-driver';
/**
 * Debian packages of the CSI driver's image: what the driver runs (losetup and mount from
 * util-linux and mount, mkfs.xfs and xfs_growfs from xfsprogs, fsfreeze from util-linux).
 */
export const CSI_DRIVER_PACKAGES = ['util-linux', 'mount', 'xfsprogs'];

/** The files course-nfs-client is built from (see goModuleInputs). */
export function nfsClientInputs(root: string): string[] {
  return goModuleInputs(root, NFS_CLIENT_DIR);
}

/** The files a Go module of this repository is built from: its Go sources, go.mod and go.sum; tests and internal/ (test helpers) left out. */
export function goModuleInputs(root: string, moduleDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'internal') walk(path);
      } else if ((e.name.endsWith('.go') && !e.name.endsWith('_test.go')) || e.name === 'go.mod' || e.name === 'go.sum') {
        out.push(relative(root, path));
      }
    }
  };
  walk(join(root, moduleDir));
  return out;
}

/** Every name the build products carry, derived from the pins and the build files' contents. */
export interface BuildNames {
  /** Go module cache directory of sigs.k8s.io/kind and k8s.io/kubernetes at their pins. */
  kindSource: string;
  kubernetesSource: string;
  nodeRootfs: string;
  netbaseRootfs: string;
  /** Root file system of the NFS server image. */
  nfsRootfs: string;
  /** Build directory of course-nfs-client (its binary in bin/). */
  nfsClientDir: string;
  imagesDir: string;
  /** Build directory of course-csi-driver (its binary in bin/), its image's root file system, and the CSI images. */
  csiDriverDir: string;
  csiRootfs: string;
  csiImagesDir: string;
  /** The driver image's name (no registry has it: it keeps this name inside the nodes too). */
  csiDriverImage: string;
  courseCniImage: string;
  baseImage: string;
  nodeImage: string;
}

/** Repository files each product is built from (their contents are part of its key). */
export const IMAGE_INPUTS = ['cluster/versions.env', 'cluster/build/go-tool.sh', 'cluster/build/images.sh', 'cluster/build/image-lib.sh', 'cluster/node/course-cni.sh'];
export const NODE_INPUTS = [...IMAGE_INPUTS, 'cluster/build/node-image.sh', 'cluster/node/course-cni.yaml', 'cluster/build/debian-rootfs.sh', 'cluster/build/go-local.sh'];

export function buildNames(root: string, paths: ClusterPaths, v: Versions, gomodcache: string, dropCaps: string, netbasePackages: string[] = NETBASE_PACKAGES): BuildNames {
  const rootfsKey = (pkgs: string[]) => contentKey(root, ['cluster/build/debian-rootfs.sh'], pkgs);
  const netbase = `netbase-${v.DEBIAN_SUITE}-${rootfsKey(netbasePackages)}`;
  const nfsServer = `nfs-server-${v.DEBIAN_SUITE}-${rootfsKey(NFS_SERVER_PACKAGES)}`;
  const nfsClientKey = contentKey(root, ['cluster/build/go-local.sh', ...nfsClientInputs(root)]);
  // kube-proxy and course-cni are built on the netbase root file system, the NFS server on its
  // own: their names (suite, script and packages) are part of the images' key, so a new root file
  // system rebuilds the images on it. The node image holds them all, and course-nfs-client.
  const imagesKey = contentKey(root, IMAGE_INPUTS, [netbase, nfsServer, NFS_IMAGE]);
  const nodeKey = contentKey(root, NODE_INPUTS, [...NODE_PACKAGES, ...NETBASE_PACKAGES, ...NFS_SERVER_PACKAGES, NFS_IMAGE, nfsClientKey, dropCaps]);
  const csiRootfs = `csi-driver-${v.DEBIAN_SUITE}-${rootfsKey(CSI_DRIVER_PACKAGES)}`;
  const csiDriverKey = contentKey(root, ['cluster/build/go-local.sh', ...goModuleInputs(root, CSI_DRIVER_DIR)]);
  const csiSidecars = csiTools(v).map((t) => `${t.name}@${t.version}`);
  const csiImagesKey = contentKey(root, ['cluster/versions.env', 'cluster/build/csi-images.sh', 'cluster/build/image-lib.sh'], [csiRootfs, csiDriverKey, ...csiSidecars]);
  return {
    csiDriverDir: join(paths.go, `course-csi-driver-${csiDriverKey}`),
    csiRootfs: join(paths.rootfs, `${csiRootfs}.tar`),
    csiImagesDir: join(paths.images, `csi-${csiImagesKey}`),
    csiDriverImage: `k8s-storage-course/course-csi-driver:${csiImagesKey}`,
    kindSource: join(gomodcache, 'sigs.k8s.io', `kind@${v.KIND_VERSION}`),
    kubernetesSource: join(gomodcache, 'k8s.io', `kubernetes@${v.KUBERNETES_VERSION}`),
    nodeRootfs: join(paths.rootfs, `node-${v.DEBIAN_SUITE}-${rootfsKey(NODE_PACKAGES)}.tar`),
    netbaseRootfs: join(paths.rootfs, `${netbase}.tar`),
    nfsRootfs: join(paths.rootfs, `${nfsServer}.tar`),
    nfsClientDir: join(paths.go, `course-nfs-client-${nfsClientKey}`),
    imagesDir: join(paths.images, imagesKey),
    courseCniImage: `k8s-storage-course/course-cni:${imagesKey}`,
    baseImage: `k8s-storage-course/kind-base:${nodeKey}`,
    nodeImage: `k8s-storage-course/node:${v.KUBERNETES_VERSION}-${nodeKey}`,
  };
}

/** The directories under <cache>/go/ the Go builds of these pins go to (`<tool>-<version>`), and those of the repository's own Go modules. */
export function goToolDirs(paths: ClusterPaths, v: Versions, names: Pick<BuildNames, 'nfsClientDir' | 'csiDriverDir'>): string[] {
  return [...goTools(v).map((t) => join(paths.go, `${t.name}-${t.version}`)), names.nfsClientDir, names.csiDriverDir];
}

/** The build steps, in order. `root` is the repository; `script(name)` its cluster/build/<name>. */
export function buildSteps(root: string, paths: ClusterPaths, v: Versions, names: BuildNames, dropCaps: string): BuildStep[] {
  const script = (name: string) => join(root, 'cluster', 'build', name);
  const common = {
    CACHE: paths.root,
    KIND_SRC: names.kindSource,
    K8S_SRC: names.kubernetesSource,
    IMAGES: names.imagesDir,
    COURSE_CNI_IMAGE: names.courseCniImage,
    NODE_ROOTFS: names.nodeRootfs,
    NETBASE_ROOTFS: names.netbaseRootfs,
    NFS_ROOTFS: names.nfsRootfs,
    NFS_SERVER_IMAGE: NFS_IMAGE,
    NFS_CLIENT_BIN: join(names.nfsClientDir, 'bin', 'course-nfs-client'),
    DROP_CAPS: dropCaps,
    DOCKER_BUILDKIT: '0',
  };
  const steps: BuildStep[] = goTools(v).map((t) => {
    const out = join(paths.go, `${t.name}-${t.version}`);
    const args = [out, t.module, t.version];
    if (t.cgo) args.push('--cgo');
    if (t.tags) args.push('--tags', t.tags);
    if (t.ldflags) args.push('--ldflags', t.ldflags);
    if (t.stagingReplace) args.push('--replace-staging');
    args.push(...t.packages);
    return {
      id: `go:${t.name}`,
      title: { en: `Build ${t.what.en} ${t.version} from the Go module proxy`, 'zh-cn': `从 Go 模块代理构建 ${t.what['zh-cn']} ${t.version}` },
      coldEstimate: t.estimate,
      cached: async (p) => p.fileExists(join(out, '.done')),
      command: { file: 'bash', args: [script('go-tool.sh'), ...args] },
    };
  });
  steps.push({
    id: 'go:course-nfs-client',
    title: { en: 'Build the course\'s user-space NFS client (cluster/nfs-fuse)', 'zh-cn': '构建课程自带的用户态 NFS 客户端（cluster/nfs-fuse）' },
    coldEstimate: '20 s',
    cached: async (p) => p.fileExists(join(names.nfsClientDir, '.done')),
    command: { file: 'bash', args: [script('go-local.sh'), names.nfsClientDir, join(root, NFS_CLIENT_DIR), 'course-nfs-client'] },
  });
  steps.push({
    id: 'go:course-csi-driver',
    title: { en: 'Build the course\'s CSI driver (cluster/csi-driver)', 'zh-cn': '构建课程自带的 CSI 驱动（cluster/csi-driver）' },
    coldEstimate: '30 s',
    cached: async (p) => p.fileExists(join(names.csiDriverDir, '.done')),
    command: { file: 'bash', args: [script('go-local.sh'), names.csiDriverDir, join(root, CSI_DRIVER_DIR), 'course-csi-driver'] },
  });
  const rootfs = (id: string, file: string, pkgs: string[], what: Localized): BuildStep => ({
    id,
    title: what,
    coldEstimate: '30 s',
    cached: async (p) => p.fileExists(file),
    command: { file: 'bash', args: [script('debian-rootfs.sh'), file, v.DEBIAN_SUITE, pkgs.join(',')] },
  });
  steps.push(
    rootfs('rootfs:node', names.nodeRootfs, NODE_PACKAGES, {
      en: `Build the node's Debian ${v.DEBIAN_SUITE} root file system (mmdebstrap)`,
      'zh-cn': `构建节点的 Debian ${v.DEBIAN_SUITE} 根文件系统（mmdebstrap）`,
    }),
    rootfs('rootfs:netbase', names.netbaseRootfs, NETBASE_PACKAGES, {
      en: `Build the Debian ${v.DEBIAN_SUITE} base of kube-proxy and course-cni`,
      'zh-cn': `构建 kube-proxy 与 course-cni 所用的 Debian ${v.DEBIAN_SUITE} 基础文件系统`,
    }),
    rootfs('rootfs:nfs-server', names.nfsRootfs, NFS_SERVER_PACKAGES, {
      en: `Build the Debian ${v.DEBIAN_SUITE} root file system of lesson 3's NFS server (NFS-Ganesha)`,
      'zh-cn': `构建第 3 课 NFS 服务器（NFS-Ganesha）的 Debian ${v.DEBIAN_SUITE} 根文件系统`,
    }),
    rootfs('rootfs:csi-driver', names.csiRootfs, CSI_DRIVER_PACKAGES, {
      en: `Build the Debian ${v.DEBIAN_SUITE} root file system of the course's CSI driver (xfsprogs, util-linux)`,
      'zh-cn': `构建课程 CSI 驱动的 Debian ${v.DEBIAN_SUITE} 根文件系统（xfsprogs、util-linux）`,
    }),
    {
      id: 'images',
      title: { en: 'Build the cluster\'s container images (control plane, etcd, CoreDNS, pause, busybox, storage, CNI, NFS server)', 'zh-cn': '构建集群的容器镜像（控制面、etcd、CoreDNS、pause、busybox、存储、CNI、NFS 服务器）' },
      coldEstimate: '20 s',
      cached: async (p) => p.fileExists(join(names.imagesDir, '.done')),
      command: { file: 'bash', args: [script('images.sh')], env: common },
    },
    {
      id: 'csi-images',
      title: { en: 'Build the images of the CSI stack (the course\'s driver, CSI sidecars, snapshot controller)', 'zh-cn': '构建 CSI 组件的镜像（课程驱动、CSI 边车容器、快照控制器）' },
      coldEstimate: '20 s',
      cached: async (p) => p.fileExists(join(names.csiImagesDir, '.done')),
      command: {
        file: 'bash',
        args: [script('csi-images.sh')],
        env: { CACHE: paths.root, CSI_IMAGES: names.csiImagesDir, CSI_ROOTFS: names.csiRootfs, CSI_DRIVER_BIN: join(names.csiDriverDir, 'bin', 'course-csi-driver'), CSI_DRIVER_IMAGE: names.csiDriverImage, DOCKER_BUILDKIT: '0' },
      },
    },
    {
      id: 'node-image',
      title: { en: `Assemble the kind node image ${names.nodeImage}`, 'zh-cn': `组装 kind 节点镜像 ${names.nodeImage}` },
      coldEstimate: '30 s',
      cached: (p) => p.imageExists(names.nodeImage),
      command: { file: 'bash', args: [script('node-image.sh')], env: { ...common, NODE_IMAGE: names.nodeImage, BASE_IMAGE: names.baseImage } },
    },
  );
  return steps;
}
