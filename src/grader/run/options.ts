/** What runExercise takes: the exercise, its grader, the submission and the cluster factory. */
import type { Localized } from '../../i18n/lang.ts';
import type { Cluster } from '../cluster/cluster.ts';
import type { Grader, Submission } from '../define.ts';
import type { Problem, RunEvents } from '../report/model.ts';

/** Result of reading a submission folder (the shape of submission/load.ts `loadSubmission`). */
export type LoadSubmissionResult =
  | { ok: true; submission: Submission; notes: Localized[] }
  | { ok: false; problems: Problem[] };

/** Reads and validates a submission folder (default: submission/load.ts). */
export type SubmissionLoader = (dir: string) => Promise<LoadSubmissionResult>;

/** Finds unsafe specs for the lesson's policy (default: submission/safety.ts `findUnsafe`); any one refuses the run. */
export type UnsafeFinder = (sub: Submission, policy: { lesson: string; hostPaths: readonly string[] }) => Problem[];

export interface RunOptions {
  /** "lesson-1" */
  id: string;
  /** "01-emptydir" */
  lesson: string;
  title: Localized;
  grader: Grader;
  submissionDir: string;
  /** Makes the cluster. Called only once loading, safety and static checks have passed. */
  cluster: () => Cluster;
  /** Ctrl-C: the running step stops, the rest are skipped as interrupted, cleanup still runs. */
  signal: AbortSignal;
  /** Live progress for the terminal. */
  events?: RunEvents;
  /** --timeout: replaces every step's own timeout (and the set-up timeout). */
  stepTimeoutMs?: number;
  /** --keep: do not clean up the cluster (a note says so). */
  keep?: boolean;
  /** Injectable submission loader (default: the real one). */
  loader?: SubmissionLoader;
  /** Injectable unsafe-spec finder (default: the real one). */
  findUnsafe?: UnsafeFinder;
  /** Token source for ctx.token() (default: 12 random hex digits). */
  random?: () => string;
  /** Wall clock for startedAt and the durations of work before the cluster (default Date.now). */
  now?: () => number;
}

/** A step's timeout when it names none. */
export const DEFAULT_STEP_TIMEOUT_MS = 90_000;
/** The timeout of grader.setup() unless --timeout is given. */
export const DEFAULT_SETUP_TIMEOUT_MS = 180_000;
/** ctx.until's poll interval when it names none. */
export const DEFAULT_POLL_INTERVAL_MS = 1_000;
/** How long gathering diagnostics after a failure may take before it is abandoned. */
export const DIAGNOSTICS_TIMEOUT_MS = 30_000;
