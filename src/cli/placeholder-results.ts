/**
 * Results for exercises the runner never ran: the submission folder is missing, or Ctrl-C came
 * before their turn in --all. Every check is listed as skipped so reports still show what the
 * exercise is worth and Classroom's max_score stays right.
 */
import { fill, type Localized } from '../i18n/lang.ts';
import type { Grader } from '../grader/define.ts';
import type { CheckResult, ExerciseError, ExerciseResult } from '../grader/report/model.ts';
import { MISSING_SUBMISSION } from '../grader/report/next-step.ts';
import { msg } from '../grader/report/messages.ts';
import type { LessonInfo } from './deps.ts';
import { classMsg } from '../grader/class/messages.ts';
import { cliMsg } from './messages.ts';

const classCrashed = classMsg.crashed;

function skippedChecks(grader: Grader, reason: Localized): CheckResult[] {
  const skip = (c: Grader['staticChecks'][number] | Grader['steps'][number], kind: 'static' | 'step'): CheckResult => ({
    id: c.id,
    kind,
    title: c.title,
    points: c.points,
    score: 0,
    status: 'skipped',
    message: reason,
    diagnostics: [],
    durationMs: 0,
  });
  return [...grader.staticChecks.map((c) => skip(c, 'static')), ...grader.steps.map((s) => skip(s, 'step'))];
}

function result(lesson: LessonInfo, grader: Grader, submissionDir: string, error: ExerciseError, reason: Localized, now: Date): ExerciseResult {
  const checks = skippedChecks(grader, reason);
  return {
    id: lesson.id,
    lesson: lesson.folder,
    title: lesson.title,
    submissionDir,
    maxScore: checks.reduce((s, c) => s + c.points, 0),
    score: 0,
    checks,
    error,
    notes: [],
    startedAt: now.toISOString(),
    durationMs: 0,
  };
}

/** The result for a submission folder that does not exist; its message names `npm run exercise`. */
export function missingSubmissionResult(lesson: LessonInfo, grader: Grader, submissionDir: string, shownDir: string, now = new Date()): ExerciseResult {
  const message = fill(cliMsg.missingFolder, { dir: shownDir, id: lesson.id });
  const error: ExerciseError = { kind: 'submission', problems: [{ code: MISSING_SUBMISSION, message }] };
  return result(lesson, grader, submissionDir, error, msg.skippedUnreadable, now);
}

/** The result for an exercise Ctrl-C stopped before it started. */
export function interruptedResult(lesson: LessonInfo, grader: Grader, submissionDir: string, now = new Date()): ExerciseResult {
  return result(lesson, grader, submissionDir, { kind: 'interrupted' }, msg.interrupted, now);
}

/**
 * The result for a run that threw instead of returning (a bug in the grader or the runner, which
 * promises never to reject): a cluster-kind error naming the reason, so the class run counts the
 * student as "could not be graded" and exits 3, and never blames the student.
 */
export function crashedResult(lesson: LessonInfo, grader: Grader, submissionDir: string, reason: string, now = new Date()): ExerciseResult {
  const message = fill(classCrashed, { reason });
  return result(lesson, grader, submissionDir, { kind: 'cluster', message }, message, now);
}
