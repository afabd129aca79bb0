/**
 * The student repository's README.md, English then Chinese (original text in each): the
 * exercises and their folders, how to grade on your own machine (kind for the real verdict, the
 * offline model for quick feedback), what a push does, the points of every check, and the files
 * that must not be edited. Not a protected file: instructors may add to it.
 */
import type { Lang, Localized } from '../../i18n/lang.ts';
import type { Assignment } from '../assignment.ts';
import type { CheckPoints, ClassroomLesson } from '../course.ts';
import { LAUNCHER_FILE, PACKAGE_FILE } from './package-json.ts';
import { WORKFLOW_FILE } from './workflow.ts';

export const README_FILE = 'README.md';

export interface ReadmeLesson {
  lesson: ClassroomLesson;
  checks: CheckPoints[];
}

const T = {
  intro: {
    en: 'Your exercises for the Kubernetes Storage Course. The starter manifests of each lesson are already in `exercises/lesson-N/` (so `npm run exercise` is not needed here): complete them, grade them on your machine, then push. Every push is graded again on GitHub Actions, on a real three-node kind cluster, and the points go to GitHub Classroom.',
    'zh-cn': '这是你在 Kubernetes 存储课程中的练习仓库。每一课的初始清单已经放在 `exercises/lesson-N/` 里（所以这里不需要 `npm run exercise`）：补全它们，在自己的电脑上评分，然后推送。每次推送都会在 GitHub Actions 上用一个真实的三节点 kind 集群重新评分，分数会同步到 GitHub Classroom。',
  },
  exercises: { en: 'Exercises', 'zh-cn': '练习' },
  head: { en: '| Lesson | Exercise | Edit these files | Points |', 'zh-cn': '| 课程 | 练习 | 要编辑的文件 | 分数 |' },
  total: { en: '**Total**', 'zh-cn': '**合计**' },
  local: { en: 'Grade on your machine', 'zh-cn': '在自己的电脑上评分' },
  needs: {
    en: 'You need Node.js 22.12 or newer (Node 24 LTS recommended; check with `node --version`) and git. For the real verdict you also need Docker (or Podman) with kind v0.31.0+ and kubectl; without them, grade against the offline model.',
    'zh-cn': '你需要 Node.js 22.12 或更高版本（推荐 Node 24 LTS，可用 `node --version` 查看）和 git。要得到真正的评分结果，还需要 Docker（或 Podman）以及 kind v0.31.0+ 和 kubectl；没有这些工具时，可以用离线模型评分。',
  },
  cmdInstall: { en: "installs the grader's dependencies only (about 35 MB)", 'zh-cn': '只安装评分程序的依赖（约 35 MB）' },
  cmdGrade: { en: 'first run: fetches the course grader into .course/', 'zh-cn': '第一次运行时会把课程评分程序获取到 .course/' },
  cmdModel: { en: 'offline model: quick feedback, no Docker needed', 'zh-cn': '离线模型：快速反馈，不需要 Docker' },
  cmdLang: { en: 'messages in Chinese', 'zh-cn': '用中文显示提示信息' },
  localNotes: {
    en: 'Options go after `--`, as npm wants. Mistakes that need no cluster (YAML syntax, unknown fields, the lesson’s own rules) are reported in under a second with `file:line:col` and a hint. The first kind run creates the cluster `k8s-storage-course` (a minute or two) and later runs reuse it; `npm run grade -- --delete-cluster` removes it. A model result is marked as such and is only a preview: the points come from kind.',
    'zh-cn': '和 npm 的其他命令一样，选项要写在 `--` 之后。不需要集群就能发现的错误（YAML 语法、未知字段、本课自己的规则）会在一秒内报告出来，并附上 `文件:行:列` 和提示。第一次用 kind 评分时会创建名为 `k8s-storage-course` 的集群（需要一两分钟），之后会重复使用它；`npm run grade -- --delete-cluster` 可以删除它。模型给出的结果会明确标注，只能作为预览：分数以 kind 的结果为准。',
  },
  push: { en: 'What happens when you push', 'zh-cn': '推送之后会发生什么' },
  pushText: {
    en: 'The `Autograding` workflow checks out the course grader at the version your instructor chose, creates a kind cluster, and grades every lesson above, one step per lesson. Open the run in the **Actions** tab: its summary shows each check with its points, the **Autograding tests** check lists every test, and failed static checks are annotated on your files. The last step sends the points to GitHub Classroom. A run takes a few minutes per lesson; a new push cancels a run that is still going.',
    'zh-cn': '`Autograding` 工作流会检出老师指定版本的课程评分程序，创建 kind 集群，然后逐课评分（每一课一个步骤）。在 **Actions** 标签页中打开这次运行：摘要里列出每项检查及其分数，**Autograding tests** 检查列出全部测试，未通过的静态检查会直接标注在你的文件上。最后一步把分数发送给 GitHub Classroom。每一课大约需要几分钟；如果在运行期间再次推送，之前的运行会被取消。',
  },
  points: { en: 'Points of each check', 'zh-cn': '每项检查的分数' },
  pointsText: {
    en: 'Each lesson is worth 100 points, split over its checks; a check earns all its points or none. Checks that cannot run because an earlier one failed earn nothing.',
    'zh-cn': '每一课满分 100 分，分摊到各项检查上；一项检查要么得到全部分数，要么不得分。由于前面的检查失败而无法运行的检查不得分。',
  },
  checkHead: { en: '| Check | Points |', 'zh-cn': '| 检查 | 分数 |' },
  keep: { en: 'Files you must not change', 'zh-cn': '不要修改的文件' },
  keepText: {
    en: 'The workflow also runs an integrity check: it regenerates the files below from the course and compares them with yours. Any change (or an extra file under `.github/` or `.classroom/`) shows up as a failed **integrity** test that your instructor sees. If one of them seems wrong, ask your instructor instead of editing it.',
    'zh-cn': '工作流还会运行完整性检查：它用课程重新生成下面这些文件，并与你仓库中的文件比较。任何修改（或者在 `.github/`、`.classroom/` 下多出的文件）都会显示为一项未通过的 **integrity** 测试，老师也能看到。如果觉得其中某个文件有问题，请联系老师，不要自己修改。',
  },
  keepWorkflow: { en: 'the grading workflow', 'zh-cn': '评分工作流' },
  keepPackage: { en: 'the grader’s dependencies and the `grade` script', 'zh-cn': '评分程序的依赖和 `grade` 脚本' },
  keepLauncher: { en: 'the course version and the launcher behind `npm run grade`', 'zh-cn': '课程版本以及 `npm run grade` 背后的启动脚本' },
} satisfies Record<string, Localized>;

