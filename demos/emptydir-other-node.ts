/**
 * emptyDir, Pod on another node. Pods never move: "moving" a Pod means deleting it and creating a
 * replacement, which gets a new uid and so a new, empty emptyDir. The demo runs a Pod on the data
 * worker, writes a token, deletes the Pod and requires its replacement on the other worker: the
 * replacement starts empty, and the old Pod's directory on the first node is gone too.
 */
import { defineDemo } from '../src/grader/demo/define.ts';
import { expectNoToken } from '../src/grader/scenario/index.ts';
import { dataNode, labelDataNode, otherNode } from '../graders/common/nodes.ts';
import { awaitPodSettled } from '../graders/common/pods.ts';
import { fill, t } from '../graders/common/text.ts';
import { writeTokenIn } from '../graders/common/tokens.ts';
import { CONTAINER, demoPod, requireNode } from './common/manifests.ts';

const ID = 'emptydir-other-node';
const POD = 'demo-scratch';
const MOUNT = '/scratch';
const FILE = `${MOUNT}/demo-token`;
const DIAGNOSE = [{ kind: 'Pod', name: POD }];
const pod = (node: string) => demoPod(ID, POD, { name: 'scratch', emptyDir: {} }, MOUNT, requireNode(node));

export default defineDemo({
  id: ID,
  title: t('emptyDir: the replacement Pod on the other worker', 'emptyDir：换到另一个工作节点上的替代 Pod'),
  summary: t(
    'A Pod with an emptyDir writes a token on one worker; it is deleted and its replacement is required on the other worker. The replacement starts with an empty directory, and the old one is removed from the first node.',
    '带 emptyDir 的 Pod 在一个工作节点上写入令牌；删除它之后，要求替代 Pod 运行在另一个工作节点上。替代 Pod 拿到的是一个空目录，第一个节点上的旧目录也被删除了。',
  ),
  workers: 2,
  async setup(ctx) {
    await labelDataNode(ctx);
  },
  steps: [
    {
      id: 'first-pod',
      title: t('a Pod with an emptyDir runs on the data worker and holds a token', '带 emptyDir 的 Pod 在数据节点上运行，并保存了一个令牌'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await ctx.cluster.apply([pod(dataNode(ctx))]);
        const running = await awaitPodSettled(ctx, POD);
        if (running.nodeName !== dataNode(ctx)) ctx.fail(fill(t('Pod {pod} runs on {node}, not on {data}', 'Pod {pod} 运行在 {node} 上，而不是 {data}'), { pod: POD, node: running.nodeName ?? '?', data: dataNode(ctx) }));
        ctx.state.set('token', await writeTokenIn(ctx, POD, CONTAINER, FILE));
        ctx.state.set('uid', running.uid);
      },
    },
    {
      id: 'replacement-elsewhere',
      proves: ['emptyDir:otherNode'],
      title: t('the replacement Pod on the other worker finds an empty emptyDir', '另一个工作节点上的替代 Pod 看到的是空的 emptyDir'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const token = ctx.state.get('token') as string;
        const oldUid = ctx.state.get('uid') as string;
        ctx.progress(t(`deleting Pod ${POD} and re-creating it on ${otherNode(ctx)}`, `正在删除 Pod ${POD}，并在 ${otherNode(ctx)} 上重新创建`));
        await ctx.cluster.deletePod(POD);
        await ctx.cluster.apply([pod(otherNode(ctx))]);
        const replacement = await awaitPodSettled(ctx, POD, { notUid: oldUid });
        if (replacement.nodeName !== otherNode(ctx)) {
          ctx.fail(fill(t('the replacement Pod runs on {node}, not on {other}', '替代 Pod 运行在 {node} 上，而不是 {other}'), { node: replacement.nodeName ?? '?', other: otherNode(ctx) }));
        }
        await expectNoToken(ctx, { pod: POD, container: CONTAINER, path: FILE }, token, {
          failure: t('the replacement Pod on the other worker found the token in its emptyDir', '另一个工作节点上的替代 Pod 在它的 emptyDir 里找到了令牌'),
        });
        const oldFile = `/var/lib/kubelet/pods/${oldUid}/volumes/kubernetes.io~empty-dir/scratch/demo-token`;
        await ctx.until(
          async (observe) => {
            const left = await ctx.cluster.readNodeFile(dataNode(ctx), oldFile);
            observe(`${oldFile} on ${dataNode(ctx)}: ${left === undefined ? 'gone' : JSON.stringify(left.trim())}`);
            return left === undefined ? true : undefined;
          },
          t('the old Pod\'s emptyDir is still on the data worker', '旧 Pod 的 emptyDir 仍然留在数据节点上'),
          { timeoutMs: 60_000 },
        );
        ctx.evidence(`old Pod uid ${oldUid} on ${dataNode(ctx)}; replacement uid ${replacement.uid} on ${replacement.nodeName}: ${FILE} does not hold the token; ${oldFile} is gone from ${dataNode(ctx)}`);
      },
    },
  ],
  lifetime: [{ row: 'emptyDir', proves: { otherNode: 'lost' } }],
});
