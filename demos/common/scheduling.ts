/**
 * Proving that a Pod cannot follow its data to another node: the Pod stays Pending, the scheduler
 * never gives it a node, its PodScheduled condition says Unschedulable, and a FailedScheduling
 * event names the volume as the reason: kube-scheduler v1.35 says "node(s) didn't match
 * PersistentVolume's node affinity" for the node the Pod asked for (recorded on the real cluster;
 * releases before 1.30 said "had volume node affinity conflict", also accepted).
 */
import type { K8sObject, PodView } from '../../src/grader/cluster/cluster.ts';
import type { DemoContext } from '../../src/grader/demo/define.ts';
import { describePod } from '../../src/grader/scenario/index.ts';
import { fill, t } from '../../graders/common/text.ts';
import { pause } from '../../graders/common/waits.ts';

/** The scheduler's ways of saying "the volume cannot be used on that node". */
export const VOLUME_CONFLICT = /didn't match PersistentVolume's node affinity|volume node affinity conflict/;
/** How long the Pod must stay unscheduled after the event (cluster time): it is not just slow. */
export const STAYS_PENDING_MS = 15_000;

function failedScheduling(events: K8sObject[], pod: PodView): K8sObject | undefined {
  return events
    .filter((e) => {
      const about = e.involvedObject as { kind?: string; name?: string; uid?: string } | undefined;
      return about?.kind === 'Pod' && about.name === pod.name && (!about.uid || about.uid === pod.uid);
    })
    .filter((e) => e.reason === 'FailedScheduling' && VOLUME_CONFLICT.test(String(e.message ?? '')))
    .at(-1);
}

/**
 * Waits until Pod `name` (not the one with notUid) is Pending and unschedulable because of its
 * volume, then checks it is still unscheduled STAYS_PENDING_MS later. Records the evidence and
 * returns the scheduler's message.
 */
export async function awaitCannotFollow(ctx: DemoContext, name: string, node: string, opts: { notUid?: string } = {}): Promise<string> {
  const first = await ctx.until(
    async (observe) => {
      const pod = await ctx.cluster.pod(name);
      if (!pod || pod.uid === opts.notUid) {
        observe(pod ? `Pod ${name} is still the old pod (uid ${pod.uid})` : `Pod ${name} does not exist yet`);
        return undefined;
      }
      observe(describePod(pod));
      if (pod.nodeName) {
        ctx.fail(
          fill(t('Pod {pod} was scheduled onto {node}: the volume did not keep it off {other}', 'Pod {pod} 被调度到了 {node}：卷没有阻止它去 {other}'), { pod: name, node: pod.nodeName, other: node }),
          describePod(pod),
        );
      }
      const event = failedScheduling(await ctx.cluster.list('Event'), pod);
      return pod.phase === 'Pending' && pod.reason === 'Unschedulable' && event ? { pod, message: String(event.message) } : undefined;
    },
    fill(t('Pod {pod} did not become unschedulable because of its volume', 'Pod {pod} 没有因为它的卷而变成无法调度'), { pod: name }),
    { timeoutMs: 60_000 },
  );
  await pause(ctx, STAYS_PENDING_MS);
  const later = await ctx.cluster.pod(name);
  if (!later || later.uid !== first.pod.uid || later.nodeName || later.phase !== 'Pending') {
    ctx.fail(
      fill(t('Pod {pod} did not stay Pending and unscheduled', 'Pod {pod} 没有一直处于 Pending、未调度的状态'), { pod: name }),
      later ? describePod(later) : `Pod ${name} is gone`,
    );
  }
  ctx.evidence(`Pod ${name} required on ${node}: phase ${later.phase}, no node after ${STAYS_PENDING_MS / 1000} s, FailedScheduling: ${first.message}`);
  return first.message;
}
