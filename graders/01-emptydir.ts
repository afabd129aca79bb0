/**
 * Lesson 1, emptyDir. The story: a Pod `cache-pod` whose containers `writer` and `reader` share
 * one emptyDir at /cache. The grader proves the token the writer leaves is seen by the reader,
 * survives a kill of the writer (same Pod, same volume), and is gone once the Pod is deleted and
 * created again (new Pod, new empty directory).
 */
import { defineGrader } from '../src/grader/define.ts';
import { applySubmission, deleteAndRecreatePod, expectNoToken, expectToken, killAndAwaitRestart } from '../src/grader/scenario/index.ts';
import { labelDataNode } from './common/nodes.ts';
import { awaitPodSettled } from './common/pods.ts';
import { writeTokenIn } from './common/tokens.ts';
import { fill, t } from './common/text.ts';
import { POD, WRITER, READER, MOUNT, podFindings, emptyDirFindings } from './rules/01-emptydir.ts';

const FILE = `${MOUNT}/grader-token`;
const DIAGNOSE = [{ kind: 'Pod', name: POD }];

export default defineGrader({
  lesson: '01-emptydir',
  staticChecks: [
    {
      id: 'cache-pod',
      points: 10,
      title: t('a Pod cache-pod with containers writer and reader', '一个包含 writer 和 reader 两个容器的 Pod cache-pod'),
      hint: t(
        'Write one Pod named exactly cache-pod with two containers named writer and reader.',
        '编写一个名称正好是 cache-pod 的 Pod，其中两个容器分别命名为 writer 和 reader。',
      ),
      check: podFindings,
    },
    {
      id: 'emptydir-in-both',
      points: 15,
      title: t('one emptyDir volume mounted at /cache in both containers', '同一个 emptyDir 卷挂载到两个容器的 /cache'),
      hint: t(
        'Declare one volume with emptyDir: {} under spec.volumes, and add a volumeMounts entry with that name and mountPath: /cache to writer AND to reader.',
        '在 spec.volumes 下声明一个 emptyDir: {} 卷，然后在 writer 和 reader 中都添加一条 volumeMounts，名称写这个卷，mountPath 写 /cache。',
      ),
      check: emptyDirFindings,
    },
  ],
  async setup(ctx) {
    await labelDataNode(ctx);
  },
  steps: [
    {
      id: 'pod-runs',
      points: 15,
      title: t('Pod cache-pod runs with both containers up', 'Pod cache-pod 运行，两个容器都已启动'),
      hint: t(
        'Both containers must keep running: give each an image with /bin/sh and a command that does not end, e.g. image: busybox:1.36 with command: ["sh", "-c", "sleep 3600"].',
        '两个容器都必须一直运行：为每个容器选一个带 /bin/sh 的镜像和一个不会结束的命令，例如 image: busybox:1.36 加上 command: ["sh", "-c", "sleep 3600"]。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        await applySubmission(ctx);
        await awaitPodSettled(ctx, POD);
      },
    },
    {
      id: 'shared',
      points: 20,
      needs: ['pod-runs'],
      title: t('a token written by writer is read by reader', 'writer 写入的令牌能被 reader 读到'),
      hint: t(
        'Mount the same emptyDir volume at /cache in writer and in reader; the grader writes /cache/grader-token through writer and reads it through reader.',
        '在 writer 和 reader 中把同一个 emptyDir 卷挂载到 /cache；评分程序通过 writer 写入 /cache/grader-token，再通过 reader 读取。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const token = await writeTokenIn(ctx, POD, WRITER, FILE);
        ctx.state.set('token', token);
        await expectToken(ctx, { pod: POD, container: READER, path: FILE }, token, {
          failure: t(
            'reader does not see the token that writer wrote to /cache/grader-token: the two containers do not share the volume at /cache',
            'reader 看不到 writer 写入 /cache/grader-token 的令牌：两个容器在 /cache 上没有共享同一个卷',
          ),
        });
      },
    },
    {
      id: 'survives-restart',
      points: 20,
      needs: ['shared'],
      title: t('the token survives a kill of writer', '终止 writer 后令牌仍然存在'),
      hint: t(
        'Leave restartPolicy out (Always is the default) so the kubelet restarts a killed container in the same Pod; the file must be in the emptyDir at /cache, not in the container\'s own filesystem.',
        '不要写 restartPolicy（默认就是 Always），这样 kubelet 会在同一个 Pod 中重启被终止的容器；文件必须写在 /cache 的 emptyDir 里，而不是容器自己的文件系统中。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const token = ctx.state.get('token') as string;
        await killAndAwaitRestart(ctx, POD, WRITER);
        const failure = t(
          'after writer was killed and restarted, /cache/grader-token no longer holds the token',
          'writer 被终止并重启后，/cache/grader-token 中已经没有令牌了',
        );
        await expectToken(ctx, { pod: POD, container: WRITER, path: FILE }, token, { failure });
        await expectToken(ctx, { pod: POD, container: READER, path: FILE }, token, { failure });
      },
    },
    {
      id: 'lost-on-recreate',
      points: 20,
      needs: ['pod-runs'],
      title: t('the token is gone after the Pod is deleted and re-created', '删除并重新创建 Pod 后令牌消失'),
      hint: t(
        'An emptyDir is created empty with its Pod and deleted with it; use emptyDir, not hostPath or a PersistentVolumeClaim, which outlive the Pod.',
        'emptyDir 随 Pod 创建时是空的，并随 Pod 一起删除；请使用 emptyDir，而不是比 Pod 活得更久的 hostPath 或 PersistentVolumeClaim。',
      ),
      diagnose: DIAGNOSE,
      async run(ctx) {
        const token = await writeTokenIn(ctx, POD, WRITER, FILE);
        const pod = await deleteAndRecreatePod(ctx, POD);
        await expectNoToken(ctx, { pod: POD, container: WRITER, path: FILE }, token, {
          failure: fill(
            t(
              'the new Pod (uid {uid}) still finds the old token in /cache: the volume outlived the Pod, so it is not an emptyDir',
              '新的 Pod（uid {uid}）在 /cache 中仍然能找到旧令牌：这个卷比 Pod 活得更久，所以它不是 emptyDir',
            ),
            { uid: pod.uid },
          ),
        });
      },
    },
  ],
  lifetime: [{ row: 'emptyDir', proves: { containerRestart: 'kept', podDelete: 'lost' } }],
});
