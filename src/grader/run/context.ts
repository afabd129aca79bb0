/**
 * Builds the StepContext a step (or grader.setup) runs with: the guarded cluster, shared state,
 * tokens, and `until`, which polls on the cluster clock and, when time runs out, fails with the
 * grader's message plus the last thing it observed (never a bare "timed out"). It also keeps the
 * step's time book (step-time.ts): cluster calls, waits and sleeps.
 */
import { fill, type Localized } from '../../i18n/lang.ts';
import { ClusterUnavailableError, type Cluster } from '../cluster/cluster.ts';
import { CheckFailure, type StepContext, type Submission } from '../define.ts';
import type { RunEvents, StepTiming } from '../report/model.ts';
import { StepTimeBook } from './step-time.ts';
import { errorText, isProgrammingError, seconds } from './errors.ts';
import { guardCluster } from './guarded-cluster.ts';
import { MSG } from './messages.ts';
import { DEFAULT_POLL_INTERVAL_MS } from './options.ts';
import type { StepTimer } from './step-timer.ts';

export interface StepRuntime {
  /** The id progress events are reported under. */
  checkId: string;
  cluster: Cluster;
  submission: Submission;
  state: Map<string, unknown>;
  token: () => string;
  timer: StepTimer;
  events?: RunEvents;
}

/** A context plus what the runner needs back from it. */
export interface StepContextHandle {
  ctx: StepContext;
  /** The last thing any `until` probe observed (for timeout messages). */
  lastObserved(): string | undefined;
  /** The failure message of the `until` running right now, if any (for timeout messages). */
  pendingFailure(): Localized | undefined;
  /** Marks the step over: its cluster handle stops working. */
  end(): void;
  /** Where the step's time went so far. */
  timing(): StepTiming;
}

/** Appends "(waited N s)" to a failure, in both languages. */
export function withWaited(failure: Localized, waitedMs: number): Localized {
  const note = fill(MSG.waited, { seconds: seconds(waitedMs) });
  return { en: failure.en + note.en, 'zh-cn': failure['zh-cn'] + note['zh-cn'] };
}

/** Creates the context for one step. */
export function makeStepContext(rt: StepRuntime): StepContextHandle {
  const { timer } = rt;
  const clock = timer.clock;
  let over = false;
  let lastObserved: string | undefined;
  let pending: Localized | undefined;
  const book = new StepTimeBook(clock);

  const pause = async (ms: number) => {
    try {
      await clock.sleep(ms, timer.signal);
    } catch (err) {
      if (timer.signal.aborted) throw timer.signal.reason;
      throw err;
    }
    if (timer.signal.aborted) throw timer.signal.reason;
  };

  /** `until` itself: polls probe on the cluster clock until it returns a value (see StepContext.until). */
  const untilHolds: StepContext['until'] = async (probe, failure, opts = {}) => {
    const interval = Math.max(1, opts.intervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    const start = clock.now();
    const deadline = Math.min(opts.timeoutMs === undefined ? Infinity : start + opts.timeoutMs, timer.deadline);
    let last: string | undefined;
    const observe = (what: string) => {
      last = what;
      lastObserved = what;
    };
    const outer = pending;
    pending = failure;
    try {
      for (;;) {
        if (timer.signal.aborted) throw timer.signal.reason;
        try {
          const value = await probe(observe);
          if (value !== undefined) return value;
        } catch (err) {
          // A failed check, a bug, or a cluster that cannot do this at all: none is fixed by retrying.
          if (err instanceof CheckFailure || err instanceof ClusterUnavailableError || isProgrammingError(err)) throw err;
          if (timer.signal.aborted) throw timer.signal.reason;
          observe(errorText(err));
        }
        const left = deadline - clock.now();
        if (left <= 0) break;
        await pause(Math.min(interval, left));
      }
      throw new CheckFailure(withWaited(failure, clock.now() - start), last);
    } finally {
      // Only restore when the step is still live: a timed-out step keeps its pending failure.
      if (!timer.signal.aborted) pending = outer;
    }
  };

  const ctx: StepContext = {
    cluster: guardCluster(rt.cluster, timer, () => over, book),
    submission: rt.submission,
    state: rt.state,
    token: rt.token,
    signal: timer.signal,
    until(probe, failure, opts = {}) {
      return book.time('waitingMs', () => untilHolds(probe, failure, opts));
    },
    fail(failure, observed) {
      throw new CheckFailure(failure, observed);
    },
    progress(what) {
      try {
        rt.events?.checkProgress?.({ id: rt.checkId }, what);
      } catch {
        // A broken progress display must not change a verdict.
      }
    },
  };
  return {
    ctx,
    lastObserved: () => lastObserved,
    pendingFailure: () => pending,
    end: () => {
      over = true;
    },
    timing: () => book.snapshot(),
  };
}
