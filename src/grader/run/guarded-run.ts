/**
 * Runs one piece of grader code (a step, or grader.setup) with a StepTimer: the code gets a
 * context, and the runner gets an outcome as soon as the code finishes, the deadline passes or
 * Ctrl-C arrives, even if the code itself hangs in a call that ignores its signal.
 */
import type { Localized } from '../../i18n/lang.ts';
import type { Cluster } from '../cluster/cluster.ts';
import type { StepContext, Submission } from '../define.ts';
import type { RunEvents, StepTiming } from '../report/model.ts';
import { makeStepContext } from './context.ts';
import { Interrupted, StepTimer, whenAborted } from './step-timer.ts';

export interface GuardedEnv {
  cluster: Cluster;
  submission: Submission;
  state: Map<string, unknown>;
  token: () => string;
  /** The run's signal (Ctrl-C). */
  signal: AbortSignal;
  events?: RunEvents;
}

export type GuardedOutcome =
  | { ok: true; durationMs: number; timing: StepTiming }
  | {
      ok: false;
      /** What ended it: the thrown value, or the abort reason (StepTimeout, Interrupted). */
      error: unknown;
      /** True when Ctrl-C ended it, whatever it threw. */
      interrupted: boolean;
      /** What the last `until` probe saw. */
      lastObserved?: string;
      /** The failure of the `until` that was running when time ran out. */
      pendingFailure?: Localized;
      durationMs: number;
      timing: StepTiming;
    };

/** Runs fn(ctx) within timeoutMs of cluster-clock time; never rejects. */
export async function runGuarded(
  checkId: string,
  timeoutMs: number,
  env: GuardedEnv,
  fn: (ctx: StepContext) => Promise<void>,
): Promise<GuardedOutcome> {
  const clock = env.cluster.clock;
  const started = clock.now();
  const timer = new StepTimer(clock, timeoutMs, env.signal);
  const handle = makeStepContext({ checkId, timer, ...env });
  const running = Promise.resolve().then(() => fn(handle.ctx));
  running.catch(() => {}); // it may settle after we stopped listening
  try {
    await Promise.race([running, whenAborted(timer.signal)]);
    return { ok: true, durationMs: clock.now() - started, timing: handle.timing() };
  } catch (error) {
    const interrupted = env.signal.aborted || error instanceof Interrupted;
    return {
      ok: false,
      error,
      interrupted,
      lastObserved: handle.lastObserved(),
      pendingFailure: handle.pendingFailure(),
      durationMs: clock.now() - started,
      timing: handle.timing(),
    };
  } finally {
    handle.end();
    timer.dispose();
  }
}
