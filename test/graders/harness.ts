/**
 * Grades a folder the way `npm run grade -- <lesson> --cluster model --dir <folder>` does: the
 * real lesson registry, grader, exercise file, submission loader and runner, on the model back end.
 */
import { resolve } from 'node:path';
import type { Cluster } from '../../src/grader/cluster/cluster.ts';
import { listLessons, loadExercise, loadGrader, type Lesson } from '../../src/grader/lessons.ts';
import type { CheckResult, ExerciseResult } from '../../src/grader/report/model.ts';
import { runExercise } from '../../src/grader/run/index.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

/** The six course lessons (folders with an exercise and a grader). */
export function courseLessons(): Lesson[] {
  return listLessons(ROOT).filter((l) => l.graded);
}

let seed = 0;

async function modelFactory(): Promise<(opts?: { runId?: string; seed?: number }) => Cluster> {
  const mod = await import('../../src/grader/cluster/model/model-cluster.ts');
  return mod.createModelCluster;
}

/** Grades dir with the lesson's real grader, exercise file, loader and runner on the cluster `cluster()` makes. */
export async function gradeOn(lesson: Lesson, dir: string, cluster: () => Cluster, random?: () => string): Promise<ExerciseResult> {
  const grader = await loadGrader(ROOT, lesson);
  const exercise = loadExercise(ROOT, lesson);
  return runExercise({ id: lesson.id, lesson: lesson.folder, title: exercise.title, grader, submissionDir: dir, cluster, signal: new AbortController().signal, random });
}

/** Grades dir with the lesson's grader on a fresh model cluster. */
export async function gradeOnModel(
  lesson: Lesson,
  dir: string,
  opts: { random?: () => string; wrap?: (cluster: Cluster) => Cluster } = {},
): Promise<ExerciseResult> {
  const create = await modelFactory();
  const runSeed = ++seed;
  const cluster = () => {
    const made = create({ runId: `grader-test-${lesson.number}-${runSeed}`, seed: runSeed });
    return opts.wrap ? opts.wrap(made) : made;
  };
  return gradeOn(lesson, dir, cluster, opts.random);
}

/** One line per check, for assertion messages: "id status: message". */
export function summary(result: ExerciseResult): string {
  const lines = result.checks.map((c: CheckResult) => `  ${c.id} ${c.status}${c.message ? `: ${c.message.en}` : ''}${c.observed ? ` [${c.observed}]` : ''}`);
  const error = result.error ? `  error: ${JSON.stringify(result.error)}\n` : '';
  return `${result.id} ${result.score}/${result.maxScore}\n${error}${lines.join('\n')}`;
}

/** Ids of the failed checks. */
export function failedIds(result: ExerciseResult): string[] {
  return result.checks.filter((c) => c.status === 'failed').map((c) => c.id);
}
