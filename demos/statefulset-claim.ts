/**
 * StatefulSet PVC, container restart and claim delete. A killed container restarts in the same
 * Pod with the same claim, so the token is kept. Deleting the claim while demo-db-0 runs only
 * marks it Terminating (pvc-protection keeps it, the token is still readable); once the Pod is
 * deleted the claim goes, the StatefulSet creates a new claim of the same name from its template,
 * the default class provisions a new, empty volume, and the old volume (reclaimPolicy Delete) is
 * deleted: the token is lost.
 */
import { defineDemo } from '../src/grader/demo/define.ts';
import { awaitPvcPhase, describePvc, expectNoToken, expectToken, killAndAwaitRestart } from '../src/grader/scenario/index.ts';
import { awaitPodSettled } from '../graders/common/pods.ts';
import { fill, t } from '../graders/common/text.ts';
import { writeTokenIn } from '../graders/common/tokens.ts';
import { pause } from '../graders/common/waits.ts';
import { CONTAINER, demoStatefulSet } from './common/manifests.ts';

const ID = 'statefulset-claim';
const NAME = 'demo-db';
const POD = `${NAME}-0`;
const CLAIM = `data-${NAME}-0`;
const MOUNT = '/data';
const FILE = `${MOUNT}/demo-token`;
/** How long the deleted claim is watched while its Pod still runs (cluster time). */
const PROTECTED_FOR_MS = 10_000;
const DIAGNOSE = [
  { kind: 'StatefulSet', name: NAME },
  { kind: 'Pod', name: POD },
  { kind: 'PersistentVolumeClaim', name: CLAIM },
];
const file = { pod: POD, container: CONTAINER, path: FILE };

export default defineDemo({
  id: ID,
  title: t('StatefulSet PVC: a container kill, then the claim deleted', 'StatefulSet 的 PVC：终止容器，然后删除申领'),
  summary: t(
    'The token survives a kill of the container. The deleted claim stays (Terminating) while demo-db-0 runs; after demo-db-0 is deleted the StatefulSet creates a new claim with a new, empty volume, and the old volume is deleted.',
    '容器被终止后令牌仍然存在。删除申领后，只要 demo-db-0 还在运行，申领就一直保留（Terminating）；删除 demo-db-0 之后，StatefulSet 创建一个新的申领，得到一个新的空卷，旧卷被删除。',
  ),
  workers: 1,
  steps: [
    {
      id: 'replica-runs',
      title: t('demo-db-0 runs with its claim Bound', 'demo-db-0 正常运行，它的申领已绑定'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await ctx.cluster.apply(demoStatefulSet(ID, NAME, MOUNT));
        await awaitPodSettled(ctx, POD);
        const pvc = await awaitPvcPhase(ctx, CLAIM, 'Bound', { timeoutMs: 30_000 });
        ctx.state.set('claimUid', pvc.metadata.uid);
        ctx.state.set('pv', pvc.spec?.volumeName);
      },
    },
    {
      id: 'container-kill',
      proves: ['statefulSetPvc:containerRestart'],
      title: t('the token survives a kill of the container', '容器被终止后令牌仍然存在'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const token = await writeTokenIn(ctx, POD, CONTAINER, FILE);
        const restarted = await killAndAwaitRestart(ctx, POD, CONTAINER);
        await expectToken(ctx, file, token);
        ctx.evidence(`${POD}/${CONTAINER} restarted (restarts ${restarted.restartCount}, ${restarted.containerID ?? 'new container'}); ${FILE} still holds the token`);
      },
    },
    {
      id: 'claim-protected',
      proves: ['statefulSetPvc:pvcDelete'],
      title: t('the deleted claim stays Terminating while demo-db-0 uses it', '只要 demo-db-0 还在使用，被删除的申领就一直处于 Terminating'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const token = await writeTokenIn(ctx, POD, CONTAINER, FILE);
        ctx.state.set('token', token);
        ctx.progress(t(`deleting claim ${CLAIM} while ${POD} runs`, `正在删除申领 ${CLAIM}（${POD} 仍在运行）`));
        await ctx.cluster.delete('PersistentVolumeClaim', CLAIM, { wait: false });
        await pause(ctx, PROTECTED_FOR_MS);
        const pvc = await ctx.cluster.get('PersistentVolumeClaim', CLAIM);
        if (!pvc || pvc.metadata.uid !== ctx.state.get('claimUid') || !pvc.metadata.deletionTimestamp) {
          return ctx.fail(t('the claim is not the old one held in Terminating while its Pod runs', '在 Pod 运行期间，申领并不是被保留为 Terminating 的旧申领'), describePvc(CLAIM, pvc));
        }
        await expectToken(ctx, file, token);
        ctx.evidence(`${describePvc(CLAIM, pvc)}, finalizers ${(pvc.metadata.finalizers ?? []).join(', ') || 'none'}; ${POD} still reads the token`);
      },
    },
    {
      id: 'new-empty-claim',
      proves: ['statefulSetPvc:pvcDelete'],
      title: t('after demo-db-0 is deleted, it comes back with a new, empty claim and the old volume is gone', '删除 demo-db-0 后，它带着一个新的空申领回来，旧卷也被删除了'),
      timeoutMs: 180_000,
      diagnose: DIAGNOSE,
      async run(ctx) {
        const token = ctx.state.get('token') as string;
        const oldClaim = ctx.state.get('claimUid') as string;
        const oldPv = ctx.state.get('pv') as string;
        const old = await ctx.cluster.pod(POD);
        ctx.progress(t(`deleting Pod ${POD}`, `正在删除 Pod ${POD}`));
        await ctx.cluster.deletePod(POD);
        await awaitPodSettled(ctx, POD, { notUid: old?.uid });
        const pvc = await awaitPvcPhase(ctx, CLAIM, 'Bound', { timeoutMs: 30_000 });
        if (pvc.metadata.uid === oldClaim || pvc.spec?.volumeName === oldPv) {
          ctx.fail(t('demo-db-0 came back with the old claim, not a new one', 'demo-db-0 回来时用的是旧申领，而不是新的'), describePvc(CLAIM, pvc));
        }
        await expectNoToken(ctx, file, token, {
          failure: t('the new claim of demo-db-0 still holds the old token', 'demo-db-0 的新申领中仍然有旧令牌'),
        });
        await ctx.until(
          async (observe) => {
            const pv = await ctx.cluster.get('PersistentVolume', oldPv);
            observe(pv ? `PersistentVolume ${oldPv} is ${pv.status?.phase}` : `PersistentVolume ${oldPv} is gone`);
            return pv ? undefined : true;
          },
          fill(t('the old volume {pv} was not deleted', '旧卷 {pv} 没有被删除'), { pv: oldPv }),
          { timeoutMs: 60_000 },
        );
        ctx.evidence(`new ${CLAIM} uid ${pvc.metadata.uid} (was ${oldClaim}), volume ${pvc.spec?.volumeName} (was ${oldPv}, now deleted); ${FILE} does not hold the token`);
      },
    },
  ],
  lifetime: [{ row: 'statefulSetPvc', proves: { containerRestart: 'kept', pvcDelete: 'lost' } }],
});
