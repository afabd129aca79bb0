/**
 * Runs one scenario step and turns what happened into a CheckResult: passed, failed with the
 * grader's message (or a clear one for timeouts, refused objects and exec failures) plus what was
 * observed and the diagnostics, or skipped because Ctrl-C interrupted it.
 */
import { fill, type Localized } from '../../i18n/lang.ts';
import { ApplyError, ClusterUnavailableError, ExecError, type Cluster, type Diagnostic } from '../cluster/cluster.ts';
import { CheckFailure, type Step } from '../define.ts';
import type { CheckResult } from '../report/model.ts';
import { withWaited } from './context.ts';
import { errorText, seconds } from './errors.ts';
import { runGuarded, type GuardedEnv } from './guarded-run.ts';
import { MSG } from './messages.ts';
import { DEFAULT_STEP_TIMEOUT_MS, DIAGNOSTICS_TIMEOUT_MS } from './options.ts';
import { StepTimeout, whenAborted } from './step-timer.ts';

export type StepOutcome =
  | { kind: 'done'; result: CheckResult }
  | { kind: 'interrupted'; result: CheckResult }
  /** The cluster went away mid-step: the step failed and the rest cannot run. */
  | { kind: 'cluster-lost'; result: CheckResult; error: ClusterUnavailableError };

/**
 * The message and observed text for a step that threw (or timed out). A timeout in the middle of
 * an `until` reports that until's failure, not a bare "did not finish".
 */
export function describeFailure(
  err: unknown,
  lastObserved?: string,
  pendingFailure?: Localized,
): { message: Localized; observed?: string } {
  if (err instanceof CheckFailure) return { message: err.failure, observed: err.observed };
  if (err instanceof StepTimeout) {
    const message = pendingFailure ? withWaited(pendingFailure, err.timeoutMs) : fill(MSG.stepTimeout, { seconds: seconds(err.timeoutMs) });
    return { message, observed: lastObserved };
  }
  if (err instanceof ClusterUnavailableError) return { message: err.reason };
  if (err instanceof ApplyError) {
    const message = err.object ? fill(MSG.applyRefused, { object: `${err.object.kind} ${err.object.name}` }) : MSG.applyRefusedAny;
    return { message, observed: err.message };
  }
  if (err instanceof ExecError) return { message: MSG.execFailed, observed: err.message };
  const name = err instanceof Error && err.name !== 'Error' ? `${err.name}: ` : '';
  return { message: MSG.unexpected, observed: `${name}${errorText(err)}` };
}

/** Gathers diagnostics; gives up after DIAGNOSTICS_TIMEOUT_MS of real time or on Ctrl-C; never rejects. */
export async function gatherDiagnostics(
  cluster: Cluster,
  refs: { kind: string; name: string }[],
  signal?: AbortSignal,
): Promise<Diagnostic[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<Diagnostic[]>((resolve) => {
    timer = setTimeout(
      () => resolve([{ title: 'diagnostics', text: `gave up after ${DIAGNOSTICS_TIMEOUT_MS / 1000} s` }]),
      DIAGNOSTICS_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      cluster.diagnostics(refs).catch((err: unknown) => [{ title: 'diagnostics', text: `could not gather diagnostics: ${errorText(err)}` }]),
      giveUp,
      ...(signal ? [whenAborted(signal)] : []),
    ]);
  } catch (err) {
    return [{ title: 'diagnostics', text: `could not gather diagnostics: ${errorText(err)}` }];
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one step with its timeout (stepTimeoutMs overrides the step's own); never rejects. */
export async function runStep(step: Step, env: GuardedEnv & { stepTimeoutMs?: number }): Promise<StepOutcome> {
  const timeoutMs = env.stepTimeoutMs ?? step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const outcome = await runGuarded(step.id, timeoutMs, env, (ctx) => step.run(ctx));
  const base = { id: step.id, kind: 'step' as const, title: step.title, points: step.points, durationMs: outcome.durationMs, timing: outcome.timing };
  if (outcome.ok) {
    return { kind: 'done', result: { ...base, score: step.points, status: 'passed', diagnostics: [] } };
  }
  if (outcome.interrupted) {
    return { kind: 'interrupted', result: { ...base, score: 0, status: 'skipped', message: MSG.interruptedWhileRunning, diagnostics: [] } };
  }
  const { message, observed } = describeFailure(outcome.error, outcome.lastObserved, outcome.pendingFailure);
  const failed: CheckResult = { ...base, score: 0, status: 'failed', message, hint: step.hint, observed, diagnostics: [] };
  if (outcome.error instanceof ClusterUnavailableError) return { kind: 'cluster-lost', result: failed, error: outcome.error };
  return { kind: 'done', result: { ...failed, diagnostics: await gatherDiagnostics(env.cluster, step.diagnose ?? [], env.signal) } };
}
