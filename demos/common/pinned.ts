/**
 * The two steps every "pinned" demo ends with, for a Pod `pod` that mounts a claim bound to a
 * volume on the data worker and holds a token (state 'token', 'uid'): a replacement required on
 * the other worker stays Pending, unschedulable because of the volume; a replacement that would
 * rather run on the other worker (preferred affinity) is scheduled back onto the data worker and
 * finds the token. `recreate` deletes the current Pod and makes the next one with a node constraint.
 */
import type { CellKey } from '../../src/grader/lifetime.ts';
import type { DemoContext, DemoStep } from '../../src/grader/demo/define.ts';
import { expectToken } from '../../src/grader/scenario/index.ts';
import { dataNode, otherNode } from '../../graders/common/nodes.ts';
import { awaitPodSettled } from '../../graders/common/pods.ts';
import { fill, t } from '../../graders/common/text.ts';
import { CONTAINER, preferNode, requireNode } from './manifests.ts';
import { awaitCannotFollow } from './scheduling.ts';

export interface PinnedSteps {
  cell: CellKey;
  pod: string;
  file: string;
  diagnose: DemoStep['diagnose'];
  /** Deletes the current Pod and brings up its replacement with this affinity (re-apply, or change a template and delete). */
  recreate(ctx: DemoContext, affinity: Record<string, unknown>): Promise<void>;
}

/** The cannot-follow and scheduled-back steps. */
export function pinnedSteps(o: PinnedSteps): DemoStep[] {
  return [
    {
      id: 'cannot-follow',
      proves: [o.cell],
      title: t('a replacement required on the other worker stays Pending: its volume is on the data worker', '要求运行在另一个工作节点上的替代 Pod 一直处于 Pending：它的卷在数据节点上'),
      diagnose: o.diagnose,
      async run(ctx) {
        const old = await ctx.cluster.pod(o.pod);
        ctx.progress(t(`re-creating Pod ${o.pod} with a required affinity to ${otherNode(ctx)}`, `正在重新创建 Pod ${o.pod}，要求它运行在 ${otherNode(ctx)} 上`));
        await o.recreate(ctx, requireNode(otherNode(ctx)));
        await awaitCannotFollow(ctx, o.pod, otherNode(ctx), { notUid: old?.uid });
      },
    },
    {
      id: 'scheduled-back',
      proves: [o.cell],
      title: t('a replacement that prefers the other worker is scheduled back onto the data worker and finds the token', '倾向于另一个工作节点的替代 Pod 被调度回数据节点，并找到了令牌'),
      diagnose: o.diagnose,
      async run(ctx) {
        const token = ctx.state.get('token') as string;
        const old = await ctx.cluster.pod(o.pod);
        ctx.progress(t(`re-creating Pod ${o.pod} with a preferred affinity to ${otherNode(ctx)}`, `正在重新创建 Pod ${o.pod}，让它倾向于 ${otherNode(ctx)}`));
        await o.recreate(ctx, preferNode(otherNode(ctx)));
        const pod = await awaitPodSettled(ctx, o.pod, { notUid: old?.uid });
        if (pod.nodeName !== dataNode(ctx)) {
          ctx.fail(fill(t('the replacement runs on {node}, not on {data}, where its volume is', '替代 Pod 运行在 {node} 上，而它的卷在 {data} 上'), { node: pod.nodeName ?? '?', data: dataNode(ctx) }));
        }
        await expectToken(ctx, { pod: o.pod, container: CONTAINER, path: o.file }, token, {
          failure: t('the replacement on the data worker does not find the token', '数据节点上的替代 Pod 找不到令牌'),
        });
        ctx.evidence(`Pod ${o.pod} (uid ${pod.uid}) preferring ${otherNode(ctx)} was scheduled onto ${pod.nodeName} and reads the token from ${o.file}`);
      },
    },
  ];
}
