/**
 * The grade command's options: one table (flags + descriptions in both languages) that drives
 * both commander's parser and the localized --help, and the validation that turns what was typed
 * into a GradeRequest or a UsageError (exit 2).
 */
import { Command, CommanderError } from 'commander';
import { detectLang, fill, type Lang, type Localized } from '../i18n/lang.ts';
import { CLUSTER_MODES, type ClusterMode } from '../grader/cluster/select.ts';
import { REPORTERS, type ReporterName } from '../grader/report/index.ts';
import { isGithubActions } from './io.ts';
import { cliMsg } from './messages.ts';
import { UsageError } from './usage-error.ts';

export interface OptionSpec {
  flags: string;
  description: Localized;
}

export const GRADE_OPTIONS: OptionSpec[] = [
  { flags: '--dir <path>', description: { en: 'folder to grade (default: exercises/lesson-N/)', 'zh-cn': '要评分的文件夹（默认：exercises/lesson-N/）' } },
  { flags: '--lang <en|zh-cn>', description: { en: 'language of messages and reports (default: from LC_ALL / LANG)', 'zh-cn': '提示信息和报告的语言（默认：根据 LC_ALL / LANG）' } },
  { flags: '--cluster <mode>', description: { en: 'auto, kind, current or model (default: auto = kind when installed, else the offline model)', 'zh-cn': 'auto、kind、current 或 model（默认 auto：装了 kind 就用 kind，否则用离线模型）' } },
  { flags: '--fresh', description: { en: 'kind: a throwaway cluster for this run instead of the reused course cluster', 'zh-cn': 'kind：本次使用一个用完即删的新集群，而不是复用课程集群' } },
  { flags: '--keep', description: { en: 'leave what grading created in the cluster, to inspect it', 'zh-cn': '评分结束后保留在集群中创建的资源，便于查看' } },
  { flags: '--timeout <seconds>', description: { en: 'replace every step’s timeout', 'zh-cn': '替换每个步骤的超时时间' } },
  { flags: '--all', description: { en: 'grade every lesson (classroom CI)', 'zh-cn': '为所有课程评分（课堂 CI 使用）' } },
  { flags: '--class <folder>', description: { en: 'grade every student of a class: each sub-folder of <folder> is one submission of the lesson, named after the student', 'zh-cn': '为全班评分：<folder> 的每个子文件夹是一位学生对该课程的提交，以学生命名' } },
  { flags: '--jobs <n>', description: { en: 'with --class: how many students are graded at once (default: up to 4 on kind or current, up to 8 on the model, never more than the CPUs)', 'zh-cn': '与 --class 一起使用：同时评几位学生（默认：kind 或 current 上最多 4 个，离线模型上最多 8 个，且不超过 CPU 数）' } },
  { flags: '--list', description: { en: 'list the lessons and exit', 'zh-cn': '列出所有课程后退出' } },
  { flags: '--reporter <names>', description: { en: 'terminal, json, junit, github: a comma list or repeated (default: terminal,json,junit, plus github under GitHub Actions)', 'zh-cn': 'terminal、json、junit、github：用逗号分隔或重复指定（默认：terminal,json,junit，在 GitHub Actions 中再加上 github）' } },
  { flags: '--out <dir>', description: { en: 'folder for results.json and junit.xml (default: reports/); with --class, one folder per student and class-summary.csv', 'zh-cn': 'results.json 和 junit.xml 的输出文件夹（默认：reports/）；使用 --class 时，每位学生一个文件夹，外加 class-summary.csv' } },
  { flags: '--trace', description: { en: 'print every external command (kind, kubectl, docker) with its duration', 'zh-cn': '打印每个外部命令（kind、kubectl、docker）及其耗时' } },
  { flags: '--delete-cluster', description: { en: 'delete the course kind cluster and exit', 'zh-cn': '删除课程的 kind 集群后退出' } },
  { flags: '-h, --help', description: { en: 'show this help', 'zh-cn': '显示本帮助' } },
];

export const DEFAULT_OUT_DIR = 'reports';

export interface GradeRequest {
  action: 'help' | 'list' | 'delete-cluster' | 'grade';
  lang: Lang;
  lesson?: string;
  all: boolean;
  dir?: string;
  cluster: ClusterMode;
  fresh: boolean;
  keep: boolean;
  timeoutMs?: number;
  reporters: ReporterName[];
  outDir: string;
  trace: boolean;
  /** --class: the folder of student sub-folders (as typed). */
  classDir?: string;
  /** --jobs: students at once (only with --class; undefined: the back end's default). */
  jobs?: number;
}

/** The most students a class run grades at once. */
export const MAX_JOBS = 64;

/** The language of messages before the arguments are validated: --lang if it is valid, else the environment. */
export function languageOf(argv: string[], env: Record<string, string | undefined>): { lang: Lang; bad?: string } {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--lang') value = argv[i + 1];
    else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
  });
  if (value === undefined) return { lang: detectLang(undefined, env) };
  try {
    return { lang: detectLang(value, env) };
  } catch {
    return { lang: detectLang(undefined, env), bad: value };
  }
}

/** A commander program that parses (never prints, never exits) the given options. */
export function parser(name: string, options: OptionSpec[]): Command {
  const program = new Command(name)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} })
    .helpOption(false)
    .allowExcessArguments(true)
    .argument('[lesson]');
  for (const o of options) {
    if (o.flags.startsWith('--reporter')) program.option(o.flags, o.description.en, (v: string, prev: string[]) => [...prev, v], []);
    else program.option(o.flags, o.description.en);
  }
  return program;
}

