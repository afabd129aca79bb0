/**
 * "Runs" means runs for a while: a container that exits at once can look running for an instant
 * between two restarts. These waits accept pods only when, STABLE_MS after they were first seen
 * running, the same pods still run and no container has restarted.
 */
import type { PodView } from '../../src/grader/cluster/cluster.ts';
import type { StepContext } from '../../src/grader/define.ts';
import { awaitPodRunning, isRunning, type WaitOptions } from '../../src/grader/scenario/index.ts';
import { pause } from './waits.ts';

/** How long pods must keep running, with no restart, to count as running (cluster time). */
export const STABLE_MS = 3_000;

function restarts(pod: PodView): string {
  return pod.containers.map((c) => `${c.name}:${c.restartCount}`).sort().join(',');
}

/** True when every pod still exists with the same uid, runs, and has the same restart counts. */
async function unchanged(ctx: StepContext, pods: PodView[]): Promise<PodView[] | undefined> {
  const now: PodView[] = [];
  for (const before of pods) {
    const pod = await ctx.cluster.pod(before.name);
    if (!pod || pod.uid !== before.uid || !isRunning(pod) || restarts(pod) !== restarts(before)) return undefined;
    now.push(pod);
  }
  return now;
}

/**
 * Runs wait() until the pods it returns are still running, unchanged, STABLE_MS later; returns
 * them. Bounded by the step's time (wait() fails first when pods keep crashing).
 */
export async function awaitSettled(ctx: StepContext, wait: () => Promise<PodView[]>): Promise<PodView[]> {
  for (;;) {
    const pods = await wait();
    await pause(ctx, STABLE_MS);
    const still = await unchanged(ctx, pods);
    if (still) return still;
  }
}

/** awaitPodRunning, but the pod must keep running without restarts for STABLE_MS. */
export async function awaitPodSettled(ctx: StepContext, name: string, opts: WaitOptions & { notUid?: string } = {}): Promise<PodView> {
  const [pod] = await awaitSettled(ctx, async () => [await awaitPodRunning(ctx, name, opts)]);
  return pod!;
}
