/**
 * Where a step's time went, so every second of a verdict can be accounted for:
 * - kubectl: the step's own calls to the cluster (apply, exec, delete, kill, ...), outside any wait;
 * - waiting: inside `until`, polling the cluster until something holds (its probes included);
 * - sleeping: fixed pauses the grader asked for, outside any wait.
 * The rest of the step's duration is the grader's own work. Each figure is wall time on the
 * cluster clock during which at least one thing of its kind was under way, so overlapping calls of
 * one kind are not counted twice. A step that sleeps while a call of its own runs (rare) counts that
 * time under both.
 */
import type { Clock } from '../cluster/cluster.ts';
import type { StepTiming } from '../report/model.ts';

export type TimeKind = keyof StepTiming;

export class StepTimeBook {
  private readonly totals: StepTiming = { kubectlMs: 0, waitingMs: 0, sleepingMs: 0 };
  private readonly open: Record<TimeKind, { count: number; since: number }> = {
    kubectlMs: { count: 0, since: 0 },
    waitingMs: { count: 0, since: 0 },
    sleepingMs: { count: 0, since: 0 },
  };

  constructor(private readonly clock: Pick<Clock, 'now'>) {}

  /** True while an `until` is running: calls and sleeps then count as waiting, not on their own. */
  get waiting(): boolean {
    return this.open.waitingMs.count > 0;
  }

  /** Counts `kind` while work runs; kubectl and sleeping are not counted inside a wait. */
  async time<T>(kind: TimeKind, work: () => Promise<T>): Promise<T> {
    if (kind !== 'waitingMs' && this.waiting) return work();
    const slot = this.open[kind];
    if (slot.count++ === 0) slot.since = this.clock.now();
    try {
      return await work();
    } finally {
      if (--slot.count === 0) this.totals[kind] += Math.max(0, this.clock.now() - slot.since);
    }
  }

  /** The totals so far, rounded to milliseconds. */
  snapshot(): StepTiming {
    const now = this.clock.now();
    const t = { ...this.totals };
    for (const k of Object.keys(t) as TimeKind[]) {
      if (this.open[k].count > 0) t[k] += Math.max(0, now - this.open[k].since);
      t[k] = Math.round(t[k]);
    }
    return t;
  }
}
