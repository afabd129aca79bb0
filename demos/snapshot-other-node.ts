/**
 * VolumeSnapshot, Pod on another node. A volume of the course's CSI driver is an image file on
 * one node, so its Pods are pinned there like a local-path volume's; a snapshot of it is a copy in
 * the directory every node shares. The demo writes a token in a course-csi claim on the data
 * worker, takes a snapshot, deletes the Pod and the claim (its volume goes), and restores the
 * snapshot into a new claim whose Pod is required on the other worker: the volume is made there,
 * and the token is in it.
 */
import { CSI_SNAPSHOT_CLASS, CSI_STORAGE_CLASS } from '../src/course-csi.ts';
import { defineDemo } from '../src/grader/demo/define.ts';
import { awaitGone, awaitPvcPhase, describePv, expectToken } from '../src/grader/scenario/index.ts';
import { dataNode, labelDataNode, otherNode } from '../graders/common/nodes.ts';
import { awaitPodSettled } from '../graders/common/pods.ts';
import { awaitSnapshotReady } from '../graders/common/snapshots.ts';
import { fill, t } from '../graders/common/text.ts';
import { writeTokenIn } from '../graders/common/tokens.ts';
import { CONTAINER, DEMO_LABEL, demoClaim, demoPod, requireNode } from './common/manifests.ts';

const ID = 'snapshot-other-node';
/** The course's CSI driver and its classes (cluster/csi/course-csi.yaml). */
const CLASS = CSI_STORAGE_CLASS;
const SNAPSHOT_CLASS = CSI_SNAPSHOT_CLASS;
const SOURCE = 'demo-snap-source';
const SOURCE_POD = 'demo-snap-writer';
const SNAPSHOT = 'demo-snap';
const RESTORED = 'demo-snap-restored';
const RESTORED_POD = 'demo-snap-reader';
const MOUNT = '/data';
const FILE = `${MOUNT}/demo-token`;
const DIAGNOSE_SOURCE = [
  { kind: 'Pod', name: SOURCE_POD },
  { kind: 'PersistentVolumeClaim', name: SOURCE },
];
const DIAGNOSE_RESTORE = [
  { kind: 'Pod', name: RESTORED_POD },
  { kind: 'PersistentVolumeClaim', name: RESTORED },
  { kind: 'VolumeSnapshot', name: SNAPSHOT },
];
const claim = (name: string) => ({ name: 'data', persistentVolumeClaim: { claimName: name } });

