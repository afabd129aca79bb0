/**
 * A bounded pool: runs work(item) for every item, at most `limit` at a time, and resolves to one
 * outcome per item in the items' order (never in completion order). It never rejects: a work call
 * that throws (or rejects) becomes that item's { ok: false, error } and the others go on. Once
 * `signal` aborts, no new item starts; items already running are awaited (they get the signal
 * themselves and clean up), and the rest are { started: false }.
 *
 * Plain Promise code rather than p-limit: the pool is twenty lines, and what the class run needs
 * besides the limit (outcomes in input order, no rejection, stop starting on abort) would wrap
 * p-limit in as much code again.
 */
export type PoolOutcome<R> =
  | { started: true; ok: true; value: R }
  | { started: true; ok: false; error: unknown }
  | { started: false };

export interface PoolOptions {
  /** How many work calls may run at once (an integer >= 1). */
  limit: number;
  /** Abort: start nothing more. */
  signal?: AbortSignal;
}

/** Runs the items through work, `limit` at a time; see the module comment for the contract. */
export async function runPool<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>, opts: PoolOptions): Promise<PoolOutcome<R>[]> {
  if (!Number.isInteger(opts.limit) || opts.limit < 1) throw new RangeError(`pool limit must be a positive integer, not ${opts.limit}`);
  const outcomes: PoolOutcome<R>[] = items.map(() => ({ started: false }));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !opts.signal?.aborted) {
      const index = next++;
      try {
        outcomes[index] = { started: true, ok: true, value: await work(items[index]!, index) };
      } catch (error) {
        outcomes[index] = { started: true, ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.limit, items.length) }, lane));
  return outcomes;
}
