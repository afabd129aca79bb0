/**
 * Every string the command line prints that is not part of a report, in both languages.
 */
import type { Localized } from '../i18n/lang.ts';

export const cliMsg = {
  error: { en: 'error: ', 'zh-cn': '错误：' },
  seeHelp: { en: 'See `npm run grade -- --help`.', 'zh-cn': '参见 `npm run grade -- --help`。' },
  seeExerciseHelp: { en: 'See `npm run exercise -- --help`.', 'zh-cn': '参见 `npm run exercise -- --help`。' },
  badLang: {
    en: 'Unknown language "{value}": use --lang en or --lang zh-cn.',
    'zh-cn': '未知的语言“{value}”：请使用 --lang en 或 --lang zh-cn。',
  },
  badValue: {
    en: 'Invalid value "{value}" for {option}: use one of {allowed}.',
    'zh-cn': '{option} 的值“{value}”无效：可用的值有 {allowed}。',
  },
  badTimeout: {
    en: 'Invalid value "{value}" for --timeout: give a number of seconds greater than 0.',
    'zh-cn': '--timeout 的值“{value}”无效：请给出大于 0 的秒数。',
  },
  unknownOption: { en: 'Unknown option {option}.', 'zh-cn': '未知的选项 {option}。' },
  allowUnsafeGone: {
    en: '--allow-unsafe is gone: the grader now refuses the same specs on every cluster (privileged containers, host namespaces, host paths a lesson does not use), because none of them is needed and each could reach the machine that grades. Remove the option.',
    'zh-cn': '--allow-unsafe 已被移除：评分程序现在在任何集群上都拒绝同样的配置（特权容器、主机名字空间、课程用不到的主机路径），因为这些都不需要，而且每一项都可能触及评分机器。请去掉这个选项。',
  },
  didYouMean: { en: 'Did you mean {suggestion}?', 'zh-cn': '你是不是想用 {suggestion}？' },
  missingValue: { en: 'The option {option} needs a value.', 'zh-cn': '选项 {option} 需要一个值。' },
  tooManyArgs: {
    en: 'Too many arguments: {args}. Name one lesson, or use --all.',
    'zh-cn': '参数太多：{args}。请只指定一个课程，或者使用 --all。',
  },
  needLesson: {
    en: 'Name the lesson to grade, e.g. `npm run grade lesson-1`, or use --all or --list.',
    'zh-cn': '请指定要评分的课程，例如 `npm run grade lesson-1`，或者使用 --all 或 --list。',
  },
  allWithLesson: {
    en: '--all grades every lesson, so do not also name one ({lesson}).',
    'zh-cn': '--all 会为所有课程评分，因此不要再指定课程（{lesson}）。',
  },
  dirWithAll: {
    en: '--dir names one folder, so it cannot be used with --all (each lesson uses exercises/lesson-N/).',
    'zh-cn': '--dir 只能指定一个文件夹，因此不能与 --all 一起使用（每个课程都使用 exercises/lesson-N/）。',
  },
  unknownLesson: {
    en: 'Unknown lesson "{input}". The lessons are: {list}.',
    'zh-cn': '未知的课程“{input}”。现有课程：{list}。',
  },
  noGradedLessons: {
    en: 'No lesson can be graded yet (each needs lessons/<NN-slug>/exercise.yaml and graders/<NN-slug>.ts).',
    'zh-cn': '目前没有可以评分的课程（每个课程都需要 lessons/<NN-slug>/exercise.yaml 和 graders/<NN-slug>.ts）。',
  },
  notGradedSkipped: {
    en: 'Skipping {ids}: no exercise or grader yet.',
    'zh-cn': '跳过 {ids}：还没有练习或评分程序。',
  },
  missingFolder: {
    en: 'The folder {dir} does not exist. Create it with the starter files: npm run exercise {id}',
    'zh-cn': '文件夹 {dir} 不存在。请先用以下命令复制起始文件：npm run exercise {id}',
  },
  graderBroken: {
    en: 'The grader of {id} could not be loaded:',
    'zh-cn': '无法加载 {id} 的评分程序：',
  },
  clusterUnavailable: {
    en: 'The cluster could not be brought up: {reason}',
    'zh-cn': '无法启动集群：{reason}',
  },
  clusterUnavailableDescription: { en: '{backend} (not available)', 'zh-cn': '{backend}（不可用）' },
  interrupting: {
    en: 'Interrupted: stopping and cleaning up (press Ctrl-C again to quit at once, leaving things behind).',
    'zh-cn': '已中断：正在停止并清理（再按一次 Ctrl-C 会立即退出，但可能留下未清理的资源）。',
  },
  reportFailed: { en: 'Could not write the {reporter} report: {reason}', 'zh-cn': '无法写入 {reporter} 报告：{reason}' },
  internalError: {
    en: 'Internal error in the grader (not your submission). Please report it with this output:',
    'zh-cn': '评分程序内部错误（不是你提交的文件的问题）。请附上以下输出报告这个问题：',
  },
  deleting: { en: 'Deleting the course kind cluster…', 'zh-cn': '正在删除课程的 kind 集群……' },
  deleteFailed: {
    en: 'Could not delete the course kind cluster: {reason}',
    'zh-cn': '无法删除课程的 kind 集群：{reason}',
  },
  deleted: { en: 'The course kind cluster is deleted.', 'zh-cn': '课程的 kind 集群已删除。' },
  listHeader: { en: 'Lessons:', 'zh-cn': '课程：' },
  listNotGraded: { en: '(no exercise yet)', 'zh-cn': '（暂无练习）' },
  listFooter: {
    en: 'Start one with `npm run exercise lesson-N`, grade it with `npm run grade lesson-N`.',
    'zh-cn': '用 `npm run exercise lesson-N` 开始一个练习，用 `npm run grade lesson-N` 评分。',
  },
  modelDescription: { en: 'offline model', 'zh-cn': '离线模型' },
  kindDescription: { en: 'kind', 'zh-cn': 'kind' },
  currentDescription: { en: 'current kubeconfig context', 'zh-cn': '当前 kubeconfig 上下文' },
  // --class
  classWithAll: {
    en: '--class grades one lesson for a whole class, so it cannot be used with --all.',
    'zh-cn': '--class 为全班评同一课程，因此不能与 --all 一起使用。',
  },
  classWithDir: {
    en: '--class takes the submissions from the sub-folders of the class folder, so it cannot be used with --dir.',
    'zh-cn': '--class 从班级文件夹的各个子文件夹读取提交，因此不能与 --dir 一起使用。',
  },
  classWithFresh: {
    en: '--fresh would make a throwaway kind cluster for every student; grade a class on the reused course cluster (leave out --fresh).',
    'zh-cn': '--fresh 会为每位学生新建一个用完即删的 kind 集群；请在复用的课程集群上为全班评分（去掉 --fresh）。',
  },
  jobsWithoutClass: {
    en: '--jobs sets how many students are graded at once, so it needs --class <folder>.',
    'zh-cn': '--jobs 设置同时评几位学生，因此需要同时使用 --class <文件夹>。',
  },
  badJobs: {
    en: 'Invalid value "{value}" for --jobs: give a whole number from 1 to {max}.',
    'zh-cn': '--jobs 的值“{value}”无效：请给出 1 到 {max} 之间的整数。',
  },
  classMissing: {
    en: 'The class folder {dir} does not exist. Give a folder that holds one folder per student.',
    'zh-cn': '班级文件夹 {dir} 不存在。请指定一个每位学生各有一个子文件夹的文件夹。',
  },
  classNotFolder: {
    en: '{dir} is not a folder. --class needs a folder that holds one folder per student.',
    'zh-cn': '{dir} 不是文件夹。--class 需要一个每位学生各有一个子文件夹的文件夹。',
  },
  classEmpty: {
    en: 'The class folder {dir} holds no student folders (hidden folders are ignored). Put each student’s submission in its own sub-folder, named after the student.',
    'zh-cn': '班级文件夹 {dir} 中没有学生的文件夹（隐藏文件夹会被忽略）。请把每位学生的提交放在以学生命名的子文件夹中。',
  },
  outInsideClass: {
    en: 'The report folder {out} is inside the class folder {dir}: grading never writes into students’ submissions. Choose another --out.',
    'zh-cn': '报告文件夹 {out} 位于班级文件夹 {dir} 之内：评分绝不会写入学生提交的文件夹。请另选一个 --out。',
  },
  classSummaryFailed: {
    en: 'Could not write the class summary {file}: {reason}',
    'zh-cn': '无法写入全班汇总 {file}：{reason}',
  },
  // npm run exercise
  exerciseHeader: { en: 'Starter files for {id} · {title}', 'zh-cn': '{id} · {title} 的起始文件' },
  created: { en: ' (created)', 'zh-cn': '（已创建）' },
  kept: {
    en: ' (kept: it already exists, not overwritten)',
    'zh-cn': '（已保留：文件已存在，没有覆盖）',
  },
  noStarter: {
    en: '{id} has no starter files yet ({dir} is missing).',
    'zh-cn': '{id} 还没有起始文件（缺少 {dir}）。',
  },
  exerciseNext: {
    en: 'Next: edit the files in {dir} (the task is in the lesson’s “Exercise” section), then run `npm run grade {id}`.',
    'zh-cn': '下一步：修改 {dir} 中的文件（任务见课程的“练习”一节），然后运行 `npm run grade {id}`。',
  },
  exerciseAllKept: {
    en: 'Every starter file already existed; your work is untouched.',
    'zh-cn': '所有起始文件都已存在，你的修改没有被改动。',
  },
  needExerciseLesson: {
    en: 'Name the lesson to start, e.g. `npm run exercise lesson-1`.',
    'zh-cn': '请指定要开始的课程，例如 `npm run exercise lesson-1`。',
  },
} satisfies Record<string, Localized>;
