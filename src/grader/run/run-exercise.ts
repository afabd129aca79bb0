/**
 * runExercise: grades one submission with one grader and always returns a result.
 * load -> safety -> static checks -> [cluster: prepare -> fixtures -> setup -> steps -> cleanup].
 * The cluster factory is called only when everything before it passed. A submission refused as
 * unsafe still gets its static checks (they need no cluster), so the student sees both.
 */
import type { Localized } from '../../i18n/lang.ts';
import type { Submission } from '../define.ts';
import type { ExerciseError, ExerciseResult } from '../report/model.ts';
import { MSG } from './messages.ts';
import { runOnCluster } from './on-cluster.ts';
import type { RunOptions } from './options.ts';
import { totalScore } from './results.ts';
import { safeEvents, Sheet } from './sheet.ts';
import { runStaticCheck } from './static.ts';
import { vetSubmission } from './vet.ts';

/** Grades one exercise; never rejects for student, cluster or grader-step errors. */
export async function runExercise(opts: RunOptions): Promise<ExerciseResult> {
  const now = opts.now ?? Date.now;
  const started = now();
  const ev = safeEvents(opts.events);
  ev.exerciseStart({ id: opts.id, title: opts.title });
  const sheet = new Sheet(opts.grader, ev);
  const notes: Localized[] = [];
  let error: ExerciseError | undefined;

  ev.phase('load');
  const vetted = await vetSubmission(opts);
  const staticChecks = (submission: Submission) => {
    ev.phase('static');
    for (const check of opts.grader.staticChecks) {
      ev.checkStart({ id: check.id, title: check.title });
      sheet.add(runStaticCheck(check, submission, now));
    }
  };
  if (!vetted.ok) {
    error = vetted.error;
    if (vetted.refused && !opts.signal.aborted) staticChecks(vetted.refused);
    sheet.skipRest(vetted.reason);
  } else {
    notes.push(...vetted.notes);
    if (!opts.signal.aborted) staticChecks(vetted.submission);
    if (opts.signal.aborted) {
      error = { kind: 'interrupted' };
      sheet.skipRest(MSG.skipInterrupted);
    } else if (sheet.staticFailed()) {
      sheet.skipRest(MSG.skipStatic);
    } else {
      error = await runOnCluster(opts, vetted.submission, sheet, ev, notes);
    }
  }

  const checks = sheet.checks();
  const result: ExerciseResult = {
    id: opts.id,
    lesson: opts.lesson,
    title: opts.title,
    submissionDir: opts.submissionDir,
    maxScore: checks.reduce((sum, c) => sum + c.points, 0),
    score: totalScore(checks),
    checks,
    ...(error ? { error } : {}),
    notes,
    startedAt: new Date(started).toISOString(),
    durationMs: now() - started,
  };
  ev.exerciseEnd(result);
  return result;
}
