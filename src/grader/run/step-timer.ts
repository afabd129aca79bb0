/**
 * A step's deadline and abort signal. The deadline is kept on the cluster's clock (virtual time on
 * the model, so waits there cost no real time); a real-time watchdog, a little after the deadline,
 * only catches calls that never return. Ctrl-C on the run's signal aborts the step at once.
 */
import type { Clock } from '../cluster/cluster.ts';

/** The abort reason when a step's time is up. */
export class StepTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`step timed out after ${timeoutMs} ms`);
    this.name = 'StepTimeout';
  }
}

/** The abort reason when the run was interrupted (Ctrl-C). */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/** setTimeout fires at once for delays above this, so longer watchdogs are capped (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Real-time slack after the deadline before the watchdog gives up on a call that hangs. */
function watchdogSlack(timeoutMs: number): number {
  return Math.min(2_000, Math.ceil(timeoutMs / 2));
}

export class StepTimer {
  private readonly controller = new AbortController();
  readonly deadline: number;
  private readonly watchdog: ReturnType<typeof setTimeout>;
  private readonly onParentAbort = () => this.controller.abort(new Interrupted());

  constructor(
    readonly clock: Clock,
    readonly timeoutMs: number,
    private readonly parent: AbortSignal,
  ) {
    this.deadline = clock.now() + timeoutMs;
    if (parent.aborted) this.onParentAbort();
    else parent.addEventListener('abort', this.onParentAbort, { once: true });
    // Kept referenced on purpose: while a step runs, the process must stay alive to finish it.
    this.watchdog = setTimeout(() => this.expire(), Math.min(MAX_TIMER_MS, timeoutMs + watchdogSlack(timeoutMs)));
  }

  /** Aborted with Interrupted on Ctrl-C, with StepTimeout when time is up. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Milliseconds left on the cluster clock (never negative). */
  remaining(): number {
    return Math.max(0, this.deadline - this.clock.now());
  }

  /** Ends the step as timed out (no-op if already aborted). */
  expire(): void {
    if (!this.controller.signal.aborted) this.controller.abort(new StepTimeout(this.timeoutMs));
  }

  /** Throws the abort reason if the step is over; expires it first if the deadline has passed. */
  check(): void {
    if (this.remaining() === 0) this.expire();
    if (this.signal.aborted) throw this.signal.reason;
  }

  /**
   * Sleeps on the cluster clock, never past the deadline; rejects with the step's abort reason
   * when the step ends (or with the caller's signal reason). Sleeping into the deadline expires the step.
   */
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.check();
    const span = Math.min(Math.max(0, ms), this.remaining());
    const both = signal ? AbortSignal.any([this.signal, signal]) : this.signal;
    try {
      await this.clock.sleep(span, both);
    } catch (err) {
      if (this.signal.aborted) throw this.signal.reason;
      throw err;
    }
    if (span < ms) this.expire();
    this.check();
  }

  /** A Clock for graders: now() from the cluster, sleep() bounded by this step. */
  stepClock(): Clock {
    return { now: () => this.clock.now(), sleep: (ms, signal) => this.sleep(ms, signal) };
  }

  /** Stops the watchdog and forgets the parent signal. Call once the step is over. */
  dispose(): void {
    clearTimeout(this.watchdog);
    this.parent.removeEventListener('abort', this.onParentAbort);
  }
}

/** A promise that rejects with the signal's reason when it aborts (never resolves). */
export function whenAborted(signal: AbortSignal): Promise<never> {
  const p = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  p.catch(() => {});
  return p;
}
