/**
 * Waiting with an explanation: wait a short grace period; if the wait fails, ask the cluster why
 * (a claim that can never bind, a class that binds too early) and fail at once with that reason.
 * Without a certain reason, keep waiting for the rest of the step's time.
 */
import type { Localized } from '../../src/i18n/lang.ts';
import { CheckFailure, type StepContext } from '../../src/grader/define.ts';

/** How long a wait runs before the grader asks why it has not finished (cluster time). */
export const EXPLAIN_AFTER_MS = 15_000;

/**
 * Calls wait(graceMs); on a CheckFailure asks explain() and fails with its reason if it has one,
 * else calls wait(undefined) (the step's remaining time). explain() must only answer when the
 * cause is certain from the objects in the cluster.
 */
export async function waitOrExplain<T>(
  ctx: StepContext,
  wait: (timeoutMs: number | undefined) => Promise<T>,
  explain: () => Promise<Localized | undefined>,
  graceMs: number = EXPLAIN_AFTER_MS,
): Promise<T> {
  try {
    return await wait(graceMs);
  } catch (err) {
    if (!(err instanceof CheckFailure)) throw err;
    const why = await explain();
    if (why) ctx.fail(why, err.observed);
  }
  return wait(undefined);
}

/** Sleeps on the cluster clock (virtual time on the model). */
export async function pause(ctx: StepContext, ms: number): Promise<void> {
  await ctx.cluster.clock.sleep(ms, ctx.signal);
}
