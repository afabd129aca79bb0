/**
 * Lesson 2, hostPath. The story: a Pod `hostpath-pod` keeps its data in the node directory
 * /var/local/course-data and is pinned to the labelled worker. The grader proves the token
 * survives a container kill and a Pod delete + re-create on that node, and that a probe Pod on the
 * other worker, mounting the same path, does not see it: the data belongs to one node.
 */
import type { K8sObject } from '../src/grader/cluster/cluster.ts';
import { CheckFailure, defineGrader, type StepContext } from '../src/grader/define.ts';
import { applySubmission, deleteAndRecreatePod, describePod, expectNoToken, expectToken, killAndAwaitRestart } from '../src/grader/scenario/index.ts';
import { freePodName } from './common/names.ts';
import { dataNode, labelDataNode, otherNode } from './common/nodes.ts';
import { awaitPodSettled } from './common/pods.ts';
import { writeTokenIn } from './common/tokens.ts';
import { fill, t } from './common/text.ts';
import { POD, CONTAINER, MOUNT, HOST_DIR, podFindings, volumeFindings, pinnedFindings } from './rules/02-hostpath.ts';

const FILE_NAME = 'grader-token';
const FILE = `${MOUNT}/${FILE_NAME}`;
/** The probe Pod's name, unless the submission already has a Pod of that name (then course-probe-2, ...). */
const PROBE = 'course-probe';
const DIAGNOSE = [{ kind: 'Pod', name: POD }];

/** The grader's own Pod `name` on the other worker, mounting the same node path. */
function probePod(name: string, node: string): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { 'storage-course/probe': 'true' } },
    spec: {
      nodeName: node,
      containers: [
        {
          name: 'probe',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'sleep 3600'],
          volumeMounts: [{ name: 'node-dir', mountPath: MOUNT }],
        },
      ],
      volumes: [{ name: 'node-dir', hostPath: { path: HOST_DIR, type: 'DirectoryOrCreate' } }],
    },
  };
}

/** Runs the probe part; a failure there also tells what the probe Pod looked like (one line). */
async function withProbeState(ctx: StepContext, probe: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    if (!(err instanceof CheckFailure)) throw err;
    const pod = await ctx.cluster.pod(probe).catch(() => undefined);
    const line = pod ? describePod(pod) : `Pod ${probe} does not exist`;
    const observed = err.observed?.includes(line) ? err.observed : [err.observed, `probe: ${line}`].filter(Boolean).join('\n');
    ctx.fail(err.failure, observed);
  }
}

