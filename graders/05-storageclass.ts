/**
 * Lesson 5, StorageClass. The story: a class `course-fast` that provisions local-path volumes
 * only once a Pod needs one (WaitForFirstConsumer) and deletes them with their claim. The grader
 * applies the class and the claim without the Pod and sees the claim stay Pending; with the Pod it
 * becomes Bound to a provisioned PV of that class; the token survives a kill and a re-create; after
 * the Pod and the claim are deleted, the PV and the data are gone.
 */
import { defineGrader } from '../src/grader/define.ts';
import {
  applySubmission,
  awaitPvcPhase,
  describePv,
  describePvc,
  hasEvent,
} from '../src/grader/scenario/index.ts';
import { explainDynamicClaim, LOCAL_PATH } from './common/claims.ts';
import { labelDataNode } from './common/nodes.ts';
import { awaitPodSettled } from './common/pods.ts';
import { fill, t } from './common/text.ts';
import { claimDataSteps } from './common/claim-steps.ts';
import { writeTokenIn } from './common/tokens.ts';
import { pause, waitOrExplain } from './common/waits.ts';
import { CLASS, PVC, POD, MOUNT, objectFindings, provisionerFindings, container } from './rules/05-storageclass.ts';

const FILE_NAME = 'grader-token';
const FILE = `${MOUNT}/${FILE_NAME}`;
/**
 * How long the claim must stay Pending while no Pod uses it (cluster time): until the cluster has
 * said why it waits (the claim's WaitForFirstConsumer event) and CONFIRM_PENDING_MS more, or
 * PENDING_FOR_MS when it never says so.
 */
const PENDING_FOR_MS = 10_000;
const CONFIRM_PENDING_MS = 2_000;
const DIAGNOSE = [
  { kind: 'Pod', name: POD },
  { kind: 'PersistentVolumeClaim', name: PVC },
  { kind: 'StorageClass', name: CLASS },
];

