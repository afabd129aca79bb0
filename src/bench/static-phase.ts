/**
 * The static phase of each lesson, in-process: read and validate the reference answer, apply the
 * safety rules, run the grader's static checks. This is everything `npm run grade` does before a
 * cluster is needed. The first run of the first lesson pays the module loading; the figure is the
 * median of several runs, with the first (cold) run reported beside it.
 */
import { join } from 'node:path';
import { listLessons, loadGrader, type Lesson } from '../grader/lessons.ts';
import { runStaticCheck } from '../grader/run/static.ts';
import { loadSubmission } from '../grader/submission/load.ts';
import { findUnsafe } from '../grader/submission/safety.ts';
import { median, since } from './stats.ts';

export interface StaticPhaseResult {
  lesson: string;
  medianMs: number;
  firstMs: number;
  runs: number;
  /** Static checks that passed / all static checks (the solution should pass all). */
  passed: number;
  total: number;
  /** Why the lesson could not be measured (its figures are then NaN). */
  error?: string;
}

/** One static phase of `lesson` over its solution/ folder; returns ms and how many checks passed. */
async function once(root: string, lesson: Lesson): Promise<{ ms: number; passed: number; total: number }> {
  const start = performance.now();
  const grader = await loadGrader(root, lesson);
  const loaded = await loadSubmission(join(lesson.dir, 'solution'));
  if (!loaded.ok) throw new Error(`${lesson.id}: the solution does not load: ${loaded.problems.map((p) => p.message.en).join('; ')}`);
  const unsafe = findUnsafe(loaded.submission, { lesson: lesson.id, hostPaths: grader.hostPaths ?? [] });
  if (unsafe.length > 0) throw new Error(`${lesson.id}: the solution is refused: ${unsafe[0]!.message.en}`);
  const results = grader.staticChecks.map((c) => runStaticCheck(c, loaded.submission, Date.now));
  return { ms: since(start), passed: results.filter((r) => r.status === 'passed').length, total: results.length };
}

/** The graded lessons of the course at root, in order. */
export function gradedLessons(root: string): Lesson[] {
  return listLessons(root).filter((l) => l.graded);
}

/** Measures every graded lesson `runs` times (one lesson after the other). */
export async function measureStaticPhase(root: string, runs = 7): Promise<StaticPhaseResult[]> {
  const out: StaticPhaseResult[] = [];
  for (const lesson of gradedLessons(root)) {
    const times: number[] = [];
    let last = { passed: 0, total: 0 };
    try {
      for (let i = 0; i < runs; i++) {
        const r = await once(root, lesson);
        times.push(r.ms);
        last = r;
      }
    } catch (err) {
      out.push({ lesson: lesson.id, medianMs: Number.NaN, firstMs: Number.NaN, runs: 0, passed: 0, total: 0, error: err instanceof Error ? err.message : String(err) });
      continue;
    }
    out.push({ lesson: lesson.id, medianMs: median(times), firstMs: times[0]!, runs, passed: last.passed, total: last.total });
  }
  return out;
}
