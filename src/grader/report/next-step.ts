/**
 * The one "what to do now" line the terminal prints under each exercise: which file to edit,
 * which command creates the missing folder, how to get a cluster, or which lesson comes next.
 */
import { fill, type Lang } from '../../i18n/lang.ts';
import { displayFile } from './format.ts';
import { msg } from './messages.ts';
import { exerciseStatus, type ExerciseResult, type RunResult } from './model.ts';

/** Problem code of a submission folder that does not exist (the CLI reports it; no files to read). */
export const MISSING_SUBMISSION = 'submission.missing';

/**
 * The next step for one exercise. `next` is the following lesson id ("lesson-4"), null after the
 * last lesson, undefined when unknown.
 */
export function nextStep(ex: ExerciseResult, run: RunResult, lang: Lang, cwd: string, next?: string | null): string {
  const id = ex.id;
  const dir = displayFile(ex.submissionDir, ex.submissionDir, cwd);
  const err = ex.error;
  if (err?.kind === 'interrupted') return fill(msg.nextInterrupted, { id })[lang];
  if (err?.kind === 'cluster') {
    // The hint itself is printed with the reason just above; the next step only says what to run.
    return fill(err.hint ? msg.nextCluster : msg.nextClusterDefault, { id })[lang];
  }
  if (err?.kind === 'submission') {
    if (err.problems.some((p) => p.code === MISSING_SUBMISSION)) return fill(msg.nextCreate, { id })[lang];
    return fill(msg.nextFixSubmission, { id, dir })[lang];
  }
  if (exerciseStatus(ex) === 'pass') {
    if (run.cluster?.isModel) return fill(msg.nextPassedModel, { id })[lang];
    if (next === undefined) return msg.allPassed[lang];
    return next === null ? msg.nextPassedLast[lang] : fill(msg.nextPassed, { next })[lang];
  }
  const first = ex.checks.find((c) => c.status === 'failed');
  if (first?.at) {
    return fill(msg.nextEditFile, { id, file: displayFile(first.at.file, ex.submissionDir, cwd), line: first.at.line })[lang];
  }
  return fill(msg.nextFixStep, { id, dir })[lang];
}