/** Turns commander's parse errors into UsageErrors with localized messages. */
export function usageFromCommander(err: CommanderError): UsageError {
  if (err.code === 'commander.unknownOption') {
    const option = /'([^']+)'/.exec(err.message)?.[1] ?? err.message;
    const suggestion = /Did you mean (.+?)\?/.exec(err.message)?.[1];
    if (option.split('=')[0] === '--allow-unsafe') return new UsageError(cliMsg.allowUnsafeGone);
    const text = fill(cliMsg.unknownOption, { option });
    if (!suggestion) return new UsageError(text);
    const more = fill(cliMsg.didYouMean, { suggestion });
    return new UsageError({ en: `${text.en} ${more.en}`, 'zh-cn': `${text['zh-cn']}${more['zh-cn']}` });
  }
  if (err.code === 'commander.optionMissingArgument') {
    const option = /'([^' ]+)/.exec(err.message)?.[1] ?? err.message;
    return new UsageError(fill(cliMsg.missingValue, { option }));
  }
  return new UsageError({ en: err.message.replace(/^error: /, ''), 'zh-cn': err.message.replace(/^error: /, '') });
}

function defaults(lang: Lang): GradeRequest {
  return { action: 'grade', lang, all: false, cluster: 'auto', fresh: false, keep: false, reporters: ['terminal'], outDir: DEFAULT_OUT_DIR, trace: false };
}

/** Parses and validates the grade command's arguments; throws UsageError. */
export function parseGradeArgs(argv: string[], env: Record<string, string | undefined>): GradeRequest {
  const { lang, bad } = languageOf(argv, env);
  if (bad !== undefined) throw new UsageError(fill(cliMsg.badLang, { value: bad }), true);
  const program = parser('grade', GRADE_OPTIONS);
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) throw usageFromCommander(err);
    throw err;
  }
  const o = program.opts<Record<string, string | boolean | string[] | undefined>>();
  const args = program.args;
  if (o.help) return { ...defaults(lang), action: 'help' };
  const cluster = (o.cluster as string | undefined) ?? 'auto';
  if (!(CLUSTER_MODES as readonly string[]).includes(cluster)) {
    throw new UsageError(fill(cliMsg.badValue, { option: '--cluster', value: cluster, allowed: CLUSTER_MODES.join(', ') }));
  }
  const request: GradeRequest = {
    action: 'grade',
    lang,
    lesson: args[0],
    all: Boolean(o.all),
    dir: o.dir as string | undefined,
    cluster: cluster as ClusterMode,
    fresh: Boolean(o.fresh),
    keep: Boolean(o.keep),
    timeoutMs: o.timeout === undefined ? undefined : parseTimeout(String(o.timeout)),
    reporters: parseReporters(o.reporter as string[], env),
    outDir: (o.out as string | undefined) ?? DEFAULT_OUT_DIR,
    trace: Boolean(o.trace),
    classDir: o.class as string | undefined,
    jobs: o.jobs === undefined ? undefined : parseJobs(String(o.jobs)),
  };
  if (args.length > 1) throw new UsageError(fill(cliMsg.tooManyArgs, { args: args.join(' ') }));
  if (o.deleteCluster) return { ...request, action: 'delete-cluster' };
  if (o.list) return { ...request, action: 'list' };
  if (request.all && request.lesson) throw new UsageError(fill(cliMsg.allWithLesson, { lesson: request.lesson }));
  if (request.all && request.dir) throw new UsageError(cliMsg.dirWithAll);
  if (request.classDir !== undefined) {
    if (request.all) throw new UsageError(cliMsg.classWithAll);
    if (request.dir) throw new UsageError(cliMsg.classWithDir);
    if (request.fresh) throw new UsageError(cliMsg.classWithFresh);
  } else if (request.jobs !== undefined) {
    throw new UsageError(cliMsg.jobsWithoutClass);
  }
  if (!request.all && !request.lesson) throw new UsageError(cliMsg.needLesson);
  return request;
}

/** --timeout seconds (a positive number, fractions allowed) as milliseconds. */
export function parseTimeout(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) throw new UsageError(fill(cliMsg.badTimeout, { value }));
  return Math.round(seconds * 1000);
}

/** --jobs: a whole number from 1 to MAX_JOBS. */
export function parseJobs(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(n) || n < 1 || n > MAX_JOBS) throw new UsageError(fill(cliMsg.badJobs, { value, max: MAX_JOBS }));
  return n;
}

/** --reporter values (comma lists, repeatable); default terminal,json,junit (+ github under GitHub Actions). */
export function parseReporters(given: string[], env: Record<string, string | undefined>): ReporterName[] {
  if (given.length === 0) return ['terminal', 'json', 'junit', ...(isGithubActions(env) ? (['github'] as const) : [])];
  const names = given.flatMap((g) => g.split(',')).map((n) => n.trim().toLowerCase()).filter(Boolean);
  const out: ReporterName[] = [];
  for (const name of names) {
    if (!(REPORTERS as readonly string[]).includes(name)) {
      throw new UsageError(fill(cliMsg.badValue, { option: '--reporter', value: name, allowed: REPORTERS.join(', ') }));
    }
    if (!out.includes(name as ReporterName)) out.push(name as ReporterName);
  }
  if (out.length === 0) throw new UsageError(fill(cliMsg.badValue, { option: '--reporter', value: given.join(','), allowed: REPORTERS.join(', ') }));
  return out;
}
