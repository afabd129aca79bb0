/**
 * Every line `npm run cluster:up` / `cluster:down` prints, in both languages.
 */
import type { Localized } from '../i18n/lang.ts';

export const msg = {
  stepStart: { en: '[{n}/{total}] {title}', 'zh-cn': '[{n}/{total}] {title}' },
  cached: { en: 'cached', 'zh-cn': '已缓存' },
  doneIn: { en: 'done in {time}', 'zh-cn': '完成，用时 {time}' },
  coldEstimate: { en: 'about {estimate} when nothing is cached', 'zh-cn': '无缓存时约需 {estimate}' },
  stillRunning: { en: '  … still running after {time}: {last}', 'zh-cn': '  …… 已运行 {time}：{last}' },
  stepFailed: { en: 'Step failed: {title}', 'zh-cn': '步骤失败：{title}' },
  exitedWith: { en: '{command} ended with exit code {code}.', 'zh-cn': '{command} 以退出码 {code} 结束。' },
  lastLines: { en: 'Last lines of its log ({log}):', 'zh-cn': '其日志的最后几行（{log}）：' },
  retryHint: {
    en: 'Fix the cause and run `npm run cluster:up` again: finished steps are cached and are not redone.',
    'zh-cn': '排除原因后再次运行 `npm run cluster:up`：已完成的步骤有缓存，不会重做。',
  },
  labCsiRetryHint: {
    en: 'Fix the cause and run the same command again (`npm run lab:csi` or `npm run walkthroughs:capture`): installing the driver again on the same cluster is safe.',
    'zh-cn': '排除原因后再次运行同一条命令（`npm run lab:csi` 或 `npm run walkthroughs:capture`）：在同一个集群上重复安装驱动是安全的。',
  },
  interrupted: { en: 'Interrupted: the step was stopped; nothing half-built is kept in the cache.', 'zh-cn': '已中断：该步骤已停止；缓存中不会保留只构建了一半的产物。' },
  hostPackages: { en: 'Install the Debian packages the build needs ({packages})', 'zh-cn': '安装构建所需的 Debian 软件包（{packages}）' },
  hostPackagesPresent: { en: 'Debian packages the build needs are installed', 'zh-cn': '构建所需的 Debian 软件包均已安装' },
  needRoot: {
    en: 'Missing Debian packages: {packages}. Install them as root: sudo apt-get update && sudo apt-get install -y {packages}',
    'zh-cn': '缺少 Debian 软件包：{packages}。请以 root 身份安装：sudo apt-get update && sudo apt-get install -y {packages}',
  },
  notLinux: {
    en: '`npm run cluster:up` builds the course cluster from Linux packages and runs on Debian or Ubuntu only (this is {platform}). On macOS or Windows, install Docker Desktop, kind and kubectl, and grade with `npm run grade -- lesson-1 --cluster kind`: the grader makes its own kind cluster there.',
    'zh-cn': '`npm run cluster:up` 用 Linux 软件包构建课程集群，只能在 Debian 或 Ubuntu 上运行（当前系统：{platform}）。在 macOS 或 Windows 上，请安装 Docker Desktop、kind 和 kubectl，然后用 `npm run grade -- lesson-1 --cluster kind` 评分：评分程序会在那里自己创建 kind 集群。',
  },
  notDebian: {
    en: 'This machine has no apt-get/dpkg: `npm run cluster:up` builds the cluster from Debian packages and runs on Debian or Ubuntu only. Elsewhere install kind, kubectl and Docker and use `npm run grade -- --cluster kind`.',
    'zh-cn': '这台机器没有 apt-get/dpkg：`npm run cluster:up` 用 Debian 软件包构建集群，只能在 Debian 或 Ubuntu 上运行。在其他系统上请安装 kind、kubectl 和 Docker，然后使用 `npm run grade -- --cluster kind`。',
  },
  needGo: {
    en: 'Go {want} or newer is needed to build the cluster (found: {found}). Install Go from your distribution or https://go.dev/dl/.',
    'zh-cn': '构建集群需要 Go {want} 或更新版本（当前：{found}）。请从发行版或 https://go.dev/dl/ 安装 Go。',
  },
  engineRunning: { en: 'Docker engine answers', 'zh-cn': 'Docker 引擎可用' },
  engineCapFilter: {
    en: 'this machine lacks {caps}: dockerd runs kind\'s privileged nodes through a runtime wrapper that drops them',
    'zh-cn': '这台机器缺少 {caps}：dockerd 通过一个会去掉这些权能的运行时包装器来运行 kind 的特权节点',
  },
  engineStarted: { en: 'the course\'s own Docker engine started (its own socket, data root and exec root)', 'zh-cn': '课程自己的 Docker 引擎已启动（独立的套接字、数据目录和运行目录）' },
  engineDenied: {
    en: 'The course engine at {socket} answers "permission denied": you may not use it as this user. Run cluster commands as root (sudo), or add yourself to the docker group (sudo usermod -aG docker "$USER", then log in again).',
    'zh-cn': '位于 {socket} 的课程引擎返回“permission denied”：当前用户无权使用它。请以 root 身份（sudo）运行集群命令，或把自己加入 docker 组（sudo usermod -aG docker "$USER"，然后重新登录）。',
  },
  engineNeedsRoot: {
    en: 'The course starts a Docker engine of its own, and only root can start one: run `sudo npm run cluster:up`.',
    'zh-cn': '课程会启动自己的 Docker 引擎，而只有 root 才能启动它：请运行 `sudo npm run cluster:up`。',
  },
  engineNoDockerd: {
    en: 'This machine has a container engine already ({others}) but no dockerd on PATH, and the course never installs an engine over another one. Install the dockerd of your engine (for Docker CE: the docker-ce package) and run `npm run cluster:up` again: the course runs it apart from yours, with its own socket and data root.',
    'zh-cn': '这台机器上已有容器引擎（{others}），但 PATH 中没有 dockerd，而课程绝不会在已有引擎之上再安装一个。请安装你所用引擎的 dockerd（Docker CE 对应 docker-ce 软件包），再运行 `npm run cluster:up`：课程会用独立的套接字和数据目录运行它，与你的引擎互不干扰。',
  },
  engineNoCapFilter: {
    en: 'The course engine at {socket} runs without the runtime wrapper this machine needs (it lacks {caps}). Stop it with `npm run cluster:down` and run `npm run cluster:up` again.',
    'zh-cn': '位于 {socket} 的课程引擎没有使用这台机器所需的运行时包装器（机器缺少 {caps}）。请先用 `npm run cluster:down` 停止它，再运行 `npm run cluster:up`。',
  },
  engineInstallFailed: { en: 'docker.io was installed, but there is still no dockerd on PATH.', 'zh-cn': '已安装 docker.io，但 PATH 中仍然找不到 dockerd。' },
  engineNoRunc: { en: 'No runc on PATH: the engine\'s runtime wrapper needs the real runc to hand containers to.', 'zh-cn': 'PATH 中没有 runc：引擎的运行时包装器需要真正的 runc 来运行容器。' },
  engineDirUnsafe: {
    en: '{dir} is not a directory only root can write, so the course will not keep there what its engine runs as root. Fix its owner and mode (root, not group- or world-writable) or remove it.',
    'zh-cn': '{dir} 不是只有 root 才能写入的目录，课程不会把引擎以 root 身份执行的文件放在那里。请修正它的属主与权限（属于 root，组和其他用户不可写），或删除它。',
  },
  engineTimeout: { en: 'dockerd did not answer within {seconds} s; see {log}.', 'zh-cn': 'dockerd 在 {seconds} 秒内没有响应；请查看 {log}。' },
  cluster: { en: 'Create or reuse the kind cluster {name} (1 control plane, 2 workers)', 'zh-cn': '创建或复用 kind 集群 {name}（1 个控制面节点，2 个工作节点）' },
  clusterReused: { en: 'reused', 'zh-cn': '已复用' },
  clusterCreated: { en: 'created', 'zh-cn': '已创建' },
  addons: { en: 'Wait for CoreDNS and the local-path StorageClass', 'zh-cn': '等待 CoreDNS 与 local-path 存储类就绪' },
  ready: {
    en: 'The course cluster is up ({elapsed}). Grade on it from this shell with:',
    'zh-cn': '课程集群已就绪（用时 {elapsed}）。在当前 shell 中这样使用它评分：',
  },
  readyTests: { en: 'and run the real-cluster tests with: npm run test:cluster', 'zh-cn': '运行真实集群测试：npm run test:cluster' },
  finishingBeforeStop: {
    en: 'Ctrl-C: stopping once this command has finished (a package install stopped half-way would break the package database)',
    'zh-cn': 'Ctrl-C：等这条命令完成后再停止（软件包安装中途停止会损坏软件包数据库）',
  },
  prune: { en: 'Remove what older versions of the course built (other pins, edited build scripts)', 'zh-cn': '删除课程旧版本构建的产物（其他固定版本、改动过的构建脚本）' },
  pruneNothing: { en: 'nothing old', 'zh-cn': '没有旧产物' },
  pruned: { en: '{files} cache entries ({mb} MB) and {images} images removed', 'zh-cn': '删除了 {files} 个缓存条目（{mb} MB）和 {images} 个镜像' },
  smoke: { en: 'Smoke test: a Pod on one worker reaches a Pod on the other, and cluster DNS answers', 'zh-cn': '冒烟测试：一个工作节点上的 Pod 能访问另一个工作节点上的 Pod，集群 DNS 能够应答' },
  csi: { en: 'Install the course\'s CSI driver, its sidecars and the snapshot controller', 'zh-cn': '安装课程的 CSI 驱动、其边车容器与快照控制器' },
  labCsiNoBuild: {
    en: 'There is no CSI driver build to install from: run `npm run cluster:up` first (it builds the driver and its sidecars, and records them for lab clusters).',
    'zh-cn': '没有可供安装的 CSI 驱动构建：请先运行 `npm run cluster:up`（它会构建驱动及其边车容器，并为实验集群记录下来）。',
  },
  labCsiNoCluster: {
    en: 'There is no kind cluster "{name}" here: make it first with `kind create cluster --config lab/kind-course.yaml` (run from the repository\'s folder, which holds the CSI store .lab/csi-store).',
    'zh-cn': '这里没有名为 "{name}" 的 kind 集群：请先在仓库目录中运行 `kind create cluster --config lab/kind-course.yaml` 创建它（CSI 存储目录 .lab/csi-store 就在这个目录下）。',
  },
  labCsiDone: {
    en: 'The course\'s CSI driver runs on "{name}": StorageClass course-csi, VolumeSnapshotClass course-snapclass and the VolumeAttributesClasses course-standard and course-fast are ready for lessons 5 and 7.',
    'zh-cn': '课程的 CSI 驱动已在 "{name}" 上运行：存储类 course-csi、卷快照类 course-snapclass 以及卷属性类 course-standard 和 course-fast 已可用于第 5 课和第 7 课。',
  },
  csiReady: { en: '{driver} registered on {nodes} nodes; StorageClass course-csi', 'zh-cn': '{driver} 已在 {nodes} 个节点上注册；存储类 course-csi' },
  csiCommandFailed: {
    en: 'Installing the CSI stack failed at `{command}`:\n{output}\nThe step log has every command and its output; `kubectl -n course-csi get pods` and `kubectl -n course-csi logs ds/course-csi-node -c driver` show the driver\'s side.',
    'zh-cn': '安装 CSI 组件时 `{command}` 失败：\n{output}\n步骤日志中有每条命令及其输出；`kubectl -n course-csi get pods` 和 `kubectl -n course-csi logs ds/course-csi-node -c driver` 可以查看驱动一侧的情况。',
  },
  csiNotRegistered: {
    en: 'The driver Pods run, but the kubelet on {nodes} did not register {driver} within 60 s (its CSINode lists no such driver). See `kubectl -n course-csi logs ds/course-csi-node -c driver` for the registration messages.',
    'zh-cn': '驱动的 Pod 已在运行，但 {nodes} 上的 kubelet 没有在 60 秒内注册 {driver}（其 CSINode 中没有这个驱动）。注册过程的消息见 `kubectl -n course-csi logs ds/course-csi-node -c driver`。',
  },
  smokeOk: { en: '{from} reached {to}; DNS answers', 'zh-cn': '{from} 能访问 {to}；DNS 正常应答' },
  smokeNoPodNetwork: {
    en: 'A Pod on {from} could not fetch a page from the Pod on {to} ({ip}:8080): the pod network between nodes does not work. The step log has the commands and their output; check that the kind network\'s bridge ksc-kind0 has its FORWARD rule (iptables -S FORWARD) and that the course-cni Pods run (kubectl -n kube-system get pods).',
    'zh-cn': '{from} 上的 Pod 无法从 {to} 上的 Pod（{ip}:8080）获取页面：节点之间的 Pod 网络不通。步骤日志中有执行的命令及其输出；请检查 kind 网络的网桥 ksc-kind0 是否有对应的 FORWARD 规则（iptables -S FORWARD），以及 course-cni 的 Pod 是否在运行（kubectl -n kube-system get pods）。',
  },
  smokeNoDns: {
    en: 'Cluster DNS did not answer for kubernetes.default.svc.cluster.local from a Pod: check the CoreDNS Pods (kubectl -n kube-system get pods -l k8s-app=kube-dns).',
    'zh-cn': '在 Pod 中解析 kubernetes.default.svc.cluster.local 时集群 DNS 没有应答：请检查 CoreDNS 的 Pod（kubectl -n kube-system get pods -l k8s-app=kube-dns）。',
  },
  upLocked: {
    en: 'Another `npm run cluster:up` (pid {pid}) is building in the same cache; wait for it to finish, or stop it, then run this again. (Lock: {file})',
    'zh-cn': '另一个 `npm run cluster:up`（pid {pid}）正在使用同一个缓存构建；请等它结束或先停止它，再重新运行。（锁文件：{file}）',
  },
  downDeleting: { en: 'Delete the kind cluster {name}', 'zh-cn': '删除 kind 集群 {name}' },
  downNothing: { en: 'No course cluster exists; nothing to delete.', 'zh-cn': '不存在课程集群；无需删除。' },
  downNetwork: { en: 'Remove the unused Docker network "kind"', 'zh-cn': '删除不再使用的 Docker 网络“kind”' },
  downNetworkInUse: {
    en: 'The Docker network "kind" stays: containers still use it, running or stopped ({containers}).',
    'zh-cn': 'Docker 网络“kind”予以保留：仍有容器在使用它（包括已停止的）：{containers}。',
  },
  downNetworkUnknown: {
    en: 'The Docker network "kind" stays: Docker did not say which containers use it ({detail}).',
    'zh-cn': 'Docker 网络“kind”予以保留：Docker 没有说明哪些容器在使用它（{detail}）。',
  },
  downEngine: { en: 'Stop the course\'s own Docker engine', 'zh-cn': '停止课程自己的 Docker 引擎' },
  downForward: { en: 'Remove the firewall rule for the course bridge {bridge}', 'zh-cn': '删除课程网桥 {bridge} 的防火墙规则' },
  downPurge: { en: 'Remove the build cache {dir} and the images built from it', 'zh-cn': '删除构建缓存 {dir} 以及由它构建的镜像' },
  downDone: { en: 'Nothing of the course cluster is left running.', 'zh-cn': '课程集群已全部清理，没有残留的运行中资源。' },
  downPurgeLeft: {
    en: 'Left in place: Go\'s module and build caches ({caches}), which hold the sources and builds of kind and Kubernetes and are shared with any other Go work; `go clean -modcache -cache` removes them.',
    'zh-cn': '保留未动：Go 的模块缓存和构建缓存（{caches}），里面有 kind 和 Kubernetes 的源码与构建结果，并与其他 Go 项目共用；`go clean -modcache -cache` 可以删除它们。',
  },
  downKept: { en: 'The build cache stays in {dir} (the next cluster:up takes about a minute); `npm run cluster:down -- --purge` removes it too.', 'zh-cn': '构建缓存保留在 {dir}（下次 cluster:up 大约一分钟）；`npm run cluster:down -- --purge` 会一并删除它。' },
  badVersions: { en: 'The version pins cannot be read: {error}', 'zh-cn': '无法读取版本固定文件：{error}' },
} satisfies Record<string, Localized>;
