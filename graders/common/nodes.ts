/**
 * The data worker: before applying anything, every grader labels one of the two workers
 * `storage-course/role=data` (exercises 2 and 4 pin to it) and remembers both workers in the
 * step state, so later steps can say "the labelled node" and "the other worker".
 */
import type { StepContext } from '../../src/grader/define.ts';

export const DATA_LABEL_KEY = 'storage-course/role';
export const DATA_LABEL_VALUE = 'data';
const DATA_NODE = 'dataNode';
const OTHER_NODE = 'otherNode';

/** Labels the first worker storage-course/role=data and stores both worker names; throws if there are fewer than two workers. */
export async function labelDataNode(ctx: StepContext): Promise<void> {
  const workers = await ctx.cluster.workers();
  if (workers.length < 2) {
    throw new Error(`the course cluster needs two schedulable workers, found ${workers.length} (${workers.join(', ') || 'none'})`);
  }
  const [data, other] = workers as [string, string];
  await ctx.cluster.labelNode(data, { [DATA_LABEL_KEY]: DATA_LABEL_VALUE });
  ctx.state.set(DATA_NODE, data);
  ctx.state.set(OTHER_NODE, other);
}

/** The labelled worker (set by labelDataNode). */
export function dataNode(ctx: StepContext): string {
  return String(ctx.state.get(DATA_NODE));
}

/** The worker that is not labelled (set by labelDataNode). */
export function otherNode(ctx: StepContext): string {
  return String(ctx.state.get(OTHER_NODE));
}
