/**
 * Every user-facing string the reporters print, in both languages. Reporters never hold literal
 * text of their own: they pick `msg.x[lang]` (and fill placeholders with `fill` from i18n/lang.ts).
 */
import type { Localized } from '../../i18n/lang.ts';

export const msg = {
  modelBanner: {
    en: 'Offline model, not a real cluster: run with kind for the real verdict (npm run grade -- <lesson> --cluster kind).',
    'zh-cn': '这是离线模型的结果，不是真实集群：用 kind 运行才能得到真正的评分（npm run grade -- <lesson> --cluster kind）。',
  },
  modelBannerTitle: { en: 'Offline model', 'zh-cn': '离线模型' },
  score: { en: 'Score: {score}/{max}', 'zh-cn': '得分：{score}/{max}' },
  totalScore: { en: 'Total: {score}/{max} ({passed} of {count} exercises passed)', 'zh-cn': '总分：{score}/{max}（{count} 个练习中通过 {passed} 个）' },
  points: { en: '{score}/{points} pts', 'zh-cn': '{score}/{points} 分' },
  // Labels include their colon: ASCII plus a space in English, full-width in Chinese.
  hint: { en: 'Hint: ', 'zh-cn': '提示：' },
  where: { en: 'At: ', 'zh-cn': '位置：' },
  observed: { en: 'Observed: ', 'zh-cn': '观察到：' },
  skipped: { en: 'skipped', 'zh-cn': '已跳过' },
  skippedNoReason: { en: 'Not run.', 'zh-cn': '未运行。' },
  notRun: { en: '{count} checks ({points} points) were not run.', 'zh-cn': '{count} 项检查（共 {points} 分）没有运行。' },
  // Why a check did not run, by what was wrong with the submission (see problem-kind.ts).
  skippedUnreadable: {
    en: 'Not run: the submission could not be read.',
    'zh-cn': '未运行：无法读取提交的文件。',
  },
  skippedInvalid: {
    en: 'Not run: the submission is not valid.',
    'zh-cn': '未运行：提交的文件内容无效。',
  },
  skippedUnsafe: {
    en: 'Not run: the submission was refused, because it could reach past the cluster into the machine that runs it.',
    'zh-cn': '未运行：提交的文件可能越过集群触及运行它的机器，已被拒绝。',
  },
  cluster: { en: 'Cluster: ', 'zh-cn': '集群：' },
  clusterUnknown: { en: 'no cluster was used', 'zh-cn': '未使用集群' },
  statusPass: { en: 'passed', 'zh-cn': '通过' },
  statusFail: { en: 'failed', 'zh-cn': '未通过' },
  statusError: { en: 'could not be graded', 'zh-cn': '无法评分' },
  // The line above a submission's problems, by what was wrong with it (see problem-kind.ts).
  submissionUnreadable: {
    en: 'The submission in {dir} could not be read:',
    'zh-cn': '无法读取 {dir} 中提交的文件：',
  },
  submissionInvalid: {
    en: 'The submission in {dir} was read, but it is not valid:',
    'zh-cn': '{dir} 中提交的文件已读取，但内容无效：',
  },
  submissionPartlyUnreadable: {
    en: 'Part of the submission in {dir} could not be read, and what was read is not valid:',
    'zh-cn': '{dir} 中提交的文件有一部分无法读取，已读取的部分内容无效：',
  },
  submissionUnsafe: {
    en: 'The submission in {dir} was refused before anything reached the cluster, on this and on every other cluster:',
    'zh-cn': '{dir} 中提交的文件在进入集群之前就被拒绝了（在任何集群上都一样）：',
  },
  problemCode: { en: ' ({code})', 'zh-cn': '（{code}）' },
  clusterError: { en: 'The cluster could not be used: {reason}', 'zh-cn': '无法使用集群：{reason}' },
  interrupted: {
    en: 'Interrupted (Ctrl-C): grading stopped and what it created was cleaned up.',
    'zh-cn': '已中断（Ctrl-C）：评分已停止，创建的资源已清理。',
  },
  notes: { en: 'Notes:', 'zh-cn': '说明：' },
  nextEditFile: {
    en: 'Next: edit {file} (line {line}), then run `npm run grade {id}` again.',
    'zh-cn': '下一步：修改 {file}（第 {line} 行），然后再次运行 `npm run grade {id}`。',
  },
  nextFixStep: {
    en: 'Next: read the first failed check and its hint above, change the files in {dir}, then run `npm run grade {id}` again.',
    'zh-cn': '下一步：阅读上面第一个未通过的检查及其提示，修改 {dir} 中的文件，然后再次运行 `npm run grade {id}`。',
  },
  nextFixSubmission: {
    en: 'Next: fix the problems listed above in {dir}, then run `npm run grade {id}` again.',
    'zh-cn': '下一步：修正上面列出的 {dir} 中的问题，然后再次运行 `npm run grade {id}`。',
  },
  nextCreate: {
    en: 'Next: create the exercise folder with `npm run exercise {id}`, edit the files, then run `npm run grade {id}`.',
    'zh-cn': '下一步：先用 `npm run exercise {id}` 创建练习文件夹，修改其中的文件，再运行 `npm run grade {id}`。',
  },
  nextCluster: {
    en: 'Next: do what the hint above says, then run `npm run grade -- {id}` again; meanwhile `npm run grade -- {id} --cluster model` grades offline.',
    'zh-cn': '下一步：按上面的提示处理，然后重新运行 `npm run grade -- {id}`；在此之前可以用 `npm run grade -- {id} --cluster model` 离线评分。',
  },
  nextClusterDefault: {
    en: 'Next: start Docker and install kind, or grade offline with `npm run grade -- {id} --cluster model`.',
    'zh-cn': '下一步：启动 Docker 并安装 kind，或者用 `npm run grade -- {id} --cluster model` 离线评分。',
  },
  nextInterrupted: {
    en: 'Next: run `npm run grade {id}` again when you are ready.',
    'zh-cn': '下一步：准备好后再次运行 `npm run grade {id}`。',
  },
  nextPassedModel: {
    en: 'Every check passed on the offline model. Next: confirm on a real cluster with `npm run grade -- {id} --cluster kind`.',
    'zh-cn': '所有检查都在离线模型上通过。下一步：用 `npm run grade -- {id} --cluster kind` 在真实集群上确认。',
  },
  nextPassed: {
    en: 'Every check passed. Next lesson: `npm run exercise {next}`.',
    'zh-cn': '所有检查均已通过。下一课：`npm run exercise {next}`。',
  },
  allPassed: { en: 'Every check passed.', 'zh-cn': '所有检查均已通过。' },
  nextPassedLast: {
    en: 'Every check passed. That was the last lesson: well done!',
    'zh-cn': '所有检查均已通过。这是最后一课，做得好！',
  },
  reportsWritten: { en: 'Reports: {files}', 'zh-cn': '报告：{files}' },
  summaryTitle: { en: 'Grading results', 'zh-cn': '评分结果' },
  colCheck: { en: 'Check', 'zh-cn': '检查' },
  colPoints: { en: 'Points', 'zh-cn': '分数' },
  colTime: { en: 'Time', 'zh-cn': '耗时' },
  colResult: { en: 'Result', 'zh-cn': '结果' },
  failures: { en: 'Failed checks', 'zh-cn': '未通过的检查' },
  summaryTruncated: {
    en: 'The summary was cut to stay under GitHub’s 1 MiB limit; the full details are in results.json and junit.xml.',
    'zh-cn': '为了不超过 GitHub 的 1 MiB 限制，摘要已被截断；完整内容见 results.json 和 junit.xml。',
  },
  moreAnnotations: {
    en: '{count} more problems are not shown as annotations; see the step summary.',
    'zh-cn': '还有 {count} 个问题没有显示为注解，请查看步骤摘要。',
  },
  phase: {
    load: { en: 'Reading the submission', 'zh-cn': '读取提交的文件' },
    static: { en: 'Static checks', 'zh-cn': '静态检查' },
    cluster: { en: 'Preparing the cluster', 'zh-cn': '准备集群' },
    fixtures: { en: 'Installing grader fixtures', 'zh-cn': '安装评分所需的组件' },
    setup: { en: 'Setting up the scenario', 'zh-cn': '准备场景' },
    steps: { en: 'Running the scenario', 'zh-cn': '运行场景' },
    cleanup: { en: 'Cleaning up', 'zh-cn': '清理' },
  },
} satisfies Record<string, Localized | Record<string, Localized>>;
