/**
 * Every line the walk-through files and `npm run walkthroughs:capture` can print, in both
 * languages. Placeholders are {name}s filled with fill().
 */
import type { Localized } from '../i18n/lang.ts';

export const msg = {
  // The step files (src/walkthrough/step-file.ts); each is prefixed with file:line.
  badStepName: {
    en: 'a walk-through step is named NN-name.sh (two digits, a dash, lower-case letters, digits and dashes), not "{name}"',
    'zh-cn': '演练步骤文件应命名为 NN-name.sh（两位数字、一个连字符、小写字母/数字/连字符），而不是“{name}”',
  },
  needsAfterCommand: { en: '`#@ needs:` goes before the first command of the step', 'zh-cn': '`#@ needs:` 必须写在该步骤的第一条命令之前' },
  unknownNeed: { en: 'unknown need "{need}" (known: {known})', 'zh-cn': '未知的需求“{need}”（可用：{known}）' },
  unknownDirective: {
    en: 'unknown directive "#@ {directive}" (use "#@ fails" or "#@ needs: nfs")',
    'zh-cn': '未知的指令“#@ {directive}”（可用“#@ fails”或“#@ needs: nfs”）',
  },
  plainComment: {
    en: 'a step file has no comments: both language pages show it, so explain the command in the lesson text instead',
    'zh-cn': '步骤文件中不能写注释：两种语言的页面都会显示它，请把解释写在课程正文里',
  },
  danglingContinuation: { en: 'the last line ends with a backslash, so the command never ends', 'zh-cn': '最后一行以反斜杠结尾，命令没有结束' },
  failsWithoutCommand: { en: '`#@ fails` has no command after it', 'zh-cn': '`#@ fails` 后面没有命令' },
  noCommands: { en: 'the step has no command', 'zh-cn': '该步骤没有任何命令' },
  badCaptureFile: {
    en: '{file} is not a capture written by `npm run walkthroughs:capture` ({problem}); capture it again',
    'zh-cn': '{file} 不是 `npm run walkthroughs:capture` 写出的捕获文件（{problem}）；请重新捕获',
  },

  // A capture that does not fit its step file (src/walkthrough/transcript.ts).
  captureMissing: {
    en: '{file}: step {step} has no capture in {capture}; run `npm run walkthroughs:capture -- {lesson}` on a machine with the cluster',
    'zh-cn': '{file}：步骤 {step} 在 {capture} 中没有捕获；请在有集群的机器上运行 `npm run walkthroughs:capture -- {lesson}`',
  },
  captureChanged: {
    en: '{file}:{line}: the command differs from the one captured ("{captured}"); run `npm run walkthroughs:capture -- {lesson}` again',
    'zh-cn': '{file}:{line}：命令与捕获时的不同（捕获的是“{captured}”）；请重新运行 `npm run walkthroughs:capture -- {lesson}`',
  },
  captureCount: {
    en: '{file}: the step has {now} commands, its capture {then}; run `npm run walkthroughs:capture -- {lesson}` again',
    'zh-cn': '{file}：该步骤有 {now} 条命令，而捕获中有 {then} 条；请重新运行 `npm run walkthroughs:capture -- {lesson}`',
  },

  // The capture (src/walkthrough/capture.ts, main.ts).
  usage: {
    en: [
      'usage: npm run walkthroughs:capture [-- <lesson> ...] [--keep] [--lang en|zh-cn]',
      '',
      '  Runs the "See it yourself" commands of each lesson (all when none is named: lesson-1 or 01-emptydir)',
      '  on a fresh lab cluster made from lab/kind-course.yaml with the node image of `npm run cluster:up`,',
      '  and writes what they printed to lessons/<lesson>/walkthrough/captured.json, which the pages show.',
      '  --keep   leave the lab cluster "course" running afterwards (it is deleted by default)',
      '',
    ].join('\n'),
    'zh-cn': [
      '用法：npm run walkthroughs:capture [-- <课程> ...] [--keep] [--lang en|zh-cn]',
      '',
      '  在用 lab/kind-course.yaml 和 `npm run cluster:up` 的节点镜像新建的实验集群上，运行每课“亲手试一试”的命令',
      '  （不指定时运行全部课程，可写 lesson-1 或 01-emptydir），并把输出写入 lessons/<课程>/walkthrough/captured.json，页面显示的就是它。',
      '  --keep   结束后保留实验集群 "course"（默认会删除）',
      '',
    ].join('\n'),
  },
  unknownArgument: { en: 'Unknown option or argument: {args}', 'zh-cn': '未知的选项或参数：{args}' },
  noClusterState: {
    en: 'No cluster was built here: run `npm run cluster:up` first (the capture uses its kind, kubectl and node image).',
    'zh-cn': '这里还没有构建集群：请先运行 `npm run cluster:up`（捕获要用它的 kind、kubectl 和节点镜像）。',
  },
  labClusterExists: {
    en: 'A kind cluster named "{name}" already exists. The capture needs a fresh one and would change yours: delete it first (kind delete cluster --name {name}).',
    'zh-cn': '已经存在名为 "{name}" 的 kind 集群。捕获需要一个全新的集群，否则会改动你的集群：请先删除它（kind delete cluster --name {name}）。',
  },
  creatingLab: { en: 'Creating the lab cluster "{name}" from {config} (node image {image})', 'zh-cn': '用 {config} 创建实验集群 "{name}"（节点镜像 {image}）' },
  mappedLab: {
    en: 'The lessons name the nodes of "course"; on "{name}" every command and lesson manifest runs with them as {nodes}, and the captures keep this cluster\'s output.',
    'zh-cn': '课程中写的是 "course" 的节点名；在 "{name}" 上，每条命令和课程清单都改用 {nodes} 运行，捕获保存的是这个集群的输出。',
  },
  noCsiDriver: {
    en: 'the lab cluster has no course CSI driver ({evidence})',
    'zh-cn': '实验集群上没有课程的 CSI 驱动（{evidence}）',
  },
  installingCsi: { en: 'Lessons {lessons} use the course\'s CSI driver: installing it on the lab cluster', 'zh-cn': '第 {lessons} 课要用到课程的 CSI 驱动：正在把它安装到实验集群上' },
  csiInstalled: { en: 'The CSI driver is ready on the lab cluster ({time})', 'zh-cn': '实验集群上的 CSI 驱动已就绪（用时 {time}）' },
  labReady: { en: 'Lab cluster ready in {time}', 'zh-cn': '实验集群已就绪，用时 {time}' },
  labDnsFailed: { en: 'The lab cluster\'s DNS (the coredns Deployment) did not become available (kubectl rollout status ended with exit code {code}):', 'zh-cn': '实验集群的 DNS（coredns Deployment）没有变为可用（kubectl rollout status 以退出码 {code} 结束）：' },
  labFailed: { en: 'The lab cluster could not be created (kind create cluster ended with exit code {code}):', 'zh-cn': '无法创建实验集群（kind create cluster 以退出码 {code} 结束）：' },
  deletingLab: { en: 'Deleting the lab cluster "{name}"', 'zh-cn': '删除实验集群 "{name}"' },
  keptLab: {
    en: 'The lab cluster "{name}" is still running (--keep); its kubeconfig is {kubeconfig}. Delete it with: kind delete cluster --name {name}',
    'zh-cn': '实验集群 "{name}" 仍在运行（--keep）；它的 kubeconfig 是 {kubeconfig}。删除它：kind delete cluster --name {name}',
  },
  lessonStart: { en: '{lesson}: {steps} steps', 'zh-cn': '{lesson}：{steps} 个步骤' },
  commandStart: { en: '  {step} [{n}/{total}] $ {command}', 'zh-cn': '  {step} [{n}/{total}] $ {command}' },
  commandDone: { en: '  {step} [{n}/{total}] exit {code} · {time}', 'zh-cn': '  {step} [{n}/{total}] 退出码 {code} · {time}' },
  lessonWritten: { en: '{lesson}: written to {file} ({time})', 'zh-cn': '{lesson}：已写入 {file}（用时 {time}）' },
  lessonNotCaptured: { en: '{lesson}: not captured, {reason}; written to {file}', 'zh-cn': '{lesson}：未捕获，{reason}；已写入 {file}' },
  unexpectedFailure: {
    en: '{file}:{line}: `{command}` ended with exit code {code}, and the step does not say "#@ fails" before it. Its output:',
    'zh-cn': '{file}:{line}：`{command}` 以退出码 {code} 结束，而该步骤没有在它前面写“#@ fails”。它的输出：',
  },
  unexpectedSuccess: {
    en: '{file}:{line}: `{command}` succeeded, but the step says "#@ fails" before it: the lesson expects it to fail. Its output:',
    'zh-cn': '{file}:{line}：`{command}` 成功了，但该步骤在它前面写了“#@ fails”：课程认为它应当失败。它的输出：',
  },
  commandHung: {
    en: '{file}:{line}: `{command}` was still running after {time}, so it was stopped. A walk-through command must end by itself (no -w, no interactive shell).',
    'zh-cn': '{file}:{line}：`{command}` 运行了 {time} 仍未结束，已被停止。演练中的命令必须能自行结束（不要用 -w，也不要用交互式 shell）。',
  },
  sessionEnded: { en: 'The shell of {lesson} ended before its last command (exit code {code}).', 'zh-cn': '{lesson} 的 shell 在最后一条命令之前就结束了（退出码 {code}）。' },
  keptPrevious: { en: 'Nothing of {lesson} was written: its previous capture is kept.', 'zh-cn': '{lesson} 没有写入任何内容：保留之前的捕获。' },
  interrupted: { en: 'Interrupted: nothing of the lesson being captured was written.', 'zh-cn': '已中断：正在捕获的课程没有写入任何内容。' },

  // Why a step is not captured (stored in captured.json and shown on the page).
  noNfsClient: {
    en: 'the kernel of the machine that captured this course has no NFS client ({evidence}), so no Pod there can mount an NFS volume; the commands are shown, their output is not',
    'zh-cn': '捕获本课程的机器内核没有 NFS 客户端（{evidence}），那里的 Pod 无法挂载 NFS 卷；因此这里只列出命令，不显示输出',
  },
  afterSkippedStep: {
    en: 'it builds on step {step}, which could not run here',
    'zh-cn': '它依赖于步骤 {step}，而该步骤在这里无法运行',
  },
} satisfies Record<string, Localized>;
