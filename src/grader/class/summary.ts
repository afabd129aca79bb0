/**
 * One row per student of a class run, computed from that student's ExerciseResult, and the class
 * summary CSV rendered from those rows. Columns and their order are fixed (see CLASS_CSV_HEADER):
 * scripts and spreadsheets read them by position.
 */
import type { ExerciseResult } from '../report/model.ts';
import { exerciseStatus } from '../report/model.ts';
import { renderCsv } from './csv.ts';

/** pass: every check passed; fail: graded, some check failed; error: could not be graded; interrupted: Ctrl-C came before or during it. */
export type ClassStatus = 'pass' | 'fail' | 'error' | 'interrupted';

export interface StudentRow {
  /** The sub-folder name of the class folder. */
  student: string;
  score: number;
  maxScore: number;
  status: ClassStatus;
  /** Ids of the checks that failed, in the grader's order. */
  failedChecks: string[];
  durationMs: number;
}

/** A student's submission and, once graded, its result. */
export interface GradedStudent {
  student: string;
  result: ExerciseResult;
}

/** The class status of one result. */
export function classStatus(result: ExerciseResult): ClassStatus {
  if (result.error?.kind === 'interrupted') return 'interrupted';
  return exerciseStatus(result);
}

/** The row of one student. */
export function studentRow({ student, result }: GradedStudent): StudentRow {
  return {
    student,
    score: result.score,
    maxScore: result.maxScore,
    status: classStatus(result),
    failedChecks: result.checks.filter((c) => c.status === 'failed').map((c) => c.id),
    durationMs: result.durationMs,
  };
}

/** The header of class-summary.csv: English, stable order. */
export const CLASS_CSV_HEADER = ['student', 'score', 'max_score', 'status', 'failed_checks', 'seconds'] as const;

/** class-summary.csv: failed checks separated by spaces, seconds with one decimal. */
export function renderClassCsv(rows: readonly StudentRow[]): string {
  return renderCsv(
    CLASS_CSV_HEADER,
    rows.map((r) => [r.student, r.score, r.maxScore, r.status, r.failedChecks.join(' '), Math.round(r.durationMs / 100) / 10]),
  );
}

/** Counts by status, for the progress line and the summary sentence. */
export function countStatuses(rows: readonly Pick<StudentRow, 'status'>[]): Record<ClassStatus, number> {
  const counts: Record<ClassStatus, number> = { pass: 0, fail: 0, error: 0, interrupted: 0 };
  for (const r of rows) counts[r.status] += 1;
  return counts;
}
