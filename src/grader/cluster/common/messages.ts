/**
 * Bilingual messages of the cluster back ends: what reports call each cluster (ClusterInfo
 * descriptions), and the reasons and hints of ClusterUnavailableError.
 */
import type { Localized } from '../../../i18n/lang.ts';

export const msg = {
  // Descriptions: names, images and versions are filled in as they are.
  modelDescription: { en: 'offline storage model (not a real cluster)', 'zh-cn': '离线存储模型（不是真实集群）' },
  kindDescription: { en: 'kind cluster {name} (Kubernetes {version})', 'zh-cn': 'kind 集群 {name}（Kubernetes {version}）' },
  kindFreshDescription: { en: 'kind cluster {name} (Kubernetes {version}, throwaway)', 'zh-cn': 'kind 集群 {name}（Kubernetes {version}，用完即删）' },
  kindLocalDescription: { en: 'kind cluster {name} (node image {image})', 'zh-cn': 'kind 集群 {name}（节点镜像 {image}）' },
  kindLocalFreshDescription: { en: 'kind cluster {name} (node image {image}, throwaway)', 'zh-cn': 'kind 集群 {name}（节点镜像 {image}，用完即删）' },
  currentDescription: { en: 'current kubeconfig context', 'zh-cn': '当前 kubeconfig 上下文' },
  currentContextDescription: { en: 'current context "{context}"', 'zh-cn': '当前上下文“{context}”' },
  currentContextVersionDescription: { en: 'current context "{context}" (Kubernetes {version})', 'zh-cn': '当前上下文“{context}”（Kubernetes {version}）' },
  kubectlMissing: {
    en: 'kubectl was not found on PATH.',
    'zh-cn': '在 PATH 中找不到 kubectl。',
  },
  kubectlHint: {
    en: 'Install kubectl: https://kubernetes.io/docs/tasks/tools/ (macOS: brew install kubectl; Windows: winget install Kubernetes.kubectl).',
    'zh-cn': '请安装 kubectl：https://kubernetes.io/zh-cn/docs/tasks/tools/（macOS：brew install kubectl；Windows：winget install Kubernetes.kubectl）。',
  },
  apiUnreachable: {
    en: 'The Kubernetes API of {target} does not answer: {detail}',
    'zh-cn': '{target} 的 Kubernetes API 没有响应：{detail}',
  },
  apiUnreachableHint: {
    en: 'Check that the cluster is running (`kubectl get nodes`), or grade on the course cluster with --cluster kind.',
    'zh-cn': '请确认集群正在运行（`kubectl get nodes`），或者改用 --cluster kind 在课程集群上评分。',
  },
  noCurrentContext: {
    en: 'Your kubeconfig has no current context, so --cluster current has no cluster to use.',
    'zh-cn': '你的 kubeconfig 没有当前上下文（current context），--cluster current 无集群可用。',
  },
  noCurrentContextHint: {
    en: 'Select one with `kubectl config use-context <name>`, or use --cluster kind.',
    'zh-cn': '请用 `kubectl config use-context <名称>` 选择一个上下文，或者改用 --cluster kind。',
  },
  namespaceFailed: {
    en: 'Could not create the run namespace {namespace}: {detail}',
    'zh-cn': '无法创建本次评分的命名空间 {namespace}：{detail}',
  },
  namespaceHint: {
    en: 'The grader needs permission to create namespaces, pods, PersistentVolumes and StorageClasses in this cluster.',
    'zh-cn': '评分程序需要在该集群中创建命名空间、Pod、持久卷（PersistentVolume）和存储类（StorageClass）的权限。',
  },
  nfsClientMissing: {
    en: 'Lesson 3 was not run: the kernel of this cluster\'s nodes has no NFS client ("nfs" is not in /proc/filesystems and the kernel cannot load modules), so no Pod here can mount an NFS volume. This says nothing about your answer.',
    'zh-cn': '第 3 课没有运行：这个集群节点的内核没有 NFS 客户端（/proc/filesystems 中没有 "nfs"，内核也不能加载模块），因此这里的任何 Pod 都无法挂载 NFS 卷。这与你的答案无关。',
  },
  nfsClientMissingHint: {
    en: 'Grade lesson 3 on a machine whose kernel has the NFS client (most Linux distributions and Docker Desktop do), or use --cluster model for the offline model\'s verdict.',
    'zh-cn': '请在内核带有 NFS 客户端的机器上为第 3 课评分（大多数 Linux 发行版和 Docker Desktop 都有），或者使用 --cluster model 获取离线模型的结论。',
  },
  nfsApplyFailed: {
    en: 'The course NFS server could not be installed: {detail}',
    'zh-cn': '无法安装课程用的 NFS 服务器：{detail}',
  },
  nfsIpHint: {
    en: 'Lesson 3 needs the Service IP 10.96.100.100, which must lie in the cluster\'s service range (kind and minikube use 10.96.0.0/12; k3d/k3s use 10.43.0.0/16) and be free. Grade lesson 3 with --cluster kind.',
    'zh-cn': '第 3 课需要 Service IP 10.96.100.100：它必须位于集群的 Service 网段内（kind 和 minikube 使用 10.96.0.0/12，k3d/k3s 使用 10.43.0.0/16）且未被占用。请用 --cluster kind 为第 3 课评分。',
  },
  nfsNotReady: {
    en: 'The course NFS server did not become ready within {seconds} s: {detail}',
    'zh-cn': '课程用的 NFS 服务器在 {seconds} 秒内没有就绪：{detail}',
  },
  nfsNotServing: {
    en: 'The course NFS server runs, but a test pod could not mount and write 10.96.100.100:/ : {detail}',
    'zh-cn': '课程用的 NFS 服务器已运行，但测试 Pod 无法挂载并写入 10.96.100.100:/ ：{detail}',
  },
  nfsHint: {
    en: 'The node kernel needs the NFS client (kind nodes ship nfs-common; the host kernel must support NFSv4). Run with --trace and look at the events above; `npm run grade -- --delete-cluster` starts over.',
    'zh-cn': '节点内核需要 NFS 客户端（kind 节点已自带 nfs-common，宿主机内核需支持 NFSv4）。请加上 --trace 重新运行并查看上面的事件；`npm run grade -- --delete-cluster` 可以从头再来。',
  },
  imagePullFailed: {
    en: 'The image {image} could not be pulled ({reason}): {detail}',
    'zh-cn': '无法拉取镜像 {image}（{reason}）：{detail}',
  },
  imagePullHint: {
    en: 'Check the network and Docker Hub / registry.k8s.io rate limits. If you have the image locally (`docker pull {image}`), the grader loads it into the kind nodes when it creates the cluster.',
    'zh-cn': '请检查网络以及 Docker Hub / registry.k8s.io 的拉取频率限制。如果本机已有该镜像（`docker pull {image}`），评分程序在创建 kind 集群时会把它加载到节点中。',
  },
  nodeHelperFailed: {
    en: 'The node helper pod on {node} did not finish: {detail}',
    'zh-cn': '节点 {node} 上的辅助 Pod 没有运行完成：{detail}',
  },
  foreignNamespace: {
    en: 'The namespace {namespace} exists but was not created by the grader; it will not be touched.',
    'zh-cn': '命名空间 {namespace} 已存在，但不是评分程序创建的；评分程序不会改动它。',
  },
  foreignNamespaceHint: {
    en: 'Remove or rename it yourself, or grade with --cluster kind.',
    'zh-cn': '请自行删除或重命名它，或者改用 --cluster kind 评分。',
  },
} satisfies Record<string, Localized>;
