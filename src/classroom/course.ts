/**
 * What the generator reads from the course checkout: its package.json (grader dependency
 * versions), its lessons with their exercises and starter files, each lesson's check points, and
 * (read-only git) the commit it is at, whether the working tree is clean, and its GitHub remote.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { execa } from 'execa';
import type { Localized } from '../i18n/lang.ts';
import { listLessons, loadExercise, loadGrader, type Lesson } from '../grader/lessons.ts';
import { graderPackages, pinnedVersions, type PackageJsonLike } from './grader-deps.ts';

/** One check of a lesson's grader, for the README's points table. */
export interface CheckPoints {
  id: string;
  title: Localized;
  points: number;
}

/** A lesson that can be handed out: it has an exercise, a grader and starter files. */
export interface ClassroomLesson {
  id: string;
  folder: string;
  number: number;
  title: Localized;
  summary: Localized;
  minutes: number;
  /** Starter files, relative to starter/ (forward slashes), with their bytes. */
  starter: { path: string; content: Buffer }[];
}

export interface CourseGit {
  /** Full SHA of HEAD, if the course is a git checkout. */
  head?: string;
  /** Paths git reports as changed or untracked (empty when clean). */
  dirty: string[];
  /** owner/name parsed from a GitHub `origin` remote, if any. */
  githubRepository?: string;
}

/** Reads the course package.json. */
export function readCoursePackage(root: string): PackageJsonLike & { name?: string; version?: string; engines?: { node?: string }; repository?: unknown } {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
}

/** name -> exact version of every package the grader needs at run time. */
export function graderDependencies(root: string): Record<string, string> {
  return pinnedVersions(graderPackages(root), readCoursePackage(root));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/** Every lesson of the course with why it cannot be handed out (undefined = it can). */
export function courseLessons(root: string): { lesson: Lesson; problem?: Localized; info?: ClassroomLesson }[] {
  return listLessons(root).map((lesson) => {
    if (!lesson.graded) {
      return { lesson, problem: { en: `${lesson.id} has no exercise.yaml or no grader yet`, 'zh-cn': `${lesson.id} 还没有 exercise.yaml 或评分程序` } };
    }
    const starterDir = join(lesson.dir, 'starter');
    if (!existsSync(starterDir) || filesUnder(starterDir).length === 0) {
      return { lesson, problem: { en: `${lesson.id} has no starter files`, 'zh-cn': `${lesson.id} 没有起始文件` } };
    }
    try {
      const ex = loadExercise(root, lesson);
      const starter = filesUnder(starterDir).map((file) => ({ path: relative(starterDir, file).split(sep).join('/'), content: readFileSync(file) }));
      return { lesson, info: { id: lesson.id, folder: lesson.folder, number: lesson.number, title: ex.title, summary: ex.summary, minutes: ex.minutes, starter } };
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      return { lesson, problem: { en: `${lesson.id}: ${text}`, 'zh-cn': `${lesson.id}：${text}` } };
    }
  });
}

/** The checks of a lesson's grader with their points, in grading order. */
export async function lessonChecks(root: string, folder: string): Promise<CheckPoints[]> {
  const grader = await loadGrader(root, folder);
  return [...grader.staticChecks, ...grader.steps].map((c) => ({ id: c.id, title: c.title, points: c.points }));
}

/** owner/name from a GitHub remote URL (https or ssh), else undefined. */
export function parseGithubRemote(url: string): string | undefined {
  const m = /github\.com[:/]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : undefined;
}

/** owner/name from package.json's `repository` field ("github:o/n", "o/n", a URL, or { url }). */
export function repositoryFromPackage(repository: unknown): string | undefined {
  const value = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof value !== 'string') return undefined;
  const short = /^(?:github:)?([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value.trim());
  return short ? `${short[1]}/${short[2]}` : parseGithubRemote(value);
}

/** The paths of `git status --porcelain` output ("XY path", renames as "old -> new": the new path). */
export function parsePorcelain(output: string): string[] {
  return output
    .split('\n')
    .filter((l) => l.length > 3)
    .map((l) => l.slice(3).split(' -> ').pop()!.replace(/^"|"$/g, ''));
}

/** Reads HEAD, the working-tree state and the origin remote with read-only git commands; never throws. */
export async function readCourseGit(root: string): Promise<CourseGit> {
  const git = async (args: string[]) => {
    const r = await execa('git', args, { cwd: root, reject: false, timeout: 20_000, stripFinalNewline: true });
    return r.exitCode === 0 ? String(r.stdout) : undefined;
  };
  const [head, status, origin] = await Promise.all([
    git(['rev-parse', '--verify', 'HEAD']),
    git(['status', '--porcelain', '--untracked-files=normal']),
    git(['remote', 'get-url', 'origin']),
  ]);
  return {
    head: head && /^[0-9a-f]{40}$/.test(head.trim()) ? head.trim() : undefined,
    dirty: parsePorcelain(status ?? ''),
    githubRepository: origin ? parseGithubRemote(origin) : undefined,
  };
}
