/**
 * Virtual time. The model never reads the wall clock: time starts at startTime and moves only
 * when advance() is called, so every run with the same inputs sees the same timestamps.
 */

export const DEFAULT_START_TIME = Date.UTC(2026, 0, 1, 0, 0, 0);

/** Virtual time in epoch milliseconds, moved only by set(). */
export class VirtualClock {
  private current: number;

  constructor(readonly startTime: number = DEFAULT_START_TIME) {
    this.current = startTime;
  }

  /** Current virtual time in epoch milliseconds. */
  now(): number {
    return this.current;
  }

  /** Moves time forward to t (never backwards). */
  set(t: number): void {
    if (t > this.current) this.current = t;
  }

  /** RFC 3339 timestamp (second precision, like the API) of t or now. */
  iso(t: number = this.current): string {
    return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }
}
