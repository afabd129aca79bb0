/**
 * The run flattened into one entry per check, in the order the grader defines them. results.json,
 * the Classroom result, JUnit and the step summary are all built from these entries, so their
 * counts and scores agree by construction.
 *
 * Status mapping (Exercism / Classroom vocabulary): passed -> pass, failed -> fail,
 * skipped -> error (the check could not run: an earlier step failed, the cluster never came up,
 * the submission was unreadable, invalid or refused, or Ctrl-C). JUnit renders the same three as
 * pass, <failure>, <skipped>.
 */
import { fill, type Lang, type Localized } from '../../i18n/lang.ts';
import type { CheckResult, ExerciseResult, RunResult } from './model.ts';
import { exerciseStatus } from './model.ts';
import { exerciseNumber, formatPos, displayFile, truncate } from './format.ts';
import { msg } from './messages.ts';
import { submissionVerdict, type SubmissionVerdict } from './problem-kind.ts';

export type TestStatus = 'pass' | 'fail' | 'error';

/** Exercism limits a test's output to 500 characters. */
export const OUTPUT_LIMIT = 500;

export interface TestEntry {
  exercise: ExerciseResult;
  check: CheckResult;
  /** Exercise number: lesson-3 -> 3. */
  taskId: number;
  /** The check's title in the run's language, prefixed with the exercise id when the run has several. */
  name: string;
  status: TestStatus;
  /** Why it failed or did not run, with hint and position (absent when passed). */
  message?: string;
  /** What the grader observed, then diagnostics, at most OUTPUT_LIMIT characters. */
  output?: string;
  /** Stable id of the check, "lesson-3/spread". */
  testCode: string;
  score: number;
  points: number;
  /** Submission file the check points at, relative to cwd. */
  file?: string;
  line?: number;
  col?: number;
  durationMs: number;
}

/** Maps a check status to the Exercism/Classroom status. */
export function testStatus(check: CheckResult): TestStatus {
  return check.status === 'passed' ? 'pass' : check.status === 'failed' ? 'fail' : 'error';
}

/** The lines that explain a failed or skipped check: message, hint, position, observed text. */
export function checkDetail(check: CheckResult, ex: ExerciseResult, lang: Lang, cwd: string): string[] {
  const lines: string[] = [];
  if (check.status === 'passed') return lines;
  lines.push(check.message?.[lang] ?? skipReason(ex, lang));
  if (check.hint && check.status === 'failed') lines.push(`${msg.hint[lang]}${check.hint[lang]}`);
  if (check.at) lines.push(`${msg.where[lang]}${formatPos(check.at, ex.submissionDir, cwd)}`);
  if (check.observed) lines.push(`${msg.observed[lang]}${check.observed}`);
  return lines;
}

/** Why an exercise could not be (fully) graded, or undefined when it was. */
export function exerciseMessage(ex: ExerciseResult, lang: Lang, cwd: string): string | undefined {
  const err = ex.error;
  if (!err) return undefined;
  if (err.kind === 'interrupted') return msg.interrupted[lang];
  if (err.kind === 'cluster') {
    const head = fill(msg.clusterError, { reason: err.message[lang] })[lang];
    return err.hint ? `${head}\n${msg.hint[lang]}${err.hint[lang]}` : head;
  }
  const dir = displayFile(ex.submissionDir, ex.submissionDir, cwd);
  const lines = [fill(PROBLEMS_HEADING[submissionVerdict(err.problems)], { dir })[lang]];
  for (const p of err.problems) {
    const where = p.at ? `${formatPos(p.at, ex.submissionDir, cwd)}: ` : '';
    lines.push(`- ${where}${p.message[lang]}${fill(msg.problemCode, { code: p.code })[lang]}`);
  }
  return lines.join('\n');
}

const PROBLEMS_HEADING: Record<SubmissionVerdict, Localized> = {
  unreadable: msg.submissionUnreadable,
  partlyUnreadable: msg.submissionPartlyUnreadable,
  invalid: msg.submissionInvalid,
  unsafe: msg.submissionUnsafe,
};

const SKIPPED: Record<SubmissionVerdict, Localized> = {
  unreadable: msg.skippedUnreadable,
  partlyUnreadable: msg.skippedUnreadable,
  invalid: msg.skippedInvalid,
  unsafe: msg.skippedUnsafe,
};

function skipReason(ex: ExerciseResult, lang: Lang): string {
  if (ex.error?.kind === 'cluster') return fill(msg.clusterError, { reason: ex.error.message[lang] })[lang];
  if (ex.error?.kind === 'interrupted') return msg.interrupted[lang];
  if (ex.error?.kind === 'submission') return SKIPPED[submissionVerdict(ex.error.problems)][lang];
  return msg.skippedNoReason[lang];
}

function output(check: CheckResult): string | undefined {
  const parts: string[] = [];
  if (check.observed) parts.push(check.observed);
  for (const d of check.diagnostics) parts.push(`--- ${d.title}\n${d.text}`);
  return parts.length ? truncate(parts.join('\n'), OUTPUT_LIMIT) : undefined;
}

/** One entry per check of every exercise, in order. */
export function testEntries(run: RunResult, lang: Lang, cwd: string): TestEntry[] {
  const multi = run.exercises.length > 1;
  return run.exercises.flatMap((ex) =>
    ex.checks.map((check): TestEntry => {
      const detail = checkDetail(check, ex, lang, cwd);
      return {
        exercise: ex,
        check,
        taskId: exerciseNumber(ex.id),
        name: multi ? `${ex.id}: ${check.title[lang]}` : check.title[lang],
        status: testStatus(check),
        message: detail.length ? detail.join('\n') : undefined,
        output: output(check),
        testCode: `${ex.id}/${check.id}`,
        score: check.score,
        points: check.points,
        file: check.at ? displayFile(check.at.file, ex.submissionDir, cwd) : undefined,
        line: check.at?.line,
        col: check.at?.col,
        durationMs: check.durationMs,
      };
    }),
  );
}

/** Overall status of a run in Exercism terms: error only when every exercise is error. */
export function runStatus(run: RunResult): TestStatus {
  const statuses = run.exercises.map(exerciseStatus);
  if (statuses.length === 0) return 'error';
  if (statuses.every((s) => s === 'error')) return 'error';
  return statuses.every((s) => s === 'pass') ? 'pass' : 'fail';
}

/** Sum of scores and of maximum scores over the run's exercises. */
export function runScore(run: RunResult): { score: number; max: number } {
  return run.exercises.reduce((t, e) => ({ score: t.score + e.score, max: t.max + e.maxScore }), { score: 0, max: 0 });
}
