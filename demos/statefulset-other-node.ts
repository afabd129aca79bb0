/**
 * StatefulSet PVC, Pod on another node. The claim template `data` gives demo-web-0 its own
 * claim data-demo-web-0, provisioned by the default class (kind: local-path) on the node where demo-web-0 first
 * ran. The StatefulSet re-creates demo-web-0 with the same claim whatever its template says, so
 * the claim decides where it can run: with the template changed to require the other worker, the
 * new demo-web-0 stays Pending; changed to merely prefer it, demo-web-0 comes back on the data
 * worker with its token. updateStrategy OnDelete: the demo deletes the Pod itself each time.
 */
import { defineDemo, type DemoContext } from '../src/grader/demo/define.ts';
import { awaitPvcPhase, describePvc } from '../src/grader/scenario/index.ts';
import { dataNode, labelDataNode } from '../graders/common/nodes.ts';
import { awaitPodSettled } from '../graders/common/pods.ts';
import { fill, t } from '../graders/common/text.ts';
import { writeTokenIn } from '../graders/common/tokens.ts';
import { CONTAINER, demoStatefulSet, requireNode } from './common/manifests.ts';
import { pinnedSteps } from './common/pinned.ts';

const ID = 'statefulset-other-node';
const NAME = 'demo-web';
const POD = `${NAME}-0`;
const CLAIM = `data-${NAME}-0`;
const MOUNT = '/data';
const FILE = `${MOUNT}/demo-token`;
const DIAGNOSE = [
  { kind: 'StatefulSet', name: NAME },
  { kind: 'Pod', name: POD },
  { kind: 'PersistentVolumeClaim', name: CLAIM },
];

const objects = (affinity: Record<string, unknown>) => demoStatefulSet(ID, NAME, MOUNT, { affinity, onDelete: true });

/** Changes the template (OnDelete: nothing happens yet), then deletes the Pod so the controller re-creates it from the new template. */
async function recreate(ctx: DemoContext, affinity: Record<string, unknown>): Promise<void> {
  await ctx.cluster.apply(objects(affinity));
  await ctx.cluster.deletePod(POD);
}

export default defineDemo({
  id: ID,
  title: t('StatefulSet PVC: the claim keeps its replica on one node', 'StatefulSet 的 PVC：申领把副本留在一个节点上'),
  summary: t(
    'demo-web-0 gets its claim on the data worker. With the template changed to require the other worker, the re-created demo-web-0 stays Pending; changed to prefer it, demo-web-0 comes back on the data worker with the same claim and its token.',
    'demo-web-0 在数据节点上得到它的申领。把模板改成要求另一个工作节点后，重建的 demo-web-0 一直处于 Pending；改成只是倾向于另一个工作节点后，demo-web-0 带着同一个申领和它的令牌回到了数据节点。',
  ),
  workers: 2,
  async setup(ctx) {
    await labelDataNode(ctx);
  },
  steps: [
    {
      id: 'first-replica',
      title: t('demo-web-0 runs on the data worker with its own claim and a token', 'demo-web-0 带着自己的申领在数据节点上运行，并保存了令牌'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await ctx.cluster.apply(objects(requireNode(dataNode(ctx))));
        const pod = await awaitPodSettled(ctx, POD);
        const pvc = await awaitPvcPhase(ctx, CLAIM, 'Bound', { timeoutMs: 30_000 });
        if (pod.nodeName !== dataNode(ctx)) ctx.fail(fill(t('{pod} runs on {node}, not on {data}', '{pod} 运行在 {node} 上，而不是 {data}'), { pod: POD, node: pod.nodeName ?? '?', data: dataNode(ctx) }));
        ctx.state.set('claimUid', pvc.metadata.uid);
        ctx.state.set('token', await writeTokenIn(ctx, POD, CONTAINER, FILE));
      },
    },
    ...pinnedSteps({ cell: 'statefulSetPvc:otherNode', pod: POD, file: FILE, diagnose: DIAGNOSE, recreate }),
    {
      id: 'same-claim',
      proves: ['statefulSetPvc:otherNode'],
      title: t('the replica that came back mounts the same claim', '回来的副本挂载的是同一个申领'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const pvc = await ctx.cluster.get('PersistentVolumeClaim', CLAIM);
        const pod = await ctx.cluster.get('Pod', POD);
        const mounted = (pod?.spec?.volumes ?? []).find((v: { name: string }) => v.name === 'data')?.persistentVolumeClaim?.claimName;
        if (!pvc || pvc.metadata.uid !== ctx.state.get('claimUid') || mounted !== CLAIM) {
          return ctx.fail(t('demo-web-0 does not mount the claim it had before', 'demo-web-0 挂载的不是它之前的申领'), `${describePvc(CLAIM, pvc)}; Pod mounts ${String(mounted)}`);
        }
        ctx.evidence(`${POD} mounts ${CLAIM} (uid ${pvc.metadata.uid}, unchanged), bound to ${pvc.spec?.volumeName}`);
      },
    },
  ],
  lifetime: [{ row: 'statefulSetPvc', proves: { otherNode: 'pinned' } }],
});
