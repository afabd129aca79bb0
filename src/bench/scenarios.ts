/**
 * All six scenarios on the model: each lesson's reference answer graded by the real runner
 * (runExercise: load, safety, static checks, then every step on a fresh model cluster). The
 * figure is the wall time of one pass over all lessons; scores are kept to show the answers
 * really passed (a fast failure would otherwise look like a good figure).
 */
import { join } from 'node:path';
import { createModelCluster } from '../grader/cluster/model/model-cluster.ts';
import { loadExercise, loadGrader } from '../grader/lessons.ts';
import { runExercise } from '../grader/run/index.ts';
import { gradedLessons } from './static-phase.ts';
import { since } from './stats.ts';

export interface ScenarioTiming {
  lesson: string;
  ms: number;
  score: number;
  maxScore: number;
}

export interface ScenarioPass {
  totalMs: number;
  lessons: ScenarioTiming[];
}

/** Grades every graded lesson's solution/ once on the model; returns the pass's timings. */
export async function scenarioPass(root: string): Promise<ScenarioPass> {
  const lessons: ScenarioTiming[] = [];
  const start = performance.now();
  for (const lesson of gradedLessons(root)) {
    const t0 = performance.now();
    const grader = await loadGrader(root, lesson);
    const exercise = loadExercise(root, lesson);
    const result = await runExercise({
      id: lesson.id,
      lesson: lesson.folder,
      title: exercise.title,
      grader,
      submissionDir: join(lesson.dir, 'solution'),
      cluster: () => createModelCluster({ runId: `bench-${lesson.number}` }),
      signal: new AbortController().signal,
    });
    lessons.push({ lesson: lesson.id, ms: since(t0), score: result.score, maxScore: result.maxScore });
  }
  return { totalMs: since(start), lessons };
}
