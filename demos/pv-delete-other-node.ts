/**
 * PV (Delete), Pod on another node. A class like lesson 5's (rancher.io/local-path,
 * WaitForFirstConsumer, reclaimPolicy Delete) provisions the volume as a directory on the node
 * where the first Pod was scheduled, with node affinity to that node. From then on the claim pins
 * its Pods there: a replacement required on the other worker stays Pending, and one that prefers
 * the other worker is scheduled back, with the token. The demo then deletes the claim and waits
 * for the provisioned volume to go, so it leaves nothing behind.
 */
import type { K8sObject } from '../src/grader/cluster/cluster.ts';
import { defineDemo, type DemoContext } from '../src/grader/demo/define.ts';
import { awaitGone, awaitPvcPhase, describePv } from '../src/grader/scenario/index.ts';
import { dataNode, labelDataNode } from '../graders/common/nodes.ts';
import { awaitPodSettled } from '../graders/common/pods.ts';
import { fill, t } from '../graders/common/text.ts';
import { writeTokenIn } from '../graders/common/tokens.ts';
import { CONTAINER, DEMO_LABEL, HOSTNAME_LABEL, demoClaim, demoPod, requireNode } from './common/manifests.ts';
import { pinnedSteps } from './common/pinned.ts';

const ID = 'pv-delete-other-node';
const CLASS = 'demo-local-delete';
const PVC = 'demo-delete-pvc';
const POD = 'demo-delete-pod';
const MOUNT = '/data';
const FILE = `${MOUNT}/demo-token`;
const DIAGNOSE = [
  { kind: 'Pod', name: POD },
  { kind: 'PersistentVolumeClaim', name: PVC },
];

const storageClass: K8sObject = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: CLASS, labels: { [DEMO_LABEL]: ID } },
  provisioner: 'rancher.io/local-path',
  volumeBindingMode: 'WaitForFirstConsumer',
  reclaimPolicy: 'Delete',
};
const volume = { name: 'data', persistentVolumeClaim: { claimName: PVC } };
const pod = (affinity: Record<string, unknown>) => demoPod(ID, POD, volume, MOUNT, affinity);

async function recreate(ctx: DemoContext, affinity: Record<string, unknown>): Promise<void> {
  await ctx.cluster.deletePod(POD);
  await ctx.cluster.apply([pod(affinity)]);
}

/** The node names a PV's node affinity allows through kubernetes.io/hostname (local-path writes exactly one). */
function hostnames(pv: K8sObject | undefined): string[] {
  const terms: any[] = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  return terms.flatMap((term) => (term.matchExpressions ?? []).filter((e: any) => e.key === HOSTNAME_LABEL && e.operator === 'In').flatMap((e: any) => e.values ?? []));
}

export default defineDemo({
  id: ID,
  title: t('PV (Delete): a provisioned local-path volume pins its Pod to one node', '持久卷（Delete）：制备出来的 local-path 卷把 Pod 固定在一个节点上'),
  summary: t(
    'The first Pod runs on the data worker, so local-path provisions the volume there. A replacement required on the other worker stays Pending; one that prefers the other worker is scheduled back onto the data worker, with the token.',
    '第一个 Pod 运行在数据节点上，所以 local-path 在那里制备卷。要求运行在另一个工作节点上的替代 Pod 一直处于 Pending；倾向于另一个工作节点的替代 Pod 被调度回数据节点，令牌还在。',
  ),
  workers: 2,
  async setup(ctx) {
    await labelDataNode(ctx);
  },
  steps: [
    {
      id: 'provisioned-on-data-node',
      title: t('the claim gets a local-path volume on the data worker, and its Pod holds a token', '申领在数据节点上得到一个 local-path 卷，它的 Pod 保存了令牌'),
      diagnose: DIAGNOSE,
      // local-path makes the volume through a helper Pod on the node; with the real suite's cases
      // all creating and deleting local-path volumes at once on 2 cores, the first Pod once waited
      // 85 s for it (CI, unscheduled, no reason given), so this step has more than the default 90 s.
      timeoutMs: 180_000,
      async run(ctx) {
        await ctx.cluster.apply([storageClass, demoClaim(ID, PVC, CLASS), pod(requireNode(dataNode(ctx)))]);
        await awaitPodSettled(ctx, POD);
        const pvc = await awaitPvcPhase(ctx, PVC, 'Bound', { timeoutMs: 30_000 });
        const pvName = String(pvc.spec?.volumeName);
        const pv = await ctx.cluster.get('PersistentVolume', pvName);
        const nodes = hostnames(pv);
        if (nodes.length !== 1 || nodes[0] !== dataNode(ctx) || pv?.spec?.persistentVolumeReclaimPolicy !== 'Delete') {
          ctx.fail(fill(t('the provisioned PV {pv} is not a Delete volume bound to the node {data}', '制备出来的持久卷 {pv} 不是绑定到节点 {data} 的 Delete 卷'), { pv: pvName, data: dataNode(ctx) }), `${describePv(pvName, pv)}; node affinity: ${nodes.join(', ') || 'none'}`);
        }
        ctx.state.set('pv', pvName);
        ctx.state.set('token', await writeTokenIn(ctx, POD, CONTAINER, FILE));
      },
    },
    ...pinnedSteps({ cell: 'pvDelete:otherNode', pod: POD, file: FILE, diagnose: DIAGNOSE, recreate }),
    {
      id: 'release',
      title: t('the Pod and the claim are deleted and the provisioned PV goes with them', '删除 Pod 和申领后，制备出来的持久卷也随之删除'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await ctx.cluster.deletePod(POD);
        await ctx.cluster.delete('PersistentVolumeClaim', PVC);
        await awaitGone(ctx, 'PersistentVolume', ctx.state.get('pv') as string, { timeoutMs: 60_000 });
      },
    },
  ],
  lifetime: [{ row: 'pvDelete', proves: { otherNode: 'pinned' } }],
});
