/**
 * The lesson registry: which lessons exist (lessons/<NN-slug>/ folders), how a student may name
 * one on the command line, and where its exercise.yaml and grader live. Adding a lesson is adding
 * a folder plus graders/<NN-slug>.ts; nothing here lists lessons by hand.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Localized } from '../i18n/lang.ts';
import { listLessonFolders } from '../site/lessons.ts';
import type { Grader } from './define.ts';
import { loadExerciseFile } from './exercise/load.ts';
import type { Exercise } from './exercise/schema.ts';

/** One lesson as the grader sees it. */
export interface Lesson {
  /** "lesson-3": what students type and what reports show. */
  id: string;
  /** "03-nfs" */
  folder: string;
  number: number;
  /** "nfs" */
  slug: string;
  /** Absolute path of lessons/03-nfs. */
  dir: string;
  /** Absolute path of graders/03-nfs.ts (may not exist yet). */
  graderFile: string;
  /** True when both exercise.yaml and the grader file exist, i.e. the lesson can be graded. */
  graded: boolean;
}

/** The lesson name a student gave matches no lesson. `reason` lists the lessons that exist. */
export class UnknownLessonError extends Error {
  constructor(
    readonly input: string,
    readonly reason: Localized,
  ) {
    super(reason.en);
    this.name = 'UnknownLessonError';
  }
}

/** graders/<folder>.ts is missing, fails to import, or does not default-export a grader. */
export class GraderLoadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: Localized,
    options?: { cause?: unknown },
  ) {
    super(reason.en, options);
    this.name = 'GraderLoadError';
  }
}

/** Every lesson under root/lessons, in number order. */
export function listLessons(root: string): Lesson[] {
  const base = resolve(root);
  return listLessonFolders(base).map(({ folder, number, slug }) => {
    const dir = join(base, 'lessons', folder);
    const graderFile = join(base, 'graders', `${folder}.ts`);
    return {
      id: `lesson-${number}`,
      folder,
      number,
      slug,
      dir,
      graderFile,
      graded: existsSync(join(dir, 'exercise.yaml')) && existsSync(graderFile),
    };
  });
}

/**
 * Finds a lesson by what a student typed: "lesson-3", "lesson3", "3", "03", "03-nfs" or "nfs"
 * (case-insensitive, surrounding spaces ignored). Throws UnknownLessonError otherwise.
 */
export function resolveLesson(root: string, input: string): Lesson {
  const lessons = listLessons(root);
  const key = input.trim().toLowerCase();
  const num = /^(?:lesson-?)?0*(\d+)$/.exec(key);
  const found = num
    ? lessons.find((l) => l.number === Number(num[1]))
    : lessons.find((l) => l.folder === key || l.slug === key);
  if (found) return found;
  const list = lessons.map((l) => `${l.id} (${l.folder})`).join(', ');
  throw new UnknownLessonError(
    input,
    lessons.length === 0
      ? { en: `Unknown lesson "${input}": there are no lessons in ${join(root, 'lessons')}.`, 'zh-cn': `未知的课程“${input}”：${join(root, 'lessons')} 中没有任何课程。` }
      : {
          en: `Unknown lesson "${input}". The lessons are: ${list}. Name one as lesson-3, 3, 03-nfs or nfs.`,
          'zh-cn': `未知的课程“${input}”。现有课程：${list}。可以写成 lesson-3、3、03-nfs 或 nfs。`,
        },
  );
}

function asLesson(root: string, lesson: Lesson | string): Lesson {
  return typeof lesson === 'string' ? resolveLesson(root, lesson) : lesson;
}

/** Imports graders/<folder>.ts and returns its default export; throws GraderLoadError if unusable. */
export async function loadGrader(root: string, lesson: Lesson | string): Promise<Grader> {
  const l = asLesson(root, lesson);
  const file = l.graderFile;
  if (!existsSync(file)) {
    throw new GraderLoadError(file, {
      en: `${l.id} has no grader yet: ${file} is missing.`,
      'zh-cn': `${l.id} 还没有评分程序：缺少 ${file}。`,
    });
  }
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    throw new GraderLoadError(file, { en: `The grader ${file} failed to load: ${text}`, 'zh-cn': `评分程序 ${file} 加载失败：${text}` }, { cause: err });
  }
  const grader = mod.default as Partial<Grader> | undefined;
  if (!grader || typeof grader !== 'object' || !Array.isArray(grader.steps) || !Array.isArray(grader.staticChecks)) {
    throw new GraderLoadError(file, {
      en: `The grader ${file} must \`export default defineGrader({...})\`.`,
      'zh-cn': `评分程序 ${file} 必须 \`export default defineGrader({...})\`。`,
    });
  }
  if (grader.lesson !== l.folder) {
    throw new GraderLoadError(file, {
      en: `The grader ${file} says lesson "${grader.lesson}"; it must say lesson: "${l.folder}".`,
      'zh-cn': `评分程序 ${file} 写的是 lesson “${grader.lesson}”；应当写 lesson: "${l.folder}"。`,
    });
  }
  return grader as Grader;
}

/** Loads and checks lessons/<folder>/exercise.yaml (throws ExerciseFileError). */
export function loadExercise(root: string, lesson: Lesson | string): Exercise {
  return loadExerciseFile(asLesson(root, lesson).dir, resolve(root));
}
