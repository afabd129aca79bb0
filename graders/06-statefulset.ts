/**
 * Lesson 6, StatefulSet. The story: a headless Service `web` and a StatefulSet `web` with two
 * replicas, each given its own claim `www-web-<ordinal>` by the template `www`. The grader proves
 * the claims are Bound, each replica keeps its own token, a deleted web-0 comes back with the same
 * claim and token, and scaling down keeps www-web-1 so that web-1 finds its old token on scale-up.
 */
import type { PodView } from '../src/grader/cluster/cluster.ts';
import type { StepContext } from '../src/grader/define.ts';
import { defineGrader } from '../src/grader/define.ts';
import { applySubmission, awaitDeletionStarted, awaitNamedPodsRunning, endTerminatingPod, awaitPvcPhase, describePvc, expectToken } from '../src/grader/scenario/index.ts';
import { explainDynamicClaim } from './common/claims.ts';
import { labelDataNode } from './common/nodes.ts';
import { awaitPodSettled, awaitSettled } from './common/pods.ts';
import { fill, t } from './common/text.ts';
import { writeTokenIn } from './common/tokens.ts';
import { pause, waitOrExplain } from './common/waits.ts';
import { NAME, TEMPLATE, MOUNT, serviceFindings, statefulSetFindings, wwwContainer, templateFindings } from './rules/06-statefulset.ts';

const FILE = `${MOUNT}/grader-token`;
const PODS = ['web-0', 'web-1'] as const;
const CLAIMS = ['www-web-0', 'www-web-1'] as const;
/**
 * After the scale-down, how long the grader watches www-web-1 (cluster time): while the claim is
 * owned by the removed Pod (whenScaled: Delete makes it so before the Pod is deleted) the garbage
 * collector is about to delete it, so the grader waits up to OWNED_WATCH_MS for that; a claim with
 * no such owner is only confirmed for CONFIRM_MS, since nothing will delete it.
 */
const OWNED_WATCH_MS = 10_000;
const CONFIRM_MS = 2_000;
const DIAGNOSE = [
  { kind: 'StatefulSet', name: NAME },
  { kind: 'Pod', name: PODS[0] },
  { kind: 'Pod', name: PODS[1] },
  { kind: 'PersistentVolumeClaim', name: CLAIMS[0] },
  { kind: 'PersistentVolumeClaim', name: CLAIMS[1] },
];

function container(ctx: StepContext): string {
  return wwwContainer(ctx.submission.find('StatefulSet', NAME)!)?.name ?? '?';
}

async function explainClaims(ctx: StepContext) {
  for (const name of CLAIMS) {
    const pvc = await ctx.cluster.get('PersistentVolumeClaim', name);
    const cls = pvc?.spec?.storageClassName;
    const sc = typeof cls === 'string' && cls !== '' ? await ctx.cluster.get('StorageClass', cls) : undefined;
    const why = explainDynamicClaim(name, pvc, sc);
    if (why) return why;
  }
  return undefined;
}

const tokenFile = (ctx: StepContext, pod: string) => ({ pod, container: container(ctx), path: FILE });