export default defineGrader({
  lesson: '02-hostpath',
  hostPaths: [HOST_DIR],
  staticChecks: [
    {
      id: 'hostpath-pod',
      points: 10,
      title: t('a Pod hostpath-pod with a container app', '一个包含容器 app 的 Pod hostpath-pod'),
      hint: t('Write one Pod named exactly hostpath-pod with a container named app.', '编写一个名称正好是 hostpath-pod 的 Pod，其中有一个名为 app 的容器。'),
      check: podFindings,
    },
    {
      id: 'hostpath-volume',
      points: 15,
      title: t(
        'a hostPath /var/local/course-data (DirectoryOrCreate) mounted at /data',
        'hostPath /var/local/course-data（DirectoryOrCreate）挂载到 /data',
      ),
      hint: t(
        'Declare a volume with hostPath: {path: /var/local/course-data, type: DirectoryOrCreate} and mount it in app at /data (writable).',
        '声明一个 hostPath: {path: /var/local/course-data, type: DirectoryOrCreate} 卷，并在 app 中以可写方式挂载到 /data。',
      ),
      check: volumeFindings,
    },
    {
      id: 'pinned',
      points: 10,
      title: t('the Pod is pinned to the node labelled storage-course/role=data', 'Pod 固定在带有 storage-course/role=data 标签的节点上'),
      hint: t(
        'Add nodeSelector: {storage-course/role: data} to the Pod spec, so every new copy of the Pod lands on the node that holds the data.',
        '在 Pod 的 spec 中添加 nodeSelector: {storage-course/role: data}，让每一个新建的 Pod 都落在存有数据的节点上。',
      ),
      check: pinnedFindings,
    },
  ],
  async setup(ctx) {
    await labelDataNode(ctx);
  },
  steps: [
    {
      id: 'runs-on-data-node',
      points: 15,
      title: t('the Pod runs on the labelled node', 'Pod 在带标签的节点上运行'),
      hint: t(
        'Keep app running (e.g. busybox:1.36 with sleep 3600) and pin the Pod with nodeSelector: {storage-course/role: data}.',
        '让 app 一直运行（例如 busybox:1.36 加 sleep 3600），并用 nodeSelector: {storage-course/role: data} 固定 Pod 所在的节点。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await applySubmission(ctx);
        const pod = await awaitPodSettled(ctx, POD);
        if (pod.nodeName !== dataNode(ctx)) {
          ctx.fail(
            fill(t('Pod {pod} runs on {node}, not on the labelled node {data}', 'Pod {pod} 运行在 {node} 上，而不是带标签的节点 {data}'), {
              pod: POD,
              node: pod.nodeName ?? '?',
              data: dataNode(ctx),
            }),
          );
        }
      },
    },
    {
      id: 'survives-restart',
      points: 15,
      needs: ['runs-on-data-node'],
      title: t('the token survives a container kill', '容器被终止后令牌仍然存在'),
      hint: t(
        'Leave restartPolicy out (Always is the default) and keep the data in the hostPath mounted at /data.',
        '不要写 restartPolicy（默认就是 Always），并把数据放在挂载到 /data 的 hostPath 中。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const token = await writeTokenIn(ctx, POD, CONTAINER, FILE);
        await killAndAwaitRestart(ctx, POD, CONTAINER);
        await expectToken(ctx, { pod: POD, container: CONTAINER, path: FILE }, token);
      },
    },
    {
      id: 'survives-recreate',
      points: 15,
      needs: ['runs-on-data-node'],
      title: t('the token survives a Pod delete and re-create on the same node', '在同一节点上删除并重新创建 Pod 后令牌仍然存在'),
      hint: t(
        'A hostPath lives on the node, not in the Pod: as long as the new Pod lands on the same node (nodeSelector) and mounts the same path, the data is there.',
        'hostPath 存在于节点上，而不是 Pod 中：只要新的 Pod 落在同一个节点上（nodeSelector）并挂载同一路径，数据就还在。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const token = await writeTokenIn(ctx, POD, CONTAINER, FILE);
        const pod = await deleteAndRecreatePod(ctx, POD);
        if (pod.nodeName !== dataNode(ctx)) {
          ctx.fail(
            fill(t('the new Pod runs on {node}, not on {data}, where the data is', '新的 Pod 运行在 {node} 上，而数据在 {data} 上'), {
              node: pod.nodeName ?? '?',
              data: dataNode(ctx),
            }),
          );
        }
        await expectToken(ctx, { pod: POD, container: CONTAINER, path: FILE }, token, {
          failure: t(
            'after the Pod was deleted and re-created on the same node, /data/grader-token no longer holds the token',
            'Pod 在同一节点上被删除并重新创建后，/data/grader-token 中已经没有令牌了',
          ),
        });
      },
    },
    {
      id: 'not-on-other-node',
      points: 20,
      needs: ['runs-on-data-node'],
      title: t('a Pod on the other worker does not see the token', '另一个工作节点上的 Pod 看不到令牌'),
      hint: t(
        'A hostPath is a directory of one node: keep the data in /var/local/course-data through the hostPath volume, so it is on the labelled node only.',
        'hostPath 是某一个节点上的目录：请通过 hostPath 卷把数据放在 /var/local/course-data 中，这样它只存在于带标签的节点上。',
      ),
      // The probe's own state goes into the failure's observed text (its name is chosen at run time).
      diagnose: DIAGNOSE,
      async run(ctx) {
        const token = await writeTokenIn(ctx, POD, CONTAINER, FILE);
        const onNode = await ctx.cluster.readNodeFile(dataNode(ctx), `${HOST_DIR}/${FILE_NAME}`);
        if (onNode?.trim() !== token) {
          ctx.fail(
            fill(
              t(
                'the token written to /data in app is not in {dir} on {node}: /data is not the hostPath directory of the node',
                '写入 app 中 /data 的令牌不在 {node} 的 {dir} 中：/data 并不是节点上的 hostPath 目录',
              ),
              { dir: HOST_DIR, node: dataNode(ctx) },
            ),
            `${HOST_DIR}/${FILE_NAME} on ${dataNode(ctx)}: ${onNode === undefined ? 'missing' : JSON.stringify(onNode.trim())}`,
          );
        }
        const probe = await freePodName(ctx, PROBE);
        ctx.progress(t(`starting a probe Pod ${probe} on ${otherNode(ctx)}`, `正在 ${otherNode(ctx)} 上启动探测 Pod ${probe}`));
        await withProbeState(ctx, probe, async () => {
          await ctx.cluster.apply([probePod(probe, otherNode(ctx))]);
          await awaitPodSettled(ctx, probe);
          await expectNoToken(ctx, { pod: probe, container: 'probe', path: FILE }, token, {
            failure: fill(
              t(
                'the probe Pod {probe} on {other} found the token in {dir}: the data should exist only on {node}',
                '{other} 上的探测 Pod {probe} 在 {dir} 中找到了令牌：数据应当只存在于 {node} 上',
              ),
              { probe, other: otherNode(ctx), dir: HOST_DIR, node: dataNode(ctx) },
            ),
          });
        });
      },
    },
  ],
  lifetime: [{ row: 'hostPath', proves: { containerRestart: 'kept', podDelete: 'kept', otherNode: 'lost' } }],
});
