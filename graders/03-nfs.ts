/**
 * Lesson 3, NFS. The story: the grader runs the course NFS server behind ClusterIP
 * 10.96.100.100; the student's Deployment `nfs-web` runs two replicas on different nodes, each
 * mounting the export "/" at /shared. The grader proves a token written in one replica is read in
 * the other (shared across nodes), survives a container kill, and survives deleting both Pods.
 */
import type { PodView } from '../src/grader/cluster/cluster.ts';
import type { StepContext } from '../src/grader/define.ts';
import { defineGrader } from '../src/grader/define.ts';
import {
  applySubmission,
  awaitPodsRunning,
  awaitReplacementPods,
  expectToken,
  killAndAwaitRestart,
  takenClusterIp,
  type Refusal,
} from '../src/grader/scenario/index.ts';
import { labelDataNode } from './common/nodes.ts';
import { awaitSettled } from './common/pods.ts';
import { getIn } from './common/spec.ts';
import { fill, t } from './common/text.ts';
import { writeTokenIn } from './common/tokens.ts';
import { DEPLOYMENT, MOUNT, deploymentFindings, sharedMount, nfsFindings, antiAffinityFindings } from './rules/03-nfs.ts';

/**
 * The token file of this run. The course NFS server is one export for every run on the cluster
 * (concurrent runs, a class graded at once), so each run writes a file named after its own run
 * namespace and never reads another run's token.
 */
const tokenFile = (ctx: StepContext) => `${MOUNT}/grader-token.${ctx.cluster.namespace}`;
const DIAGNOSE = [{ kind: 'Deployment', name: DEPLOYMENT }];
/** The ClusterIP of the NFS server the grader runs (the fixture) before applying the submission. */
const NFS_SERVER_IP = '10.96.100.100';

const OWN_NFS_SERVICE = t(
  'the cluster refused Service {name} from {file}: it asks for clusterIP {ip}, which the NFS server the grader runs for this exercise already has. The grader provides the NFS server, so your files must not include one: remove this Service (and any NFS server Deployment) and keep nfs-web',
  '集群拒绝了 {file} 中的 Service {name}：它要求使用 clusterIP {ip}，而评分程序为这个练习运行的 NFS 服务器已经占用了这个地址。NFS 服务器由评分程序提供，你的文件中不能再包含一个：请删除这个 Service（以及任何 NFS 服务器的 Deployment），只保留 nfs-web',
);

/** A Service of the student's refused because it wants the fixture's address: say the grader runs the server. */
function explainRefusal(refusal: Refusal) {
  const ip = takenClusterIp(refusal);
  return ip === NFS_SERVER_IP ? fill(OWN_NFS_SERVICE, { name: refusal.name, file: refusal.file, ip }) : undefined;
}

/** The pod labels and the container that mounts /shared, from the submitted Deployment. */
function target(ctx: StepContext): { labels: Record<string, string>; container: string } {
  const obj = ctx.submission.find('Deployment', DEPLOYMENT)!;
  const labels = (getIn(obj.object, ['spec', 'template', 'metadata', 'labels']) ?? {}) as Record<string, string>;
  return { labels, container: String(sharedMount(obj)?.container?.name) };
}

const file = (ctx: StepContext, pod: PodView | string, container: string) => ({ pod: typeof pod === 'string' ? pod : pod.name, container, path: tokenFile(ctx) });

