/**
 * Waiting for pods to run. Each wait fails fast, naming the cause, when a pod can never come up
 * (image cannot be pulled, command crashes, pod finished, volume mount keeps failing), and
 * otherwise reports the last state it saw (e.g. Unschedulable and why) when time runs out.
 */
import { fill } from '../../i18n/lang.ts';
import type { PodView } from '../cluster/cluster.ts';
import type { StepContext } from '../define.ts';
import { describePod, firstCrashed, imageOf, isRunning, podTrouble, startFailureMessage } from './describe.ts';
import { SMSG } from './messages.ts';
import { registryUnreachable, unreachableText } from './pull-errors.ts';
import { ClusterUnavailableError } from '../cluster/cluster.ts';

/** Options every wait accepts. */
export interface WaitOptions {
  /** Give up after this long (default: the step's remaining time). */
  timeoutMs?: number;
  /** Poll interval (default 1 s of cluster time). */
  intervalMs?: number;
}

/** A volume mount failure must persist this long (cluster time) before a wait gives up on it. */
export const MOUNT_FAILURE_GRACE_MS = 20_000;

/** "app=web,tier=data" */
export function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') || '(any)';
}

/**
 * Returns a checker that fails the step when the pod is in a state that will not fix itself;
 * mount failures count only once they have lasted MOUNT_FAILURE_GRACE_MS. `before` are the pods
 * of the same group that come before this one (web-0 before web-1): a crash loop is reported on
 * the first of them that has crashed too, so the same answer gets the same message every run.
 */
export function troubleWatcher(ctx: StepContext): (pod: PodView, before?: readonly PodView[]) => Promise<void> {
  const mountSince = new Map<string, number>();
  return async (pod, before = []) => {
    const trouble = podTrouble(pod);
    if (!trouble) {
      mountSince.delete(pod.uid);
      return;
    }
    const observed = describePod(pod);
    switch (trouble.kind) {
      case 'image': {
        const image = imageOf(await ctx.cluster.get('Pod', pod.name).catch(() => undefined), trouble.container);
        if (registryUnreachable(image, trouble.message)) {
          const text = unreachableText(image, ctx.cluster.info.backend === 'kind');
          throw new ClusterUnavailableError(text.reason, text.hint);
        }
        ctx.fail(fill(SMSG.imagePull, { pod: pod.name, container: trouble.container, image, reason: trouble.reason }), observed);
        break;
      }
      case 'start':
        ctx.fail(startFailureMessage(pod.name, trouble), observed);
        break;
      case 'crash': {
        const first = firstCrashed(before);
        if (first) ctx.fail(fill(SMSG.crashLoop, { pod: first.pod.name, container: first.container, code: first.exitCode }), [describePod(first.pod), observed].join('\n'));
        ctx.fail(fill(SMSG.crashLoop, { pod: pod.name, container: trouble.container, code: trouble.exitCode ?? '?' }), observed);
        break;
      }
      case 'finished':
        ctx.fail(fill(SMSG.finished, { pod: pod.name, phase: trouble.phase }), observed);
        break;
      case 'mount': {
        const now = ctx.cluster.clock.now();
        const since = mountSince.get(pod.uid) ?? now;
        mountSince.set(pod.uid, since);
        if (now - since >= MOUNT_FAILURE_GRACE_MS) {
          ctx.fail(fill(SMSG.mountFailed, { pod: pod.name, reason: trouble.reason, message: trouble.message ?? '' }), observed);
        }
        break;
      }
    }
  };
}

/**
 * Waits until Pod `name` runs with every container running. With notUid, an existing pod with
 * that uid (the one just deleted) does not count. Returns the running pod.
 */
export async function awaitPodRunning(ctx: StepContext, name: string, opts: WaitOptions & { notUid?: string } = {}): Promise<PodView> {
  const check = troubleWatcher(ctx);
  return ctx.until(
    async (observe) => {
      const pod = await ctx.cluster.pod(name);
      if (!pod) {
        observe(`Pod ${name} does not exist yet`);
        return undefined;
      }
      if (opts.notUid !== undefined && pod.uid === opts.notUid) {
        observe(`Pod ${name} is still the old pod (uid ${pod.uid}): ${describePod(pod)}`);
        return undefined;
      }
      observe(describePod(pod));
      await check(pod);
      return isRunning(pod) ? pod : undefined;
    },
    fill(SMSG.podNotRunning, { pod: name }),
    opts,
  );
}

/**
 * Waits until every one of the Pods `names` runs with every container running; each poll looks at
 * all of them, in the order given, so trouble is reported on the first pod that shows it. Returns
 * the pods in that order.
 */
export async function awaitNamedPodsRunning(ctx: StepContext, names: readonly string[], opts: WaitOptions = {}): Promise<PodView[]> {
  const check = troubleWatcher(ctx);
  return ctx.until(
    async (observe) => {
      const seen: PodView[] = [];
      const notes: string[] = [];
      for (const name of names) {
        const pod = await ctx.cluster.pod(name);
        if (!pod) {
          notes.push(`Pod ${name} does not exist yet`);
          continue;
        }
        notes.push(describePod(pod));
        await check(pod, seen);
        seen.push(pod);
      }
      observe(notes.join(' | '));
      return seen.length === names.length && seen.every(isRunning) ? seen : undefined;
    },
    fill(SMSG.namedPodsNotRunning, { pods: names.join(', ') }),
    opts,
  );
}

/** Waits until exactly `count` live pods match labels and all of them run. Returns them by name. */
export async function awaitPodsRunning(ctx: StepContext, labels: Record<string, string>, count: number, opts: WaitOptions = {}): Promise<PodView[]> {
  return awaitMatchingPods(ctx, labels, count, new Set(), fill(SMSG.podsNotRunning, { count, labels: formatLabels(labels) }), opts);
}

/**
 * After pods were deleted, waits until `count` running pods match labels and none of them has one
 * of oldUids (controller-made replacements; a StatefulSet pod keeps its name, not its uid).
 */
export async function awaitReplacementPods(
  ctx: StepContext,
  labels: Record<string, string>,
  count: number,
  oldUids: Iterable<string>,
  opts: WaitOptions = {},
): Promise<PodView[]> {
  const failure = fill(SMSG.replacementsNotRunning, { count, labels: formatLabels(labels) });
  return awaitMatchingPods(ctx, labels, count, new Set(oldUids), failure, opts);
}

async function awaitMatchingPods(
  ctx: StepContext,
  labels: Record<string, string>,
  count: number,
  exclude: Set<string>,
  failure: Parameters<StepContext['until']>[1],
  opts: WaitOptions,
): Promise<PodView[]> {
  const check = troubleWatcher(ctx);
  return ctx.until(
    async (observe) => {
      const pods = (await ctx.cluster.pods(labels)).filter((p) => !p.terminating && !exclude.has(p.uid));
      pods.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
      const old = exclude.size > 0 ? ` (not counting ${exclude.size} old pod(s))` : '';
      observe(`${pods.length} of ${count} pod(s) labelled ${formatLabels(labels)}${old}: ${pods.map(describePod).join(' | ') || 'none'}`);
      for (const [i, pod] of pods.entries()) await check(pod, pods.slice(0, i));
      return pods.length === count && pods.every(isRunning) ? pods : undefined;
    },
    failure,
    opts,
  );
}
