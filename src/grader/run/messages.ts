/** Every sentence the runner itself writes into a result, in both languages. */
import type { Localized } from '../../i18n/lang.ts';

export const MSG = {
  skipUnreadable: {
    en: 'not checked: the submission could not be read (the problems are listed with the score)',
    'zh-cn': '未检查：提交的文件无法读取（具体问题列在得分旁）',
  },
  skipInvalid: {
    en: 'not checked: the submission is not valid (the problems are listed with the score)',
    'zh-cn': '未检查：提交的文件内容无效（具体问题列在得分旁）',
  },
  skipUnsafe: {
    en: 'not checked: the submission was refused as unsafe, on every cluster (the reasons are listed with the score)',
    'zh-cn': '未检查：提交内容不安全，在任何集群上都会被拒绝（原因列在得分旁）',
  },
  skipStatic: {
    en: 'static checks failed, so no cluster was started',
    'zh-cn': '静态检查未通过，因此没有启动集群',
  },
  skipCluster: {
    en: 'not checked: the cluster could not be brought up',
    'zh-cn': '未检查：集群无法启动',
  },
  skipSetup: {
    en: "not checked: the grader's own set-up on the cluster failed",
    'zh-cn': '未检查：评分程序在集群上的准备工作失败了',
  },
  skipClusterLost: {
    en: 'not checked: the cluster stopped answering during an earlier step',
    'zh-cn': '未检查：集群在之前的步骤中停止了响应',
  },
  skipInterrupted: { en: 'interrupted', 'zh-cn': '已中断' },
  interruptedWhileRunning: {
    en: 'interrupted (Ctrl-C) while this step was running',
    'zh-cn': '此步骤运行时被中断（Ctrl-C）',
  },
  needs: {
    en: 'needs "{title}", which did not pass',
    'zh-cn': '依赖“{title}”，而它没有通过',
  },
  stepTimeout: {
    en: 'did not finish within {seconds} s',
    'zh-cn': '未能在 {seconds} 秒内完成',
  },
  waited: { en: ' (waited {seconds} s)', 'zh-cn': '（等待了 {seconds} 秒）' },
  applyRefused: {
    en: 'the cluster refused {object} (the API server said why, below)',
    'zh-cn': '集群拒绝了 {object}（API 服务器给出的原因见下方）',
  },
  applyRefusedAny: {
    en: 'the cluster refused an object of the submission (the API server said why, below)',
    'zh-cn': '集群拒绝了提交中的某个对象（API 服务器给出的原因见下方）',
  },
  execFailed: {
    en: 'a command inside a container failed: the container must be running and its image must have /bin/sh',
    'zh-cn': '在容器内执行命令失败：容器必须处于运行状态，并且镜像中要有 /bin/sh',
  },
  unexpected: {
    en: 'the step stopped on an unexpected error (a problem in the grader or the cluster back end, not in your files)',
    'zh-cn': '该步骤因意外错误而中止（这是评分程序或集群后端的问题，不是你的文件的问题）',
  },
  staticCrashed: {
    en: 'this check crashed (a problem in the grader, not in your files)',
    'zh-cn': '这项检查自身出错了（这是评分程序的问题，不是你的文件的问题）',
  },
  unreadable: {
    en: 'the submission folder {dir} could not be read: {error}',
    'zh-cn': '无法读取提交目录 {dir}：{error}',
  },
  prepareFailed: {
    en: 'the cluster could not be prepared: {error}',
    'zh-cn': '无法准备集群：{error}',
  },
  fixtureFailed: {
    en: 'the grader could not install its fixture "{fixture}": {error}',
    'zh-cn': '评分程序无法安装它需要的组件“{fixture}”：{error}',
  },
  setupFailed: {
    en: "the grader's set-up on the cluster failed: {error}",
    'zh-cn': '评分程序在集群上的准备工作失败：{error}',
  },
  notYourFault: {
    en: 'This is a problem with the cluster or the grader, not with your manifests. Run again; if it keeps failing, try --cluster model or --fresh.',
    'zh-cn': '这是集群或评分程序的问题，与你的清单无关。请重新运行；如果一直失败，可以试试 --cluster model 或 --fresh。',
  },
  kept: {
    en: '--keep: nothing was cleaned up; namespace {namespace} and the cluster-scoped objects of this run are still there',
    'zh-cn': '--keep：没有执行清理；名字空间 {namespace} 以及本次运行创建的集群级对象仍然保留',
  },
} satisfies Record<string, Localized>;