export default defineGrader({
  lesson: '03-nfs',
  fixtures: ['nfs-server'],
  staticChecks: [
    {
      id: 'nfs-web',
      points: 10,
      title: t('a Deployment nfs-web with 2 replicas', '一个有 2 个副本的 Deployment nfs-web'),
      hint: t('Write a Deployment named exactly nfs-web with replicas: 2.', '编写一个名称正好是 nfs-web 的 Deployment，并设置 replicas: 2。'),
      check: deploymentFindings,
    },
    {
      id: 'nfs-volume',
      points: 15,
      title: t('an inline nfs volume 10.96.100.100:/ mounted at /shared', '内联 nfs 卷 10.96.100.100:/ 挂载到 /shared'),
      hint: t(
        'In the pod template, declare a volume with nfs: {server: 10.96.100.100, path: /} and mount it at /shared (writable) in a container that has /bin/sh.',
        '在 Pod 模板中声明一个 nfs: {server: 10.96.100.100, path: /} 卷，并在一个带有 /bin/sh 的容器中以可写方式挂载到 /shared。',
      ),
      check: nfsFindings,
    },
    {
      id: 'anti-affinity',
      points: 10,
      title: t('a required pod anti-affinity on kubernetes.io/hostname', '基于 kubernetes.io/hostname 的必需 Pod 反亲和性'),
      hint: t(
        'Add affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution with topologyKey: kubernetes.io/hostname and a labelSelector that matches the pod template labels (e.g. matchLabels: {app: nfs-web}).',
        '添加 affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution，topologyKey 写 kubernetes.io/hostname，labelSelector 要匹配 Pod 模板的标签（例如 matchLabels: {app: nfs-web}）。',
      ),
      check: antiAffinityFindings,
    },
  ],
  async setup(ctx) {
    await labelDataNode(ctx);
  },
  steps: [
    {
      id: 'replicas-spread',
      points: 20,
      title: t('both replicas run, on different nodes', '两个副本都在运行，且位于不同节点'),
      hint: t(
        'Keep the container running (e.g. busybox:1.36 with sleep 3600), mount 10.96.100.100:/ at /shared, and keep the required anti-affinity on kubernetes.io/hostname.',
        '让容器一直运行（例如 busybox:1.36 加 sleep 3600），把 10.96.100.100:/ 挂载到 /shared，并保留基于 kubernetes.io/hostname 的必需反亲和性。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const { labels } = target(ctx);
        await applySubmission(ctx, undefined, { explain: explainRefusal });
        const pods = await awaitSettled(ctx, () => awaitPodsRunning(ctx, labels, 2));
        const [a, b] = pods as [PodView, PodView];
        if (!a.nodeName || a.nodeName === b.nodeName) {
          ctx.fail(
            fill(t('both replicas run on the same node {node}', '两个副本运行在同一个节点 {node} 上'), { node: a.nodeName ?? '?' }),
            pods.map((p) => `${p.name} on ${p.nodeName ?? '?'}`).join(', '),
          );
        }
        ctx.state.set('pods', [a.name, b.name]);
      },
    },
    {
      id: 'shared-across-nodes',
      points: 15,
      needs: ['replicas-spread'],
      title: t('a token written in one replica is read in the other', '一个副本写入的令牌能在另一个副本中读到'),
      hint: t(
        'Mount the same NFS export (10.96.100.100, path /) at /shared in the pod template; the container needs /bin/sh for the grader to write and read.',
        '在 Pod 模板中把同一个 NFS 导出（10.96.100.100，路径 /）挂载到 /shared；容器需要有 /bin/sh，评分程序才能写入和读取。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const { container } = target(ctx);
        const [a, b] = ctx.state.get('pods') as [string, string];
        const token = await writeTokenIn(ctx, a, container, tokenFile(ctx));
        ctx.state.set('token', token);
        await expectToken(ctx, file(ctx, b, container), token, {
          failure: fill(
            t('the token written in {a} cannot be read in {b}: the replicas do not share /shared', '在 {a} 中写入的令牌在 {b} 中读不到：两个副本没有共享 /shared'),
            { a, b },
          ),
        });
      },
    },
    {
      id: 'survives-restart',
      points: 15,
      needs: ['shared-across-nodes'],
      title: t('the token survives a container kill', '容器被终止后令牌仍然存在'),
      hint: t('Keep the data on the NFS volume at /shared, not in the container\'s own filesystem.', '请把数据放在 /shared 的 NFS 卷上，而不是容器自己的文件系统中。'),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const { container } = target(ctx);
        const [a, b] = ctx.state.get('pods') as [string, string];
        const token = ctx.state.get('token') as string;
        await killAndAwaitRestart(ctx, a, container);
        await expectToken(ctx, file(ctx, a, container), token);
        await expectToken(ctx, file(ctx, b, container), token);
      },
    },
    {
      id: 'survives-pod-delete',
      points: 15,
      needs: ['replicas-spread'],
      title: t('the token survives deleting both Pods', '删除两个 Pod 后令牌仍然存在'),
      hint: t(
        'The data lives on the NFS server, not in the Pods: the Deployment\'s new Pods mount the same export and find it again.',
        '数据保存在 NFS 服务器上，而不是 Pod 中：Deployment 新建的 Pod 挂载同一个导出目录，就能再次找到它。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const { labels, container } = target(ctx);
        const names = ctx.state.get('pods') as [string, string];
        const token = await writeTokenIn(ctx, names[0], container, tokenFile(ctx));
        const old: string[] = [];
        for (const name of names) {
          const pod = await ctx.cluster.pod(name);
          if (pod) old.push(pod.uid);
          ctx.progress(t(`deleting Pod ${name}`, `正在删除 Pod ${name}`));
          await ctx.cluster.deletePod(name);
        }
        const fresh = await awaitSettled(ctx, () => awaitReplacementPods(ctx, labels, 2, old));
        for (const pod of fresh) {
          await expectToken(ctx, file(ctx, pod, container), token, {
            failure: fill(
              t('the new Pod {pod} does not find the token that was written before both Pods were deleted', '新的 Pod {pod} 找不到在删除两个 Pod 之前写入的令牌'),
              { pod: pod.name },
            ),
          });
        }
      },
    },
  ],
  lifetime: [{ row: 'nfs', proves: { containerRestart: 'kept', podDelete: 'kept', otherNode: 'kept' } }],
});
