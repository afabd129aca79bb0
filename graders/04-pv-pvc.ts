/**
 * Lesson 4, PersistentVolume and PersistentVolumeClaim. The story: a hand-made local PV
 * `course-pv` on the labelled worker, a claim `course-pvc` that binds to it (storageClassName ""
 * on both, or kind's default class would take the claim), and a Pod `pv-pod` using the claim. The
 * grader proves the binding, that the token survives a container kill and a Pod re-create, and
 * that after the Pod and the claim are deleted the PV is Released with the token still on the node.
 */
import { defineGrader } from '../src/grader/define.ts';
import {
  applySubmission,
  awaitPvcPhase,
  describePv,
} from '../src/grader/scenario/index.ts';
import { explainStaticBinding } from './common/claims.ts';
import { dataNode, labelDataNode } from './common/nodes.ts';
import { awaitPodSettled } from './common/pods.ts';
import { fill, t } from './common/text.ts';
import { claimDataSteps } from './common/claim-steps.ts';
import { writeTokenIn } from './common/tokens.ts';
import { waitOrExplain } from './common/waits.ts';
import { PV, PVC, POD, MOUNT, NODE_DIR, objectFindings, classFindings, localFindings, container } from './rules/04-pv-pvc.ts';

const FILE_NAME = 'grader-token';
const FILE = `${MOUNT}/${FILE_NAME}`;
const DIAGNOSE = [
  { kind: 'Pod', name: POD },
  { kind: 'PersistentVolumeClaim', name: PVC },
  { kind: 'PersistentVolume', name: PV },
];

