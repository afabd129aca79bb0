/**
 * Before anything else: read the submission and refuse unsafe specs. Either gives the submission
 * to grade, or the exercise error and the reason the cluster checks are skipped; a refused (but
 * readable and valid) submission comes back too, so its static checks can still be reported.
 */
import { fill, type Localized } from '../../i18n/lang.ts';
import type { Submission } from '../define.ts';
import type { ExerciseError } from '../report/model.ts';
import { submissionVerdict } from '../report/problem-kind.ts';
import { errorText } from './errors.ts';
import { MSG } from './messages.ts';
import type { RunOptions, SubmissionLoader, UnsafeFinder } from './options.ts';

export type Vetted =
  | { ok: true; submission: Submission; notes: Localized[] }
  | { ok: false; error: ExerciseError; reason: Localized; refused?: Submission };

async function defaultLoader(): Promise<SubmissionLoader> {
  const mod = await import('../submission/load.ts');
  return mod.loadSubmission as SubmissionLoader;
}

async function defaultFinder(): Promise<UnsafeFinder> {
  const mod = await import('../submission/safety.ts');
  return mod.findUnsafe as UnsafeFinder;
}

/** Loads the submission folder and applies the safety policy; never rejects for student errors. */
export async function vetSubmission(opts: RunOptions): Promise<Vetted> {
  const load = opts.loader ?? (await defaultLoader());
  let loaded;
  try {
    loaded = await load(opts.submissionDir);
  } catch (err) {
    const message = fill(MSG.unreadable, { dir: opts.submissionDir, error: errorText(err) });
    return { ok: false, error: { kind: 'submission', problems: [{ code: 'submission.unreadable', message }] }, reason: MSG.skipUnreadable };
  }
  if (!loaded.ok) {
    const reason = submissionVerdict(loaded.problems) === 'invalid' ? MSG.skipInvalid : MSG.skipUnreadable;
    return { ok: false, error: { kind: 'submission', problems: loaded.problems }, reason };
  }
  const findUnsafe = opts.findUnsafe ?? (await defaultFinder());
  const refused = findUnsafe(loaded.submission, { lesson: opts.id, hostPaths: opts.grader.hostPaths ?? [] });
  if (refused.length > 0) {
    return { ok: false, error: { kind: 'submission', problems: refused }, reason: MSG.skipUnsafe, refused: loaded.submission };
  }
  return { ok: true, submission: loaded.submission, notes: loaded.notes };
}
