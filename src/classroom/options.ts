/**
 * The options of `npm run classroom` (generate, the default), `classroom verify` and
 * `classroom result`: one table per command drives both commander and the localized --help, and
 * each parser turns what was typed into a request or a UsageError (exit 2).
 */
import { Command, CommanderError } from 'commander';
import { detectLang, fill, type Lang, type Localized } from '../i18n/lang.ts';
import { usageFromCommander, type OptionSpec } from '../cli/grade-options.ts';
import { UsageError } from '../cli/usage-error.ts';
import { classroomMsg as M } from './messages.ts';

export const COMMANDS = ['generate', 'verify', 'result'] as const;
export type CommandName = (typeof COMMANDS)[number];

const LANG_OPTION: OptionSpec = { flags: '--lang <en|zh-cn>', description: { en: 'language of the messages (default: from LC_ALL / LANG)', 'zh-cn': '提示信息的语言（默认：根据 LC_ALL / LANG）' } };
const HELP_OPTION: OptionSpec = { flags: '-h, --help', description: { en: 'show this help', 'zh-cn': '显示本帮助' } };

export const OPTIONS: Record<CommandName, OptionSpec[]> = {
  generate: [
    { flags: '--out <dir>', description: { en: 'folder to write the student repository into (must be empty)', 'zh-cn': '学生仓库的输出目录（必须为空）' } },
    { flags: '--lessons <list>', description: { en: 'lessons to hand out, e.g. 1,2,3 or lesson-1,03-nfs (default: every lesson ready to grade)', 'zh-cn': '要布置的课程，例如 1,2,3 或 lesson-1,03-nfs（默认：所有可以评分的课）' } },
    { flags: '--course-repo <owner/name>', description: { en: 'GitHub repository of the course (default: package.json "repository", else the origin remote)', 'zh-cn': '课程所在的 GitHub 仓库（默认：package.json 的 "repository"，否则取 origin 远程仓库）' } },
    { flags: '--course-ref <ref>', description: { en: 'commit SHA or tag the grader comes from (default: the commit this checkout is at)', 'zh-cn': '评分程序所用的提交 SHA 或标签（默认：当前目录所在的提交）' } },
    { flags: '--course-source <path|url>', description: { en: 'where `npm run grade` fetches the course from (default: https://github.com/<repo>.git; a local folder for tests)', 'zh-cn': '`npm run grade` 获取课程的位置（默认：https://github.com/<repo>.git；测试时可以是本地目录）' } },
    { flags: '--grade-lang <en|zh-cn>', description: { en: 'language of the reports written in CI (default: en)', 'zh-cn': 'CI 中生成报告所用的语言（默认：en）' } },
    { flags: '--pin <owner/repo@ref>', description: { en: 'replace the pinned version of an action the workflow uses (repeatable)', 'zh-cn': '替换工作流中某个 action 的固定版本（可重复使用）' } },
    { flags: '--force', description: { en: 'write into a folder that is not empty (overwrites the generated files)', 'zh-cn': '写入非空目录（覆盖其中生成的文件）' } },
    LANG_OPTION,
    HELP_OPTION,
  ],
  verify: [
    { flags: '--repo <dir>', description: { en: 'the student repository to check', 'zh-cn': '要检查的学生仓库' } },
    { flags: '--expect <file>', description: { en: "compare against this assignment.json (the instructor's copy) instead of the repository's own", 'zh-cn': '以这个 assignment.json（老师手中的副本）为准进行比较，而不是仓库自己的' } },
    { flags: '--out <file>', description: { en: 'also write the verdict as JSON (read by `classroom result`)', 'zh-cn': '同时把结论写成 JSON（供 `classroom result` 读取）' } },
    LANG_OPTION,
    HELP_OPTION,
  ],
  result: [
    { flags: '--lessons <list>', description: { en: 'the graded lessons, e.g. lesson-1,lesson-2', 'zh-cn': '已评分的课程，例如 lesson-1,lesson-2' } },
    { flags: '--reports <dir>', description: { en: 'folder holding <lesson>/results.json', 'zh-cn': '存放 <lesson>/results.json 的目录' } },
    { flags: '--integrity <file>', description: { en: 'the JSON written by `classroom verify --out`', 'zh-cn': '`classroom verify --out` 写出的 JSON' } },
    { flags: '--backend <name>', description: { en: 'the back end every lesson must have been graded on (e.g. kind)', 'zh-cn': '每一课都必须使用的评分后端（例如 kind）' } },
    LANG_OPTION,
    HELP_OPTION,
  ],
};

export interface GenerateRequest {
  command: 'generate';
  out: string;
  lessons?: string[];
  courseRepo?: string;
  courseRef?: string;
  courseSource?: string;
  gradeLang: Lang;
  pins: string[];
  force: boolean;
}
export interface VerifyRequest {
  command: 'verify';
  repo: string;
  expect?: string;
  out?: string;
}
export interface ResultRequest {
  command: 'result';
  lessons: string[];
  reports: string;
  integrity: string;
  backend?: string;
}
export type ClassroomRequest = (GenerateRequest | VerifyRequest | ResultRequest | { command: 'help'; of: CommandName }) & { lang: Lang };