export default defineGrader({
  lesson: '04-pv-pvc',
  hostPaths: [NODE_DIR],
  staticChecks: [
    {
      id: 'pv-pvc-pod',
      points: 10,
      title: t('PersistentVolume course-pv, claim course-pvc, and Pod pv-pod mounting it at /data', 'PersistentVolume course-pv、申领 course-pvc，以及把它挂载到 /data 的 Pod pv-pod'),
      hint: t(
        'Write the three objects with exactly these names; in pv-pod declare a volume persistentVolumeClaim: {claimName: course-pvc} and mount it at /data.',
        '用这几个确切的名称编写三个对象；在 pv-pod 中声明一个 persistentVolumeClaim: {claimName: course-pvc} 卷，并把它挂载到 /data。',
      ),
      check: objectFindings,
    },
    {
      id: 'class-empty',
      points: 15,
      title: t('storageClassName "" on the claim and the volume', '申领和卷上都设置了 storageClassName ""'),
      hint: t(
        'Write storageClassName: "" (an empty string, with the quotes) in the spec of course-pv and of course-pvc.',
        '在 course-pv 和 course-pvc 的 spec 中都写上 storageClassName: ""（空字符串，要带引号）。',
      ),
      check: classFindings,
    },
    {
      id: 'local-pv',
      points: 10,
      title: t('course-pv is a local volume at /var/local/course-pv on the labelled node', 'course-pv 是带标签节点上 /var/local/course-pv 的 local 卷'),
      hint: t(
        'Use local: {path: /var/local/course-pv} and nodeAffinity.required.nodeSelectorTerms with matchExpressions [{key: storage-course/role, operator: In, values: [data]}].',
        '使用 local: {path: /var/local/course-pv}，并在 nodeAffinity.required.nodeSelectorTerms 中写 matchExpressions [{key: storage-course/role, operator: In, values: [data]}]。',
      ),
      check: localFindings,
    },
  ],
  async setup(ctx) {
    await labelDataNode(ctx);
    await ctx.cluster.makeNodeDir(dataNode(ctx), NODE_DIR);
  },
  steps: [
    {
      id: 'bound',
      points: 15,
      title: t('course-pvc is Bound to course-pv', 'course-pvc 已绑定（Bound）到 course-pv'),
      hint: t(
        'A claim binds to a volume of the same class (both ""), whose access modes include the claim\'s and whose capacity is at least the request: ReadWriteOnce, 500Mi against 1Gi.',
        '申领只会绑定到同一存储类（两者都是 ""）、访问模式包含申领所请求的模式、容量不小于请求的卷：ReadWriteOnce，请求 500Mi，卷提供 1Gi。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await applySubmission(ctx);
        const explain = async () =>
          explainStaticBinding(PV, await ctx.cluster.get('PersistentVolume', PV), PVC, await ctx.cluster.get('PersistentVolumeClaim', PVC));
        const pvc = await waitOrExplain(ctx, (timeoutMs) => awaitPvcPhase(ctx, PVC, 'Bound', { timeoutMs }), explain);
        if (pvc.spec?.volumeName !== PV) {
          const why = await explain();
          ctx.fail(why ?? fill(t('course-pvc is bound to {volume}, not course-pv', 'course-pvc 绑定到了 {volume}，而不是 course-pv'), { volume: String(pvc.spec?.volumeName) }));
        }
      },
    },
    {
      id: 'pod-runs',
      points: 10,
      needs: ['bound'],
      title: t('Pod pv-pod runs with the claim mounted', 'Pod pv-pod 挂载申领后正常运行'),
      hint: t(
        'Keep the container running (e.g. busybox:1.36 with sleep 3600); the Pod follows course-pv to the labelled node on its own.',
        '让容器一直运行（例如 busybox:1.36 加 sleep 3600）；Pod 会自动跟随 course-pv 调度到带标签的节点上。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await awaitPodSettled(ctx, POD);
      },
    },
    ...claimDataSteps({
      pod: POD,
      container,
      file: FILE,
      needs: ['pod-runs'],
      diagnose: DIAGNOSE,
      points: { restart: 15, recreate: 10 },
      recreateHint: t('The data is on course-pv, not in the Pod: the new Pod mounts the same claim and finds it.', '数据保存在 course-pv 上，而不是 Pod 中：新的 Pod 挂载同一个申领，就能找到它。'),
    }),
    {
      id: 'released-keeps-data',
      points: 15,
      needs: ['pod-runs'],
      title: t('after the Pod and the claim are deleted, course-pv is Released and keeps the token', '删除 Pod 和申领后，course-pv 变为 Released，令牌仍然保留'),
      hint: t(
        'persistentVolumeReclaimPolicy: Retain keeps a volume and its data after its claim is deleted; with Delete, a hand-made local volume goes Failed because nothing can delete its directory.',
        'persistentVolumeReclaimPolicy: Retain 会在申领删除后保留卷和其中的数据；如果写 Delete，手工创建的 local 卷会变为 Failed，因为没有任何组件能删除它的目录。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const c = container(ctx.submission);
        const token = await writeTokenIn(ctx, POD, c, FILE);
        ctx.progress(t('deleting Pod pv-pod and claim course-pvc', '正在删除 Pod pv-pod 和申领 course-pvc'));
        await ctx.cluster.deletePod(POD);
        await ctx.cluster.delete('PersistentVolumeClaim', PVC);
        await ctx.until(
          async (observe) => {
            const pv = await ctx.cluster.get('PersistentVolume', PV);
            observe(describePv(PV, pv));
            if (!pv) return ctx.fail(t('course-pv was deleted together with its claim; with Retain it stays', 'course-pv 随申领一起被删除了；使用 Retain 时它会保留下来'));
            if (pv.status?.phase === 'Failed') {
              ctx.fail(
                fill(
                  t(
                    'course-pv is Failed, not Released: its reclaim policy is {policy}, and nothing can delete the directory of a hand-made local volume; use persistentVolumeReclaimPolicy: Retain',
                    'course-pv 处于 Failed 状态，而不是 Released：它的回收策略是 {policy}，而手工创建的 local 卷的目录没有任何组件能删除；请使用 persistentVolumeReclaimPolicy: Retain',
                  ),
                  { policy: String(pv.spec?.persistentVolumeReclaimPolicy ?? '?') },
                ),
                describePv(PV, pv),
              );
            }
            // With Delete a volume may show Released for a moment on its way to Failed or deletion.
            return pv.status?.phase === 'Released' && pv.spec?.persistentVolumeReclaimPolicy !== 'Delete' ? true : undefined;
          },
          t('course-pv did not become Released after its claim was deleted', '申领删除后 course-pv 没有变为 Released'),
          { timeoutMs: 60_000 },
        );
        const onNode = await ctx.cluster.readNodeFile(dataNode(ctx), `${NODE_DIR}/${FILE_NAME}`);
        if (onNode?.trim() !== token) {
          ctx.fail(
            fill(t('{dir}/grader-token on {node} no longer holds the token', '{node} 上的 {dir}/grader-token 中已经没有令牌了'), { dir: NODE_DIR, node: dataNode(ctx) }),
            `${NODE_DIR}/${FILE_NAME}: ${onNode === undefined ? 'missing' : JSON.stringify(onNode.trim())}`,
          );
        }
      },
    },
  ],
  lifetime: [{ row: 'pvRetain', proves: { containerRestart: 'kept', podDelete: 'kept', pvcDelete: 'kept' } }],
});
