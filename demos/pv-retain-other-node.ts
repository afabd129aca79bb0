/**
 * PV (Retain), Pod on another node. The course's hand-made PV is a `local` volume: a directory
 * on one node, with node affinity to that node. A claim bound to it pins every Pod that uses it:
 * a replacement required on the other worker never schedules (the scheduler reports the volume's
 * node affinity), and a replacement that would rather run on the other worker is scheduled back
 * onto the volume's node, where the token still is.
 */
import type { K8sObject } from '../src/grader/cluster/cluster.ts';
import { defineDemo, type DemoContext } from '../src/grader/demo/define.ts';
import { awaitPvcPhase, describePv } from '../src/grader/scenario/index.ts';
import { DATA_LABEL_KEY, DATA_LABEL_VALUE, dataNode, labelDataNode } from '../graders/common/nodes.ts';
import { awaitPodSettled } from '../graders/common/pods.ts';
import { fill, t } from '../graders/common/text.ts';
import { writeTokenIn } from '../graders/common/tokens.ts';
import { CONTAINER, DEMO_LABEL, demoClaim, demoPod } from './common/manifests.ts';
import { pinnedSteps } from './common/pinned.ts';

const ID = 'pv-retain-other-node';
const PV = 'demo-retain-pv';
const PVC = 'demo-retain-pvc';
const POD = 'demo-retain-pod';
const NODE_DIR = '/var/local/demo-retain-pv';
const MOUNT = '/data';
const FILE = `${MOUNT}/demo-token`;
const DIAGNOSE = [
  { kind: 'Pod', name: POD },
  { kind: 'PersistentVolumeClaim', name: PVC },
  { kind: 'PersistentVolume', name: PV },
];

const pv: K8sObject = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: PV, labels: { [DEMO_LABEL]: ID } },
  spec: {
    capacity: { storage: '1Gi' },
    accessModes: ['ReadWriteOnce'],
    persistentVolumeReclaimPolicy: 'Retain',
    storageClassName: '',
    local: { path: NODE_DIR },
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: DATA_LABEL_KEY, operator: 'In', values: [DATA_LABEL_VALUE] }] }] } },
  },
};
const volume = { name: 'data', persistentVolumeClaim: { claimName: PVC } };
const pod = (affinity?: Record<string, unknown>) => demoPod(ID, POD, volume, MOUNT, affinity);

async function recreate(ctx: DemoContext, affinity: Record<string, unknown>): Promise<void> {
  await ctx.cluster.deletePod(POD);
  await ctx.cluster.apply([pod(affinity)]);
}

export default defineDemo({
  id: ID,
  title: t('PV (Retain): a local volume pins its Pod to one node', '持久卷（Retain）：local 卷把 Pod 固定在一个节点上'),
  summary: t(
    'A claim bound to a local PersistentVolume on the data worker: a replacement Pod required on the other worker stays Pending (the volume\'s node affinity), and one that prefers the other worker is scheduled back onto the data worker, with the token.',
    '申领绑定到数据节点上的一个 local 持久卷：要求运行在另一个工作节点上的替代 Pod 一直处于 Pending（卷的节点亲和性），而倾向于另一个工作节点的替代 Pod 被调度回数据节点，令牌还在。',
  ),
  workers: 2,
  async setup(ctx) {
    await labelDataNode(ctx);
    await ctx.cluster.makeNodeDir(dataNode(ctx), NODE_DIR);
  },
  steps: [
    {
      id: 'bound-on-data-node',
      title: t('the claim binds to the local PV and its Pod runs on the data worker with a token', '申领绑定到 local 持久卷，它的 Pod 在数据节点上运行并保存了令牌'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await ctx.cluster.apply([pv, demoClaim(ID, PVC, '', { volumeName: PV }), pod()]);
        await awaitPvcPhase(ctx, PVC, 'Bound', { timeoutMs: 60_000 });
        const running = await awaitPodSettled(ctx, POD);
        if (running.nodeName !== dataNode(ctx)) {
          ctx.fail(fill(t('Pod {pod} runs on {node}, not on {data}, where the local PV is', 'Pod {pod} 运行在 {node} 上，而 local 持久卷在 {data} 上'), { pod: POD, node: running.nodeName ?? '?', data: dataNode(ctx) }), describePv(PV, await ctx.cluster.get('PersistentVolume', PV)));
        }
        ctx.state.set('token', await writeTokenIn(ctx, POD, CONTAINER, FILE));
      },
    },
    ...pinnedSteps({ cell: 'pvRetain:otherNode', pod: POD, file: FILE, diagnose: DIAGNOSE, recreate }),
  ],
  lifetime: [{ row: 'pvRetain', proves: { otherNode: 'pinned' } }],
});
