/** Every sentence the scenario actions write into a result, in both languages ({placeholders}). */
import type { Localized } from '../../i18n/lang.ts';

export const SMSG = {
  podNotRunning: {
    en: 'Pod {pod} did not start running',
    'zh-cn': 'Pod {pod} 没有进入运行状态',
  },
  namedPodsNotRunning: {
    en: 'the Pods {pods} did not all start running',
    'zh-cn': 'Pod {pods} 没有全部进入运行状态',
  },
  podsNotRunning: {
    en: 'the {count} pod(s) labelled {labels} did not all start running',
    'zh-cn': '带有标签 {labels} 的 {count} 个 Pod 没有全部进入运行状态',
  },
  replacementsNotRunning: {
    en: 'no {count} new pod(s) labelled {labels} replaced the deleted ones',
    'zh-cn': '没有 {count} 个带有标签 {labels} 的新 Pod 来替换被删除的 Pod',
  },
  imagePull: {
    en: 'Pod {pod}: container {container} cannot pull its image "{image}" ({reason}); check the image name and tag (busybox:1.36 works)',
    'zh-cn': 'Pod {pod}：容器 {container} 无法拉取镜像“{image}”（{reason}）；请检查镜像名称和标签（busybox:1.36 可用）',
  },
  startFailed: {
    en: 'Pod {pod}: container {container} could not be started ({reason}); check its command and image',
    'zh-cn': 'Pod {pod}：容器 {container} 无法启动（{reason}）；请检查它的 command 和镜像',
  },
  startFailedWhy: {
    en: 'Pod {pod}: container {container} could not be started ({reason}: {message}); check its command and image',
    'zh-cn': 'Pod {pod}：容器 {container} 无法启动（{reason}：{message}）；请检查它的 command 和镜像',
  },
  startNoShell: {
    en: 'Pod {pod}: container {container} could not be started ({reason}): its command runs "{program}", but the image has no /bin/sh; use an image with a shell such as busybox:1.36',
    'zh-cn': 'Pod {pod}：容器 {container} 无法启动（{reason}）：它的 command 要运行“{program}”，但镜像中没有 /bin/sh；请使用带 shell 的镜像，例如 busybox:1.36',
  },
  startNoProgram: {
    en: 'Pod {pod}: container {container} could not be started ({reason}): the image has no program "{program}"; check the first word of command (or args) and the image',
    'zh-cn': 'Pod {pod}：容器 {container} 无法启动（{reason}）：镜像中没有程序“{program}”；请检查 command（或 args）的第一个词以及所用的镜像',
  },
  crashLoop: {
    en: 'Pod {pod}: container {container} keeps exiting (CrashLoopBackOff, last exit code {code}); it must keep running, e.g. command: ["sh", "-c", "sleep 3600"]',
    'zh-cn': 'Pod {pod}：容器 {container} 不断退出（CrashLoopBackOff，上次退出码 {code}）；它必须保持运行，例如 command: ["sh", "-c", "sleep 3600"]',
  },
  finished: {
    en: 'Pod {pod} has finished (phase {phase}): its containers exited instead of staying up; keep them running, e.g. with sleep 3600',
    'zh-cn': 'Pod {pod} 已经结束（phase 为 {phase}）：它的容器退出了，没有保持运行；请让它们一直运行，例如使用 sleep 3600',
  },
  mountFailed: {
    en: 'Pod {pod} cannot mount its volumes ({reason}): {message}',
    'zh-cn': 'Pod {pod} 无法挂载它的卷（{reason}）：{message}',
  },
  noContainer: {
    en: 'Pod {pod} has no container named {container} (it has: {names})',
    'zh-cn': 'Pod {pod} 中没有名为 {container} 的容器（现有容器：{names}）',
  },
  noPod: {
    en: 'Pod {pod} does not exist',
    'zh-cn': 'Pod {pod} 不存在',
  },
  restartNever: {
    en: 'Pod {pod} has restartPolicy: {policy}, so the kubelet will not restart a killed container and the data check cannot run; remove restartPolicy (the default is Always)',
    'zh-cn': 'Pod {pod} 设置了 restartPolicy: {policy}，kubelet 不会重启被终止的容器，因此无法进行数据检查；请删除 restartPolicy（默认值为 Always）',
  },
  notRestarted: {
    en: 'container {container} of Pod {pod} was killed but did not come back (restartCount +1, a new container id, running)',
    'zh-cn': 'Pod {pod} 的容器 {container} 被终止后没有恢复（restartCount 加 1、容器 ID 更新并处于运行状态）',
  },
  podReplaced: {
    en: 'Pod {pod} was replaced by a new pod instead of restarting its container',
    'zh-cn': 'Pod {pod} 被一个新的 Pod 替换了，而不是重启它的容器',
  },
  notInSubmission: {
    en: 'your files have no Pod named {pod} to re-create it from',
    'zh-cn': '你的文件中没有名为 {pod} 的 Pod，无法据此重新创建',
  },
  nothingToApply: {
    en: 'your files contain none of the objects this step applies',
    'zh-cn': '你的文件中没有这一步需要应用的对象',
  },
  applyRefused: {
    en: 'the cluster refused {object} from {file}',
    'zh-cn': '集群拒绝了 {file} 中的 {object}',
  },
  clusterIpTaken: {
    en: 'the cluster refused {object} from {file}: its clusterIP {ip} is already taken by another Service in the cluster; leave clusterIP out (or pick a free address)',
    'zh-cn': '集群拒绝了 {file} 中的 {object}：它的 clusterIP {ip} 已被集群中的另一个 Service 占用；请删掉 clusterIP（或换一个空闲的地址）',
  },
  writeFailed: {
    en: 'could not write {path} in container {container} of Pod {pod}; is a volume mounted at {dir}?',
    'zh-cn': '无法在 Pod {pod} 的容器 {container} 中写入 {path}；{dir} 上挂载了卷吗？',
  },
  readFailed: {
    en: 'could not read {path} in container {container} of Pod {pod}',
    'zh-cn': '无法读取 Pod {pod} 的容器 {container} 中的 {path}',
  },
  tokenMissing: {
    en: '{path} in container {container} of Pod {pod} does not hold the token the grader wrote',
    'zh-cn': 'Pod {pod} 的容器 {container} 中的 {path} 没有评分程序写入的令牌',
  },
  tokenPresent: {
    en: '{path} in container {container} of Pod {pod} still holds the token the grader wrote',
    'zh-cn': 'Pod {pod} 的容器 {container} 中的 {path} 仍然保存着评分程序写入的令牌',
  },
  pvcPhase: {
    en: 'PersistentVolumeClaim {name} did not become {phase}',
    'zh-cn': 'PersistentVolumeClaim {name} 没有变为 {phase}',
  },
  pvcLost: {
    en: 'PersistentVolumeClaim {name} is Lost: the PersistentVolume it was bound to is gone',
    'zh-cn': 'PersistentVolumeClaim {name} 处于 Lost 状态：它绑定的 PersistentVolume 已不存在',
  },
  pvPhase: {
    en: 'PersistentVolume {name} did not become {phase}',
    'zh-cn': 'PersistentVolume {name} 没有变为 {phase}',
  },
  notGone: {
    en: '{kind} {name} was not removed',
    'zh-cn': '{kind} {name} 没有被删除',
  },
  deletionNotStarted: {
    en: 'nothing started deleting {kind} {name}',
    'zh-cn': '没有任何组件开始删除 {kind} {name}',
  },
} satisfies Record<string, Localized>;
