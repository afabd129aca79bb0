/**
 * --help text of the two commands, in the chosen language, from the same option tables the
 * parsers use (so a new option cannot be missing from the help).
 */
import type { Lang, Localized } from '../i18n/lang.ts';
import type { OptionSpec } from './grade-options.ts';

/** Terminal columns of a string: CJK and full-width characters take two. */
function columns(text: string): number {
  return Array.from(text).reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
}

function optionLines(options: OptionSpec[], lang: Lang): string[] {
  const width = Math.max(...options.map((o) => o.flags.length)) + 2;
  return options.map((o) => `  ${o.flags.padEnd(width)}${o.description[lang]}`);
}

const GRADE_INTRO: Localized = {
  en: 'Grades a lesson’s exercise: static checks first (no cluster needed), then the lesson’s scenario on a kind cluster (or the offline model).',
  'zh-cn': '为课程练习评分：先做静态检查（不需要集群），再在 kind 集群（或离线模型）上运行课程的场景。',
};
const USAGE: Localized = { en: 'Usage: ', 'zh-cn': '用法：' };
const ARGUMENTS: Localized = { en: 'Arguments:', 'zh-cn': '参数：' };
const OPTIONS: Localized = { en: 'Options:', 'zh-cn': '选项：' };
const EXAMPLES: Localized = { en: 'Examples:', 'zh-cn': '示例：' };
const LESSON_ARG: Localized = { en: 'lesson-3, 3, 03-nfs or nfs', 'zh-cn': 'lesson-3、3、03-nfs 或 nfs' };
const NPM_NOTE: Localized = {
  en: 'With npm, put -- before options: npm run grade -- lesson-3 --cluster model',
  'zh-cn': '通过 npm 运行时，请在选项前加 --：npm run grade -- lesson-3 --cluster model',
};
const EXIT_CODES: Localized = {
  en: 'Exit codes: 0 all checks passed, 1 a check failed, 2 bad usage or a submission that could not\nbe read, is not valid or was refused, 3 cluster or tooling could not be brought up,\n130 interrupted (Ctrl-C).',
  'zh-cn': '退出码：0 全部检查通过，1 有检查未通过，2 用法错误，或提交的文件无法读取、内容无效或被拒绝，\n3 无法启动集群或所需工具，130 已中断（Ctrl-C）。',
};
const CLASS_EXIT_CODES: Localized = {
  en: 'With --class: 0 every student was graded (whatever the scores, broken submissions included:\nsee class-summary.csv), 2 bad usage (missing or empty class folder, bad --jobs), 3 some student\ncould not be graded because of the cluster or tooling, or the summary could not be written,\n130 interrupted.',
  'zh-cn': '使用 --class 时：0 每位学生都已评分（无论得分高低，包括无法读取的提交：见 class-summary.csv），\n2 用法错误（班级文件夹不存在或为空、--jobs 无效），3 因集群或工具问题有学生无法评分，或无法写入汇总，\n130 已中断。',
};

/** The "Arguments" and "Options" sections both commands' help share. */
function argumentsAndOptions(options: OptionSpec[], lang: Lang): string[] {
  const width = Math.max(...options.map((o) => o.flags.length)) + 2;
  return [ARGUMENTS[lang], `  ${'lesson'.padEnd(width)}${LESSON_ARG[lang]}`, '', OPTIONS[lang], ...optionLines(options, lang)];
}

/** The grade command's help. */
export function gradeHelp(options: OptionSpec[], lang: Lang): string {
  return [
    GRADE_INTRO[lang],
    '',
    `${USAGE[lang]}npm run grade -- <lesson> [options]`,
    `${' '.repeat(columns(USAGE[lang]))}npm run grade -- --all [options]`,
    `${' '.repeat(columns(USAGE[lang]))}npm run grade -- <lesson> --class <folder> [--jobs N] [options]`,
    `${' '.repeat(columns(USAGE[lang]))}npm run grade -- --list`,
    '',
    ...argumentsAndOptions(options, lang),
    '',
    NPM_NOTE[lang],
    EXIT_CODES[lang],
    CLASS_EXIT_CODES[lang],
    '',
    EXAMPLES[lang],
    '  npm run grade lesson-3',
    '  npm run grade -- 3 --cluster model --lang zh-cn',
    '  npm run grade -- --all --cluster kind --reporter terminal,json,junit',
    '  npm run grade -- lesson-4 --class submissions/ --cluster current --jobs 4 --out reports/class',
    '',
  ].join('\n');
}

const EXERCISE_INTRO: Localized = {
  en: 'Copies a lesson’s starter files into exercises/lesson-N/ (never overwrites a file that is already there).',
  'zh-cn': '把课程的起始文件复制到 exercises/lesson-N/（已存在的文件绝不覆盖）。',
};

/** The exercise command's help. */
export function exerciseHelp(options: OptionSpec[], lang: Lang): string {
  return [
    EXERCISE_INTRO[lang],
    '',
    `${USAGE[lang]}npm run exercise -- <lesson> [options]`,
    '',
    ...argumentsAndOptions(options, lang),
    '',
    EXAMPLES[lang],
    '  npm run exercise lesson-1',
    '  npm run exercise -- 4 --lang zh-cn',
    '',
  ].join('\n');
}