function section(lang: Lang, a: Assignment, lessons: ReadmeLesson[]): string[] {
  const t = (k: keyof typeof T) => T[k][lang];
  const colon = lang === 'en' ? ': ' : '：';
  const paren = (items: string[]) => (lang === 'en' ? ` (${items.join(', ')})` : `（${items.join('、')}）`);
  const rows = lessons.map(({ lesson }) => `| ${lesson.id} | ${lesson.title[lang]} | ${lesson.starter.map((f) => `\`exercises/${lesson.id}/${f.path}\``).join('<br />')} | 100 |`);
  const out = [
    t('intro'),
    '',
    `### ${t('exercises')}`,
    '',
    t('head'),
    '|---|---|---|---:|',
    ...rows,
    `| ${t('total')} | | | **${lessons.length * 100}** |`,
    '',
    ...lessons.map(({ lesson }) => `- **${lesson.id}**${colon}${lesson.summary[lang]}`),
    '',
    `### ${t('local')}`,
    '',
    t('needs'),
    '',
    '```sh',
    `npm install                                  # ${t('cmdInstall')}`,
    `npm run grade ${a.lessons[0]}                       # ${t('cmdGrade')}`,
    `npm run grade -- ${a.lessons[0]} --cluster model    # ${t('cmdModel')}`,
    `npm run grade -- ${a.lessons[0]} --lang zh-cn       # ${t('cmdLang')}`,
    '```',
    '',
    t('localNotes'),
    '',
    `### ${t('push')}`,
    '',
    t('pushText'),
    '',
    `### ${t('points')}`,
    '',
    t('pointsText'),
  ];
  for (const { lesson, checks } of lessons) {
    out.push('', `**${lesson.id}${colon}${lesson.title[lang]}**`, '', t('checkHead'), '|---|---:|', ...checks.map((c) => `| ${c.title[lang].replace(/\|/g, '\\|')} | ${c.points} |`));
  }
  out.push(
    '',
    `### ${t('keep')}`,
    '',
    t('keepText'),
    '',
    `- \`${WORKFLOW_FILE}\`${colon}${t('keepWorkflow')}`,
    `- \`${PACKAGE_FILE}\`${colon}${t('keepPackage')}`,
    `- \`.classroom/\`${paren(['assignment.json', LAUNCHER_FILE.split('/').pop()!, 'tsconfig.json'].map((f) => `\`${f}\``))}${colon}${t('keepLauncher')}`,
  );
  return out;
}

/** Renders README.md for the lessons of an assignment (in the assignment's order). */
export function renderReadme(a: Assignment, lessons: ReadmeLesson[]): string {
  return [
    '# Kubernetes storage exercises · Kubernetes 存储练习',
    '',
    '[English](#english) · [中文](#中文)',
    '',
    '## English',
    '',
    ...section('en', a, lessons),
    '',
    '## 中文',
    '',
    ...section('zh-cn', a, lessons),
    '',
  ].join('\n');
}
