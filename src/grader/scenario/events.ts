/** Reading what the cluster said about an object: its events. */
import type { StepContext } from '../define.ts';

/**
 * True when the run namespace holds an event with this reason about the object of this kind and
 * name (the cluster's own statement of why it is doing or not doing something, e.g. a claim's
 * WaitForFirstConsumer). Reads the events once; callers poll.
 */
export async function hasEvent(ctx: StepContext, kind: string, name: string, reason: string): Promise<boolean> {
  const events = await ctx.cluster.list('Event');
  return events.some((e) => {
    const about = (e as { involvedObject?: { kind?: string; name?: string } }).involvedObject;
    return about?.kind === kind && about.name === name && (e as { reason?: string }).reason === reason;
  });
}