/** The message language: --lang if valid, else the environment (bad is the value that was not understood). */
export function messageLang(argv: string[], env: Record<string, string | undefined>): { lang: Lang; bad?: string } {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.slice('--lang='.length) : argv[i + 1];
  try {
    return { lang: detectLang(value, env) };
  } catch {
    return { lang: detectLang(undefined, env), bad: value };
  }
}

function program(options: OptionSpec[]): Command {
  const p = new Command('classroom').exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} }).helpOption(false).allowExcessArguments(true);
  for (const o of options) {
    if (o.flags.startsWith('--pin')) p.option(o.flags, o.description.en, (v: string, prev: string[]) => [...prev, v], []);
    else p.option(o.flags, o.description.en);
  }
  return p;
}

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

function langValue(value: string | undefined, fallback: Lang): Lang {
  if (value === undefined) return fallback;
  try {
    return detectLang(value);
  } catch {
    throw new UsageError(fill(M.badLang, { value }));
  }
}

/** Parses the arguments of any classroom command; throws UsageError. */
export function parseClassroomArgs(argv: string[], env: Record<string, string | undefined>): ClassroomRequest {
  const { lang, bad } = messageLang(argv, env);
  if (bad !== undefined) throw new UsageError(fill(M.badLang, { value: bad }), true);
  const first = argv[0] && !argv[0].startsWith('-') ? argv[0] : undefined;
  if (first && !(COMMANDS as readonly string[]).includes(first)) throw new UsageError(fill(M.unknownCommand, { value: first }));
  const command: CommandName = (first as CommandName | undefined) ?? 'generate';
  const p = program(OPTIONS[command]);
  try {
    p.parse(first ? argv.slice(1) : argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) throw usageFromCommander(err);
    throw err;
  }
  const o = p.opts<Record<string, string | boolean | string[] | undefined>>();
  if (o.help) return { command: 'help', of: command, lang };
  if (p.args.length) throw new UsageError({ en: `Unexpected argument: ${p.args.join(' ')}`, 'zh-cn': `多余的参数：${p.args.join(' ')}` });
  const str = (k: string) => o[k] as string | undefined;
  if (command === 'verify') {
    if (!str('repo')) throw new UsageError(M.needRepoDir);
    return { command, lang, repo: str('repo')!, expect: str('expect'), out: str('out') };
  }
  if (command === 'result') {
    if (!str('lessons')) throw new UsageError(M.needLessonsArg);
    if (!str('reports')) throw new UsageError(M.needReportsArg);
    return { command, lang, lessons: list(str('lessons')!), reports: str('reports')!, integrity: str('integrity') ?? 'integrity.json', backend: str('backend') };
  }
  if (!str('out')) throw new UsageError(M.needOut);
  return {
    command,
    lang,
    out: str('out')!,
    lessons: str('lessons') ? list(str('lessons')!) : undefined,
    courseRepo: str('courseRepo'),
    courseRef: str('courseRef'),
    courseSource: str('courseSource'),
    gradeLang: langValue(str('gradeLang'), 'en'),
    pins: (o.pin as string[] | undefined) ?? [],
    force: Boolean(o.force),
  };
}

const INTRO: Record<CommandName, Localized> = {
  generate: {
    en: 'Generates a GitHub Classroom student repository: starter files, a bilingual README, a light package.json and the autograding workflow.',
    'zh-cn': '生成 GitHub Classroom 的学生仓库：起始文件、双语 README、轻量的 package.json 和自动评分工作流。',
  },
  verify: {
    en: 'Checks that a student repository’s workflow, package.json and .classroom/ are what the course generates (exit 1 when not).',
    'zh-cn': '检查学生仓库中的工作流、package.json 和 .classroom/ 是否与课程生成的一致（不一致时退出码为 1）。',
  },
  result: {
    en: 'CI only: turns each lesson’s results.json and the integrity verdict into GitHub Classroom results ($GITHUB_OUTPUT) and a step summary.',
    'zh-cn': '仅用于 CI：把每一课的 results.json 和完整性结论转换成 GitHub Classroom 结果（$GITHUB_OUTPUT）和步骤摘要。',
  },
};

/** The --help text of a command. */
export function classroomHelp(command: CommandName, lang: Lang): string {
  const opts = OPTIONS[command];
  const width = Math.max(...opts.map((o) => o.flags.length)) + 2;
  const usage = command === 'generate' ? 'npm run classroom -- --out <dir> [options]' : `npm run classroom -- ${command} [options]`;
  const examples =
    command === 'generate'
      ? ['  npm run classroom -- --out ../storage-classroom --course-repo my-school/k8s-storage-course', '  npm run classroom -- --out ../week-1 --lessons 1,2 --grade-lang zh-cn']
      : command === 'verify'
        ? ['  npm run classroom -- verify --repo ../student-repo --expect ../storage-classroom/.classroom/assignment.json']
        : ['  npm run classroom -- result --lessons lesson-1 --reports "$RUNNER_TEMP/reports" --integrity "$RUNNER_TEMP/integrity.json"'];
  return [
    INTRO[command][lang],
    '',
    `${lang === 'en' ? 'Usage: ' : '用法：'}${usage}`,
    '',
    lang === 'en' ? 'Options:' : '选项：',
    ...opts.map((o) => `  ${o.flags.padEnd(width)}${o.description[lang]}`),
    '',
    lang === 'en' ? 'Examples:' : '示例：',
    ...examples,
    '',
  ].join('\n');
}
