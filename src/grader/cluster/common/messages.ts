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
    'zh-cn': '无法创建本次评分的名字空间 {namespace}：{detail}',
  },
  namespaceHint: {
    en: 'The grader needs permission to create namespaces, pods, PersistentVolumes and StorageClasses in this cluster.',
    'zh-cn': '评分程序需要在该集群中创建名字空间、Pod、持久卷（PersistentVolume）和存储类（StorageClass）的权限。',
  },
  nfsClientMissing: {
    en: 'Lesson 3 was not run: the nodes of this cluster have no NFS client (the kernel has none, cannot load one, and no user-space client is installed), so no Pod here can mount an NFS volume. This says nothing about your answer.',
    'zh-cn': '第 3 课没有运行：这个集群的节点没有 NFS 客户端（内核没有，也不能加载，而且没有安装用户态客户端），因此这里的任何 Pod 都无法挂载 NFS 卷。这与你的答案无关。',
  },
  nfsClientMissingHint: {
    en: 'Grade lesson 3 on the course\'s own cluster (`npm run cluster:up`: its nodes carry a user-space NFS client), on a machine whose kernel has an NFS client (most Linux distributions and Docker Desktop do), or use --cluster model for the offline model\'s verdict.',
    'zh-cn': '请在课程自己的集群上为第 3 课评分（`npm run cluster:up`：它的节点带有用户态 NFS 客户端），或者换一台内核带有 NFS 客户端的机器（大多数 Linux 发行版和 Docker Desktop 都有），也可以使用 --cluster model 获取离线模型的结论。',
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
  killTimedOut: {
    en: 'The node {node} did not stop container {container} of Pod {pod} in time ({detail}): the machine is too busy to run this check, which says nothing about your answer.',
    'zh-cn': '节点 {node} 没有及时停止 Pod {pod} 的容器 {container}（{detail}）：这台机器太忙，无法完成这项检查，这与你的答案无关。',
  },
  killTimedOutHint: {
    en: 'Grade again when the machine is less busy, or grade fewer submissions at once (--jobs).',
    'zh-cn': '请在机器不那么忙时重新评分，或者减少同时评分的提交数量（--jobs）。',
  },
  namespaceStuck: {
    en: 'The namespace {namespace} was being deleted and is still there after {seconds} s, so the course NFS server cannot be installed in it.',
    'zh-cn': '名字空间 {namespace} 正在被删除，{seconds} 秒后仍然存在，因此无法在其中安装课程的 NFS 服务器。',
  },
  nfsCannotStart: {
    en: 'The course NFS server cannot start on this cluster: {detail}',
    'zh-cn': '课程的 NFS 服务器无法在这个集群上启动：{detail}',
  },
  nfsNotServing: {
    en: 'The course NFS server runs, but a test pod could not mount and write 10.96.100.100:/ : {detail}',
    'zh-cn': '课程用的 NFS 服务器已运行，但测试 Pod 无法挂载并写入 10.96.100.100:/ ：{detail}',
  },
  nfsHint: {
    en: 'The course NFS server (NFS-Ganesha) runs in the namespace course-fixtures: `kubectl -n course-fixtures describe pods` and `kubectl -n course-fixtures logs deploy/nfs-server` say why it does not serve. Run with --trace for every command; `npm run grade -- --delete-cluster` starts over.',
    'zh-cn': '课程的 NFS 服务器（NFS-Ganesha）运行在名字空间 course-fixtures 中：`kubectl -n course-fixtures describe pods` 和 `kubectl -n course-fixtures logs deploy/nfs-server` 会说明它为什么没有提供服务。加上 --trace 可以看到每一条命令；`npm run grade -- --delete-cluster` 可以从头再来。',
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
    'zh-cn': '名字空间 {namespace} 已存在，但不是评分程序创建的；评分程序不会改动它。',
  },
  foreignNamespaceHint: {
    en: 'Remove or rename it yourself, or grade with --cluster kind.',
    'zh-cn': '请自行删除或重命名它，或者改用 --cluster kind 评分。',
  },
  // The kind back end's node image (kind/node-image.ts) and the guard before it deletes a cluster (kind/recreate.ts).
  nodeImageEnvInvalid: {
    en: '{variable}="{value}" is not an image reference (for example k8s-storage-course/node:v1.35.4-abc123).',
    'zh-cn': '{variable}="{value}" 不是镜像引用（例如 k8s-storage-course/node:v1.35.4-abc123）。',
  },
  nodeImageEnvInvalidHint: {
    en: 'Unset {variable} (the grader then uses the node image `npm run cluster:up` recorded, or the pinned kind image), or set it with: eval "$(npm run -s cluster:env)"',
    'zh-cn': '请取消设置 {variable}（评分程序随后会使用 `npm run cluster:up` 记录的节点镜像，或固定的 kind 节点镜像），或者这样设置它：eval "$(npm run -s cluster:env)"',
  },
  nodeImageRecordedInvalid: {
    en: 'The node image recorded in {file} is not an image reference: "{value}".',
    'zh-cn': '{file} 中记录的节点镜像不是镜像引用：“{value}”。',
  },
  nodeImageRecordedInvalidHint: {
    en: 'Run `npm run cluster:up` again: it records the image it builds afresh.',
    'zh-cn': '请重新运行 `npm run cluster:up`：它会重新记录所构建的镜像。',
  },
  keepStaleCluster: {
    en: 'The kind cluster {name} was made from another config (its nodes run {existing}). Making it again needs the node image {image}, which is not in the local {engine} image store.',
    'zh-cn': 'kind 集群 {name} 是用另一份配置创建的（节点镜像：{existing}）。重新创建它需要节点镜像 {image}，而本机的 {engine} 镜像库中没有这个镜像。',
  },
  keepUnreachableCluster: {
    en: 'The kind cluster {name} exists but does not answer (its nodes run {existing}). Making it again needs the node image {image}, which is not in the local {engine} image store.',
    'zh-cn': 'kind 集群 {name} 存在但没有响应（节点镜像：{existing}）。重新创建它需要节点镜像 {image}，而本机的 {engine} 镜像库中没有这个镜像。',
  },
  unknownNodeImage: { en: 'a node image the grader could not read', 'zh-cn': '无法读取' },
  nodeImagePullFailed: { en: 'Pulling it failed: {detail}', 'zh-cn': '拉取失败：{detail}' },
  clusterKept: {
    en: 'The grader left the cluster as it is: deleting it now would leave no cluster to grade on.',
    'zh-cn': '评分程序没有改动这个集群：如果现在删除它，就没有可以用来评分的集群了。',
  },
  nodeImageMissing: {
    en: 'The node image {image} is not in the local {engine} image store, so kind cannot create the cluster {name}.',
    'zh-cn': '本机的 {engine} 镜像库中没有节点镜像 {image}，因此 kind 无法创建集群 {name}。',
  },
  recordedImageHint: {
    en: '{image} was built on this machine by `npm run cluster:up` (recorded in {file}) and is in no registry, so it cannot be pulled. Run `npm run cluster:up` to build it again (it keeps a cluster that matches), then grade again.',
    'zh-cn': '{image} 是 `npm run cluster:up` 在本机构建的（记录在 {file} 中），不在任何镜像仓库里，因此无法拉取。请运行 `npm run cluster:up` 重新构建它（与配置相符的集群会被保留），然后重新评分。',
  },
  envImageHint: {
    en: '{variable} names {image}, which is not on this machine; such an image is built here, never pulled. Run `npm run cluster:up` (it builds the node image), then in this shell eval "$(npm run -s cluster:env)", and grade again; or unset {variable}.',
    'zh-cn': '{variable} 指定的 {image} 不在本机上；这种镜像只能在本机构建，无法拉取。请运行 `npm run cluster:up`（它会构建节点镜像），然后在当前 shell 中执行 eval "$(npm run -s cluster:env)"，再重新评分；或者取消设置 {variable}。',
  },
  pinnedImageKeepHint: {
    en: 'Pull the image when the network allows ({engine} pull {image}) and grade again. A machine that reaches no registry can build a node image with `npm run cluster:up` instead; the grader then uses the image it records. To give up this cluster on purpose: npm run grade -- --delete-cluster',
    'zh-cn': '请在网络可用时拉取该镜像（{engine} pull {image}），然后重新评分。无法访问任何镜像仓库的机器可以改用 `npm run cluster:up` 在本机构建节点镜像；评分程序随后会使用它记录的镜像。如果确定要放弃这个集群：npm run grade -- --delete-cluster',
  },
  pinnedImagePullHint: {
    en: 'The node image {image} could not be downloaded. Check the network and retry, or pull it first: {engine} pull {image}. A machine that reaches no registry can build a node image with `npm run cluster:up` instead; the grader then uses the image it records.',
    'zh-cn': '无法下载节点镜像 {image}。请检查网络后重试，或者先手动拉取：{engine} pull {image}。无法访问任何镜像仓库的机器可以改用 `npm run cluster:up` 在本机构建节点镜像；评分程序随后会使用它记录的镜像。',
  },
} satisfies Record<string, Localized>;
