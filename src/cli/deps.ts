/**
 * Everything the commands reach outside the CLI (lesson registry, graders, runner, cluster
 * selection, process signals), as one object so tests inject fakes. The defaults import the real
 * modules on first use, so `--help` and usage errors load no grader or back-end code, and a
 * submission refused before the cluster step loads no back-end code either (lazy-cluster.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Localized } from '../i18n/lang.ts';
import type { ClusterSelection, SelectOptions } from '../grader/cluster/select.ts';
import type { Grader } from '../grader/define.ts';
import type { ExerciseResult } from '../grader/report/model.ts';
import type { RunOptions } from '../grader/run/options.ts';
import { UsageError } from './usage-error.ts';

/** A lesson as the CLI needs it. */
export interface LessonInfo {
  /** "lesson-3" */
  id: string;
  /** "03-nfs" */
  folder: string;
  number: number;
  /** The exercise title (exercise.yaml), or the folder name when there is no exercise yet. */
  title: Localized;
  /** Absolute path of lessons/<folder>. */
  dir: string;
  /** True when the lesson has an exercise and a grader. */
  graded: boolean;
}

export interface CliDeps {
  /** The course root (lessons/ and graders/ live here). */
  root: string;
  /** Every lesson, in order. */
  listLessons(): Promise<LessonInfo[]>;
  /** The lesson a student named (lesson-3, 3, 03-nfs, nfs); throws UsageError when none matches. */
  resolveLesson(input: string): Promise<LessonInfo>;
  /** The lesson's grader; throws (with a Localized `reason`) when it cannot be loaded. */
  loadGrader(lesson: LessonInfo): Promise<Grader>;
  /** Grades one exercise (src/grader/run); never rejects for student or cluster errors. */
  runExercise(opts: RunOptions): Promise<ExerciseResult>;
  /** Chooses the back end (src/grader/cluster/select.ts). */
  selectCluster(opts: SelectOptions): Promise<ClusterSelection>;
  /** Deletes the course kind cluster. */
  deleteCourseCluster(opts: { trace?: (line: string) => void }): Promise<void>;
  /** Calls handler on every Ctrl-C (SIGINT) and SIGTERM until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
  /** Leaves the process at once (second Ctrl-C). */
  exitNow(code: number): void;
  /** A fresh id for one exercise run (namespaces and labels carry it). */
  runId(lessonId: string): string;
}

/** The repository this file lives in: src/cli/ -> ../../ */
export const COURSE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The localized reason an error carries (GraderLoadError.reason, ExerciseFileError.localized), if any. */
export function localizedReason(err: unknown): Localized | undefined {
  const e = err as { reason?: Localized; localized?: Localized };
  return e?.localized ?? e?.reason;
}

/** The real dependencies. */
export function defaultDeps(root: string = COURSE_ROOT): CliDeps {
  const registry = () => import('../grader/lessons.ts');
  const toInfo = async (l: import('../grader/lessons.ts').Lesson): Promise<LessonInfo> => {
    let title: Localized = { en: l.folder, 'zh-cn': l.folder };
    if (existsSync(`${l.dir}/exercise.yaml`)) {
      try {
        title = (await registry()).loadExercise(root, l).title;
      } catch {
        // a broken exercise.yaml is reported when the lesson is graded; the list still shows it
      }
    }
    return { id: l.id, folder: l.folder, number: l.number, title, dir: l.dir, graded: l.graded };
  };
  return {
    root,
    async listLessons() {
      const lessons = (await registry()).listLessons(root);
      return Promise.all(lessons.map(toInfo));
    },
    async resolveLesson(input) {
      const reg = await registry();
      try {
        return await toInfo(reg.resolveLesson(root, input));
      } catch (err) {
        if (err instanceof reg.UnknownLessonError) throw new UsageError(err.reason);
        throw err;
      }
    },
    async loadGrader(lesson) {
      const reg = await registry();
      reg.loadExercise(root, lesson.folder);
      return reg.loadGrader(root, lesson.folder);
    },
    runExercise: async (opts) => (await import('../grader/run/index.ts')).runExercise(opts),
    // A back end's code is imported when the runner first needs a cluster, not when one is
    // chosen: a submission that fails before the cluster step never loads the model. (Choosing
    // kind or auto still loads kind's module, for its tooling check.)
    selectCluster: async (opts) => {
      if (opts.mode !== 'model' && opts.mode !== 'current') (await import('../grader/cluster/kind/course-env.ts')).adoptCourseCluster();
      const [select, lazy] = await Promise.all([import('../grader/cluster/select.ts'), import('./lazy-cluster.ts')]);
      return select.selectCluster(opts, lazy.deferredLoaders(select.defaultLoaders));
    },
    deleteCourseCluster: async (opts) => {
      (await import('../grader/cluster/kind/course-env.ts')).adoptCourseCluster();
      return (await import('../grader/cluster/kind/kind-cluster.ts')).deleteCourseCluster(opts);
    },
    // SIGTERM (a cancelled CI job, `timeout`) cleans up exactly as Ctrl-C does.
    onInterrupt(handler) {
      const listener = () => handler();
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
    exitNow: (code) => process.exit(code),
    runId: (lessonId) => `${lessonId}-${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 6)}`,
  };
}