export default defineGrader({
  lesson: '05-storageclass',
  staticChecks: [
    {
      id: 'class-claim-pod',
      points: 10,
      title: t('StorageClass course-fast, claim dyn-pvc of that class, Pod dyn-pod mounting it at /data', 'StorageClass course-fast、属于该存储类的申领 dyn-pvc，以及把它挂载到 /data 的 Pod dyn-pod'),
      hint: t(
        'Write the three objects with exactly these names; the claim says storageClassName: course-fast, and dyn-pod mounts persistentVolumeClaim: {claimName: dyn-pvc} at /data.',
        '用这几个确切的名称编写三个对象；申领写 storageClassName: course-fast，dyn-pod 把 persistentVolumeClaim: {claimName: dyn-pvc} 挂载到 /data。',
      ),
      check: objectFindings,
    },
    {
      id: 'provisioner',
      points: 10,
      title: t('course-fast uses the provisioner rancher.io/local-path', 'course-fast 使用制备器 rancher.io/local-path'),
      hint: t('Write provisioner: rancher.io/local-path, the provisioner kind runs.', '写 provisioner: rancher.io/local-path，这是 kind 中运行的制备器。'),
      check: provisionerFindings,
    },
  ],
  async setup(ctx) {
    await labelDataNode(ctx);
  },
  steps: [
    {
      id: 'pending-without-pod',
      points: 15,
      title: t('without a Pod, dyn-pvc stays Pending', '没有 Pod 使用时，dyn-pvc 保持 Pending'),
      hint: t(
        'Set volumeBindingMode: WaitForFirstConsumer on course-fast: the volume is then made only once a Pod using the claim is scheduled, on that Pod\'s node.',
        '在 course-fast 上设置 volumeBindingMode: WaitForFirstConsumer：这样只有在使用该申领的 Pod 被调度之后，才会在那个 Pod 的节点上制备卷。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await applySubmission(ctx, (o) => o.object.kind !== 'Pod');
        await ctx.until(
          async (observe) => {
            const pvc = await ctx.cluster.get('PersistentVolumeClaim', PVC);
            observe(describePvc(PVC, pvc));
            return pvc?.status?.phase ? true : undefined;
          },
          t('dyn-pvc was applied but never got a phase', 'dyn-pvc 已经应用，但始终没有得到状态（phase）'),
          { timeoutMs: 10_000 },
        );
        // A negative proof: the claim must not leave Pending. It ends once the binder has stated
        // its reason (and a short confirmation after it); a class with Immediate binding binds
        // within that time on kind, so nothing proven before is proven less.
        let until = ctx.cluster.clock.now() + PENDING_FOR_MS;
        let reasonSeen = false;
        ctx.progress(t('checking that dyn-pvc stays Pending', '正在确认 dyn-pvc 保持 Pending'));
        while (ctx.cluster.clock.now() < until) {
          const pvc = await ctx.cluster.get('PersistentVolumeClaim', PVC);
          if (pvc?.status?.phase !== 'Pending') {
            ctx.fail(
              t(
                'dyn-pvc left Pending before any Pod used it: course-fast must use volumeBindingMode: WaitForFirstConsumer, so that the volume is made on the node where its first Pod runs',
                '还没有任何 Pod 使用 dyn-pvc，它就已经不是 Pending 了：course-fast 必须使用 volumeBindingMode: WaitForFirstConsumer，这样卷才会在第一个使用它的 Pod 所在的节点上制备',
              ),
              describePvc(PVC, pvc),
            );
          }
          if (!reasonSeen && (await hasEvent(ctx, 'PersistentVolumeClaim', PVC, 'WaitForFirstConsumer'))) {
            reasonSeen = true;
            until = Math.min(until, ctx.cluster.clock.now() + CONFIRM_PENDING_MS);
          }
          await pause(ctx, 500);
        }
      },
    },
    {
      id: 'bound-with-pod',
      points: 20,
      title: t('with the Pod, dyn-pvc is Bound to a provisioned PV of class course-fast', '有 Pod 使用后，dyn-pvc 绑定到一个制备出来的、存储类为 course-fast 的持久卷'),
      hint: t(
        'course-fast needs provisioner: rancher.io/local-path and volumeBindingMode: WaitForFirstConsumer; the claim asks for ReadWriteOnce, and the Pod must not set nodeName.',
        'course-fast 需要 provisioner: rancher.io/local-path 和 volumeBindingMode: WaitForFirstConsumer；申领请求 ReadWriteOnce，Pod 不能设置 nodeName。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await applySubmission(ctx);
        // The class as written (the API server fills in volumeBindingMode: Immediate when it is missing).
        const explain = async () => {
          const sc = (await ctx.cluster.get('StorageClass', CLASS)) && ctx.submission.find('StorageClass', CLASS)?.object;
          return explainDynamicClaim(PVC, await ctx.cluster.get('PersistentVolumeClaim', PVC), sc, ctx.submission.find('Pod', POD)?.object);
        };
        const pod = await waitOrExplain(ctx, (timeoutMs) => awaitPodSettled(ctx, POD, { timeoutMs }), explain);
        const pvc = await awaitPvcPhase(ctx, PVC, 'Bound', { timeoutMs: 10_000 });
        const pvName = String(pvc.spec?.volumeName);
        const pv = await ctx.cluster.get('PersistentVolume', pvName);
        const by = pv?.metadata.annotations?.['pv.kubernetes.io/provisioned-by'];
        if (!pv || pv.spec?.storageClassName !== CLASS || by !== LOCAL_PATH) {
          ctx.fail(
            fill(
              t(
                'dyn-pvc is bound to {pv}, which is not a volume that {provisioner} provisioned for the class course-fast',
                'dyn-pvc 绑定到了 {pv}，而它不是 {provisioner} 为存储类 course-fast 制备的卷',
              ),
              { pv: pvName, provisioner: LOCAL_PATH },
            ),
            describePv(pvName, pv),
          );
        }
        ctx.state.set('pv', pvName);
        ctx.state.set('node', pod.nodeName);
        ctx.state.set('dir', pv!.spec?.hostPath?.path ?? pv!.spec?.local?.path);
      },
    },
    ...claimDataSteps({
      pod: POD,
      container,
      file: FILE,
      needs: ['bound-with-pod'],
      diagnose: DIAGNOSE,
      points: { restart: 15, recreate: 10 },
      recreateHint: t('The data is on the provisioned volume, not in the Pod: the new Pod mounts the same claim.', '数据保存在制备出来的卷上，而不是 Pod 中：新的 Pod 会挂载同一个申领。'),
    }),
    {
      id: 'pv-deleted',
      points: 20,
      needs: ['bound-with-pod'],
      title: t('after the Pod and the claim are deleted, the PV and the data are gone', '删除 Pod 和申领后，持久卷和数据都消失了'),
      hint: t(
        'reclaimPolicy: Delete on the StorageClass makes every volume it provisions go away with its claim, data included.',
        'StorageClass 上的 reclaimPolicy: Delete 会让它制备的每个卷随申领一起删除，数据也一并删除。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const c = container(ctx.submission);
        const pvName = ctx.state.get('pv') as string;
        const token = await writeTokenIn(ctx, POD, c, FILE);
        ctx.progress(t('deleting Pod dyn-pod and claim dyn-pvc', '正在删除 Pod dyn-pod 和申领 dyn-pvc'));
        await ctx.cluster.deletePod(POD);
        await ctx.cluster.delete('PersistentVolumeClaim', PVC);
        await ctx.until(
          async (observe) => {
            const pv = await ctx.cluster.get('PersistentVolume', pvName);
            if (!pv) return true;
            observe(describePv(pvName, pv));
            const policy = pv.spec?.persistentVolumeReclaimPolicy;
            if (policy !== 'Delete' && pv.status?.phase === 'Released') {
              ctx.fail(
                fill(
                  t(
                    'the PV {pv} is still there (Released) after its claim was deleted: course-fast has reclaimPolicy: {policy}, which keeps provisioned volumes; use reclaimPolicy: Delete',
                    '申领删除后，持久卷 {pv} 仍然存在（Released）：course-fast 的 reclaimPolicy 是 {policy}，会保留制备出来的卷；请使用 reclaimPolicy: Delete',
                  ),
                  { pv: pvName, policy: String(policy) },
                ),
                describePv(pvName, pv),
              );
            }
            return undefined;
          },
          fill(t('the PV {pv} was not deleted after its claim was deleted', '申领删除后，持久卷 {pv} 没有被删除'), { pv: pvName }),
          { timeoutMs: 60_000 },
        );
        const node = ctx.state.get('node') as string | undefined;
        const dir = ctx.state.get('dir') as string | undefined;
        if (node && dir) {
          const left = await ctx.cluster.readNodeFile(node, `${dir}/${FILE_NAME}`);
          if (left !== undefined) {
            ctx.fail(
              fill(t('the PV is gone, but the token is still in {dir} on {node}', '持久卷已经删除，但 {node} 上的 {dir} 中仍然有令牌'), { dir, node }),
              `${dir}/${FILE_NAME}: ${JSON.stringify(left.trim())}; expected no file (token ${token})`,
            );
          }
        }
      },
    },
  ],
  lifetime: [{ row: 'pvDelete', proves: { containerRestart: 'kept', podDelete: 'kept', pvcDelete: 'lost' } }],
});
