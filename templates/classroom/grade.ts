/**
 * `npm run grade` in a student repository (copied there as .classroom/grade.ts by
 * `npm run classroom`; do not edit it, the integrity check compares it with the course's copy).
 *
 * It runs the course's own grader at the ref named in .classroom/assignment.json. The first run
 * fetches that ref of the course into .course/ with git (a shallow fetch, git-ignored); later runs
 * reuse it. A local folder as the source (tests, offline classrooms) is linked instead of fetched.
 * The student's arguments are passed through unchanged: `npm run grade -- lesson-1 --cluster model`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Lang = 'en' | 'zh-cn';
type Text = Record<Lang, string>;

interface CourseSource {
  repository: string;
  ref: string;
  source: string;
}

const MESSAGES = {
  fetching: { en: 'Fetching the course grader ({repo} at {ref}) into .course/ ...', 'zh-cn': '正在把课程评分程序（{repo}，版本 {ref}）获取到 .course/ ……' },
  fetchFailed: {
    en: 'Could not fetch the course grader from {source} at {ref}: {reason}\nCheck that git is installed and that you can reach the course repository, then run npm run grade again.',
    'zh-cn': '无法从 {source} 获取版本 {ref} 的课程评分程序：{reason}\n请确认已安装 git，并且可以访问课程仓库，然后重新运行 npm run grade。',
  },
  badAssignment: {
    en: 'Cannot read .classroom/assignment.json ({reason}). It was generated with this repository; restore it with git checkout -- .classroom/assignment.json.',
    'zh-cn': '无法读取 .classroom/assignment.json（{reason}）。这个文件是随仓库生成的；可以用 git checkout -- .classroom/assignment.json 恢复它。',
  },
} satisfies Record<string, Text>;

/** The language of messages: --lang, then LC_ALL / LC_MESSAGES / LANG. */
export function launcherLang(argv: string[], env: NodeJS.ProcessEnv): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const given = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  const value = given ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return value.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

function say(text: Text, lang: Lang, params: Record<string, string>): string {
  return text[lang].replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
}

/** True when the source is a local folder rather than a git URL. */
export function isLocalSource(source: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !/^[\w.-]+@[\w.-]+:/.test(source);
}

/** Makes .course/ hold the course at the assignment's ref; returns its path. Throws with the reason on failure. */
export function ensureCourse(root: string, course: CourseSource, log: (line: string) => void, lang: Lang): string {
  const dir = join(root, '.course');
  if (isLocalSource(course.source)) {
    const target = isAbsolute(course.source) ? course.source : resolve(root, course.source);
    const linked = existsSync(dir) && lstatSync(dir).isSymbolicLink() && resolve(root, readlinkSync(dir)) === target;
    if (!linked) {
      rmSync(dir, { recursive: true, force: true });
      symlinkSync(target, dir, 'junction');
    }
    return dir;
  }
  const marker = join(dir, '.classroom-ref');
  if (existsSync(join(dir, '.git')) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === course.ref) return dir;
  log(say(MESSAGES.fetching, lang, { repo: course.repository, ref: course.ref }));
  rmSync(dir, { recursive: true, force: true });
  const git = (args: string[]) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  git(['init', '--quiet', '.course']);
  git(['-C', '.course', 'fetch', '--quiet', '--depth', '1', course.source, course.ref]);
  git(['-C', '.course', '-c', 'advice.detachedHead=false', 'checkout', '--quiet', 'FETCH_HEAD']);
  writeFileSync(marker, course.ref + '\n');
  return dir;
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const args = process.argv.slice(2);
  const lang = launcherLang(args, process.env);
  let course: CourseSource;
  try {
    course = (JSON.parse(readFileSync(join(root, '.classroom', 'assignment.json'), 'utf8')) as { course: CourseSource }).course;
    if (!course?.ref || !course.source || !course.repository) throw new Error('no course.repository / ref / source');
  } catch (err) {
    process.stderr.write(say(MESSAGES.badAssignment, lang, { reason: (err as Error).message }) + '\n');
    process.exitCode = 2;
    return;
  }
  let dir: string;
  try {
    dir = ensureCourse(root, course, (line) => process.stderr.write(line + '\n'), lang);
  } catch (err) {
    const e = err as Error & { stderr?: Buffer };
    const reason = (e.stderr?.toString().trim() || e.message).split('\n').slice(-3).join(' ');
    process.stderr.write(say(MESSAGES.fetchFailed, lang, { source: course.source, ref: course.ref, reason }) + '\n');
    process.exitCode = 3;
    return;
  }
  // The grader reads exercises/lesson-N/ relative to the working directory: the repository root.
  process.chdir(root);
  await import(pathToFileURL(join(dir, 'scripts', 'grade.ts')).href);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