export default defineGrader({
  lesson: '06-statefulset',
  staticChecks: [
    {
      id: 'headless-service',
      points: 10,
      title: t('a headless Service web (clusterIP: None)', '一个无头服务 web（clusterIP: None）'),
      hint: t(
        'Write a Service named web with clusterIP: None and a selector that matches the StatefulSet\'s pod template labels.',
        '编写一个名为 web 的 Service，设置 clusterIP: None，并让它的 selector 匹配 StatefulSet Pod 模板的标签。',
      ),
      check: serviceFindings,
    },
    {
      id: 'statefulset',
      points: 15,
      title: t('a StatefulSet web with serviceName web and 2 replicas', '一个 serviceName 为 web、有 2 个副本的 StatefulSet web'),
      hint: t('Write a StatefulSet named web with serviceName: web and replicas: 2.', '编写一个名为 web 的 StatefulSet，设置 serviceName: web 和 replicas: 2。'),
      check: statefulSetFindings,
    },
    {
      id: 'claim-template',
      points: 10,
      title: t('a volumeClaimTemplate www mounted at /data', '申领模板 www 挂载到 /data'),
      hint: t(
        'Add volumeClaimTemplates with metadata.name: www (ReadWriteOnce, 1Gi, no storageClassName) and mount www at /data in the container.',
        '添加 volumeClaimTemplates，其中 metadata.name 为 www（ReadWriteOnce，1Gi，不写 storageClassName），并在容器中把 www 挂载到 /data。',
      ),
      check: templateFindings,
    },
  ],
  async setup(ctx) {
    await labelDataNode(ctx);
  },
  steps: [
    {
      id: 'claims-bound',
      points: 15,
      title: t('web-0 and web-1 run, with claims www-web-0 and www-web-1 Bound', 'web-0 和 web-1 正常运行，申领 www-web-0 和 www-web-1 已绑定'),
      hint: t(
        'Leave storageClassName out of the claim template so the default class provisions each claim, ask for ReadWriteOnce, and keep the container running (e.g. busybox:1.36 with sleep 3600).',
        '申领模板中不要写 storageClassName，让默认存储类为每个申领制备卷；请求 ReadWriteOnce，并让容器一直运行（例如 busybox:1.36 加 sleep 3600）。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await applySubmission(ctx);
        await waitOrExplain(
          ctx,
          (timeoutMs) =>
            awaitSettled(ctx, async () => {
              // One pod more each time (web-1 is made once web-0 is ready), each with the whole
              // timeout; every poll looks at the earlier pods too, so a crash is named on web-0.
              let running: PodView[] = [];
              for (let n = 1; n <= PODS.length; n++) running = await awaitNamedPodsRunning(ctx, PODS.slice(0, n), { timeoutMs });
              return running;
            }),
          () => explainClaims(ctx),
        );
        for (const claim of CLAIMS) await awaitPvcPhase(ctx, claim, 'Bound', { timeoutMs: 10_000 });
      },
    },
    {
      id: 'own-data',
      points: 15,
      needs: ['claims-bound'],
      title: t('each replica keeps its own token', '每个副本各自保存自己的令牌'),
      hint: t('Mount the claim template www at /data: every replica then writes to its own claim.', '把申领模板 www 挂载到 /data：这样每个副本都写入自己的申领。'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const tokens: string[] = [];
        for (const pod of PODS) tokens.push(await writeTokenIn(ctx, pod, container(ctx), FILE));
        for (const [i, pod] of PODS.entries()) {
          await expectToken(ctx, tokenFile(ctx, pod), tokens[i]!, {
            failure: fill(
              t('{pod} does not read back its own token from /data: the replicas do not each have their own volume', '{pod} 从 /data 读不回自己的令牌：两个副本并没有各自独立的卷'),
              { pod },
            ),
          });
        }
        ctx.state.set('tokens', tokens);
      },
    },
    {
      id: 'pod-delete',
      points: 15,
      needs: ['own-data'],
      title: t('a deleted web-0 comes back with the same claim and its token', '被删除的 web-0 带着同一个申领和它的令牌回来了'),
      hint: t(
        'A StatefulSet re-creates web-0 under the same name and mounts the same claim www-web-0; keep the data on the claim at /data.',
        'StatefulSet 会以同样的名称重新创建 web-0，并挂载同一个申领 www-web-0；请把数据放在挂载到 /data 的申领上。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const [token] = ctx.state.get('tokens') as string[];
        const old = await ctx.cluster.pod(PODS[0]);
        ctx.progress(t('deleting Pod web-0', '正在删除 Pod web-0'));
        await ctx.cluster.deletePod(PODS[0]);
        await awaitPodSettled(ctx, PODS[0], { notUid: old?.uid });
        const pod = await ctx.cluster.get('Pod', PODS[0]);
        const claim = (pod?.spec?.volumes ?? []).find((v: { name: string }) => v.name === TEMPLATE)?.persistentVolumeClaim?.claimName;
        if (claim !== CLAIMS[0]) {
          ctx.fail(fill(t('the new web-0 mounts the claim {claim}, not www-web-0', '新的 web-0 挂载的申领是 {claim}，而不是 www-web-0'), { claim: String(claim) }));
        }
        await expectToken(ctx, tokenFile(ctx, PODS[0]), token!, {
          failure: t('the new web-0 does not find the token the old web-0 wrote', '新的 web-0 找不到旧的 web-0 写入的令牌'),
        });
      },
    },
    {
      id: 'scale-down',
      points: 10,
      needs: ['own-data'],
      title: t('scaling to 1 keeps the claim www-web-1', '缩容到 1 个副本后，申领 www-web-1 仍然保留'),
      hint: t(
        'By default a StatefulSet keeps the claims of removed replicas; leave persistentVolumeClaimRetentionPolicy out (or set whenScaled: Retain).',
        'StatefulSet 默认会保留被移除副本的申领；请不要写 persistentVolumeClaimRetentionPolicy（或设置 whenScaled: Retain）。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const old = await ctx.cluster.pod(PODS[1]);
        ctx.state.set('web1Uid', old?.uid);
        ctx.progress(t('scaling StatefulSet web to 1 replica', '正在把 StatefulSet web 缩容到 1 个副本'));
        await ctx.cluster.scale('StatefulSet', NAME, 1);
        // The scale-down condemns web-1: the controller first settles www-web-1's owner (the Pod,
        // with whenScaled: Delete) and then deletes the Pod. Its container (sleep) ignores SIGTERM
        // and would sit out its 30 s grace period; the claim's fate is already decided, so once the
        // controller has started the deletion the grader stops the Pod's containers at once.
        await awaitDeletionStarted(ctx, 'Pod', PODS[1], { timeoutMs: 60_000 });
        await endTerminatingPod(ctx, PODS[1], { timeoutMs: 60_000 });
        const started = ctx.cluster.clock.now();
        for (;;) {
          const pvc = await ctx.cluster.get('PersistentVolumeClaim', CLAIMS[1]);
          if (!pvc || pvc.metadata.deletionTimestamp) {
            const policy = ctx.submission.find('StatefulSet', NAME)?.object.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled;
            return ctx.fail(
              fill(
                t(
                  'www-web-1 was deleted when the StatefulSet scaled down (persistentVolumeClaimRetentionPolicy.whenScaled: {policy}), so web-1 will start empty; keep the default whenScaled: Retain',
                  '缩容时 www-web-1 被删除了（persistentVolumeClaimRetentionPolicy.whenScaled: {policy}），web-1 回来时将是空的；请保留默认的 whenScaled: Retain',
                ),
                { policy: String(policy ?? '?') },
              ),
              describePvc(CLAIMS[1], pvc),
            );
          }
          const owners = (pvc.metadata.ownerReferences ?? []) as { kind?: string; name?: string }[];
          const ownedByPod = owners.some((r) => r.kind === 'Pod' && r.name === PODS[1]);
          if (ctx.cluster.clock.now() - started >= (ownedByPod ? OWNED_WATCH_MS : CONFIRM_MS)) break;
          await pause(ctx, 500);
        }
      },
    },
    {
      id: 'scale-up',
      points: 10,
      needs: ['scale-down'],
      title: t('scaling back to 2 gives web-1 its old token', '扩容回 2 个副本后，web-1 拿回了它原来的令牌'),
      hint: t('The new web-1 mounts the kept claim www-web-1, with the data the old web-1 wrote.', '新的 web-1 会挂载保留下来的申领 www-web-1，里面是旧的 web-1 写入的数据。'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const [, token] = ctx.state.get('tokens') as string[];
        ctx.progress(t('scaling StatefulSet web back to 2 replicas', '正在把 StatefulSet web 扩容回 2 个副本'));
        await ctx.cluster.scale('StatefulSet', NAME, 2);
        await awaitPodSettled(ctx, PODS[1], { notUid: ctx.state.get('web1Uid') as string | undefined });
        await expectToken(ctx, tokenFile(ctx, PODS[1]), token!, {
          failure: t('the new web-1 does not find the token the old web-1 wrote', '新的 web-1 找不到旧的 web-1 写入的令牌'),
        });
      },
    },
  ],
  lifetime: [{ row: 'statefulSetPvc', proves: { podDelete: 'kept' } }],
});