export default defineDemo({
  id: ID,
  title: t('VolumeSnapshot: a restore goes to any node', '卷快照：恢复出来的卷可以在任何节点上'),
  summary: t(
    'A course-csi claim on the data worker gets a token and a snapshot; the Pod and the claim are deleted, and the snapshot is restored into a new claim whose Pod must run on the other worker: the new volume is made there, with the token.',
    '数据节点上的一个 course-csi 申领写入令牌并拍下快照；删除 Pod 和申领之后，把快照恢复成一个新申领，它的 Pod 必须运行在另一个工作节点上：新卷就在那里创建，令牌还在。',
  ),
  workers: 2,
  async setup(ctx) {
    await labelDataNode(ctx);
  },
  steps: [
    {
      id: 'written-on-data-node',
      title: t('a course-csi claim\'s Pod runs on the data worker with a token', '一个 course-csi 申领的 Pod 在数据节点上运行并保存了令牌'),
      diagnose: DIAGNOSE_SOURCE,
      async run(ctx) {
        await ctx.cluster.apply([demoClaim(ID, SOURCE, CLASS), demoPod(ID, SOURCE_POD, claim(SOURCE), MOUNT, requireNode(dataNode(ctx)))]);
        const running = await awaitPodSettled(ctx, SOURCE_POD, { timeoutMs: 180_000 });
        if (running.nodeName !== dataNode(ctx)) {
          ctx.fail(fill(t('Pod {pod} runs on {node}, not on {data}', 'Pod {pod} 运行在 {node} 上，而不是 {data}'), { pod: SOURCE_POD, node: running.nodeName ?? '?', data: dataNode(ctx) }));
        }
        const pvc = await awaitPvcPhase(ctx, SOURCE, 'Bound', { timeoutMs: 10_000 });
        ctx.state.set('pv', String(pvc.spec?.volumeName));
        ctx.state.set('token', await writeTokenIn(ctx, SOURCE_POD, CONTAINER, FILE));
      },
    },
    {
      id: 'snapshot-ready',
      title: t('the snapshot of the claim becomes readyToUse', '申领的快照变为 readyToUse'),
      diagnose: [{ kind: 'VolumeSnapshot', name: SNAPSHOT }, ...DIAGNOSE_SOURCE],
      async run(ctx) {
        await ctx.cluster.apply([
          {
            apiVersion: 'snapshot.storage.k8s.io/v1',
            kind: 'VolumeSnapshot',
            metadata: { name: SNAPSHOT, labels: { [DEMO_LABEL]: ID } },
            spec: { volumeSnapshotClassName: SNAPSHOT_CLASS, source: { persistentVolumeClaimName: SOURCE } },
          },
        ]);
        await awaitSnapshotReady(ctx, SNAPSHOT, { never: t('the snapshot never became readyToUse', '快照始终没有变为 readyToUse') });
      },
    },
    {
      id: 'source-gone',
      title: t('the Pod and the claim are deleted, and the claim\'s volume is gone', 'Pod 和申领被删除，申领的卷也没了'),
      diagnose: DIAGNOSE_SOURCE,
      async run(ctx) {
        await ctx.cluster.deletePod(SOURCE_POD);
        await ctx.cluster.delete('PersistentVolumeClaim', SOURCE);
        await awaitGone(ctx, 'PersistentVolume', ctx.state.get('pv') as string, { timeoutMs: 60_000 });
      },
    },
    {
      id: 'restored-on-other-node',
      proves: ['snapshot:otherNode'],
      title: t('a claim restored from the snapshot, used on the other worker, holds the token', '从快照恢复的申领在另一个工作节点上使用，令牌还在'),
      diagnose: DIAGNOSE_RESTORE,
      async run(ctx) {
        const restored = demoClaim(ID, RESTORED, CLASS, { dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: SNAPSHOT } });
        // The snapshot's restoreSize is the source's size (the driver's smallest volume, 300Mi, for a 100Mi claim).
        restored.spec.resources = { requests: { storage: '300Mi' } };
        await ctx.cluster.apply([restored, demoPod(ID, RESTORED_POD, claim(RESTORED), MOUNT, requireNode(otherNode(ctx)))]);
        const running = await awaitPodSettled(ctx, RESTORED_POD, { timeoutMs: 180_000 });
        if (running.nodeName !== otherNode(ctx)) {
          ctx.fail(fill(t('Pod {pod} runs on {node}, not on {other}', 'Pod {pod} 运行在 {node} 上，而不是 {other}'), { pod: RESTORED_POD, node: running.nodeName ?? '?', other: otherNode(ctx) }));
        }
        const pvc = await awaitPvcPhase(ctx, RESTORED, 'Bound', { timeoutMs: 10_000 });
        const pvName = String(pvc.spec?.volumeName);
        const pv = await ctx.cluster.get('PersistentVolume', pvName);
        const pinnedTo = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values?.[0];
        if (pinnedTo !== otherNode(ctx)) {
          ctx.fail(fill(t('the restored volume is on {node}, not on {other}', '恢复出来的卷在 {node} 上，而不是 {other}'), { node: String(pinnedTo ?? '?'), other: otherNode(ctx) }), describePv(pvName, pv));
        }
        await expectToken(ctx, { pod: RESTORED_POD, container: CONTAINER, path: FILE }, ctx.state.get('token') as string, {
          failure: t('the claim restored on the other worker does not hold the token', '在另一个工作节点上恢复的申领里没有令牌'),
        });
        ctx.evidence(`written on ${dataNode(ctx)} in ${SOURCE} (its volume deleted); ${RESTORED}, restored from ${SNAPSHOT}, is volume ${pvName} on ${otherNode(ctx)}, and ${RESTORED_POD} there reads the token from ${FILE}`);
      },
    },
  ],
  lifetime: [{ row: 'snapshot', proves: { otherNode: 'kept' } }],
});
