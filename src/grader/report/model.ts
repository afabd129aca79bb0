/**
 * The one result model every report (terminal, results.json, JUnit, GitHub summary) is rendered
 * from. The runner fills it; formatters only read it. Status of an exercise is computed from its
 * checks (exerciseStatus), never stored twice.
 */
import type { Localized } from '../../i18n/lang.ts';
import type { ClusterInfo, Diagnostic, SourcePos } from '../cluster/cluster.ts';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** One check: a static check or a scenario step. */
export interface CheckResult {
  id: string;
  kind: 'static' | 'step';
  title: Localized;
  points: number;
  /** Points earned: `points` when passed, 0 otherwise. */
  score: number;
  status: CheckStatus;
  /** Why it failed or was skipped (absent when passed). */
  message?: Localized;
  /** What to change (present when failed). */
  hint?: Localized;
  /** Where in the submission the problem is (static checks). */
  at?: SourcePos;
  /** What the grader observed (pod status, file content), plain text. */
  observed?: string;
  diagnostics: Diagnostic[];
  durationMs: number;
  /** Where a scenario step's time went (run/step-time.ts); absent for static checks. */
  timing?: StepTiming;
}

/** A step's time by what it was spent on; the rest of durationMs is the grader's own work. */
export interface StepTiming {
  /** The step's own calls to the cluster, outside any wait. */
  kubectlMs: number;
  /** Polling the cluster until a condition held (`until`), its probes included. */
  waitingMs: number;
  /** Fixed pauses, outside any wait. */
  sleepingMs: number;
}

/** A problem that stopped grading before checks could run (unreadable YAML, unknown field, ...). */
export interface Problem {
  /** Stable machine code, e.g. "yaml.syntax", "schema.unknownField", "limits.fileSize". */
  code: string;
  message: Localized;
  at?: SourcePos;
}

/** Why an exercise could not be fully graded, beyond failed checks. */
export type ExerciseError =
  | { kind: 'submission'; problems: Problem[] } // exit 2
  | { kind: 'cluster'; message: Localized; hint?: Localized } // exit 3
  | { kind: 'interrupted' }; // exit 130

export interface ExerciseResult {
  /** "lesson-1" */
  id: string;
  /** "01-emptydir" */
  lesson: string;
  title: Localized;
  submissionDir: string;
  maxScore: number;
  score: number;
  checks: CheckResult[];
  error?: ExerciseError;
  /** Notes shown once (e.g. "the namespace field in pod.yaml was ignored"). */
  notes: Localized[];
  startedAt: string;
  durationMs: number;
}

export interface RunResult {
  /** Back end that produced the verdict; reports must say when it was the model. */
  cluster?: ClusterInfo;
  exercises: ExerciseResult[];
  startedAt: string;
  durationMs: number;
}

/** pass: every check passed; error: nothing could be checked; fail: otherwise. */
export function exerciseStatus(ex: ExerciseResult): 'pass' | 'fail' | 'error' {
  if (ex.error && ex.checks.every((c) => c.status === 'skipped')) return 'error';
  if (ex.error) return 'fail';
  return ex.checks.length > 0 && ex.checks.every((c) => c.status === 'passed') ? 'pass' : 'fail';
}

/** Exit code of a whole run: 130 interrupted, 2 bad submission, 3 cluster, 1 failed check, 0 all passed. */
export function runExitCode(run: RunResult): 0 | 1 | 2 | 3 | 130 {
  const errors = run.exercises.map((e) => e.error?.kind);
  if (errors.includes('interrupted')) return 130;
  if (errors.includes('submission')) return 2;
  if (errors.includes('cluster')) return 3;
  return run.exercises.every((e) => exerciseStatus(e) === 'pass') ? 0 : 1;
}

/** Live progress events from the runner, for the terminal reporter. */
export interface RunEvents {
  exerciseStart?(ex: { id: string; title: Localized }): void;
  /** A phase began: loading, validating, static, cluster, fixtures, setup, steps, cleanup. */
  phase?(phase: 'load' | 'static' | 'cluster' | 'fixtures' | 'setup' | 'steps' | 'cleanup'): void;
  checkStart?(check: { id: string; title: Localized }): void;
  checkProgress?(check: { id: string }, what: Localized): void;
  checkEnd?(result: CheckResult): void;
  exerciseEnd?(result: ExerciseResult): void;
}
