/** The demo runner's own messages, in both languages. */
import type { Localized } from '../../i18n/lang.ts';

export const DMSG = {
  tooFewWorkers: {
    en: 'demo {demo} needs {need} schedulable worker node(s), the cluster has {have} ({names}); it was not run',
    'zh-cn': '演示 {demo} 需要 {need} 个可调度的工作节点，而集群只有 {have} 个（{names}），所以没有运行',
  },
  setupFailed: {
    en: 'the set-up of demo {demo} failed: {error}',
    'zh-cn': '演示 {demo} 的准备工作失败：{error}',
  },
  clusterFailed: {
    en: 'demo {demo} could not run on the cluster: {error}',
    'zh-cn': '演示 {demo} 无法在集群上运行：{error}',
  },
  afterFailure: {
    en: 'not run: an earlier step of this demo failed',
    'zh-cn': '没有运行：这个演示前面的步骤失败了',
  },
  interrupted: {
    en: 'not run: interrupted',
    'zh-cn': '没有运行：已被中断',
  },
} satisfies Record<string, Localized>;
