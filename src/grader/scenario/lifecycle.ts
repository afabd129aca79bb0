/**
 * The two events every data-lifetime check is built on: kill a container (the kubelet restarts
 * it in the same pod) and delete a pod then re-create it from the student's manifest.
 */
import { fill } from '../../i18n/lang.ts';
import { ExecError, type ContainerView, type PodView } from '../cluster/cluster.ts';
import type { StepContext } from '../define.ts';
import { describePod } from './describe.ts';
import { SMSG } from './messages.ts';
import { awaitPodRunning, troubleWatcher, type WaitOptions } from './pods.ts';
import { awaitGone } from './volumes.ts';

/**
 * Kills `container` of `pod` from outside and waits until the kubelet restarted it: restartCount
 * + 1 (or more), a new container id, and running. Refuses up front when restartPolicy is Never.
 * Returns the restarted container's view.
 */
export async function killAndAwaitRestart(ctx: StepContext, pod: string, container: string, opts: WaitOptions = {}): Promise<ContainerView> {
  const spec = await ctx.cluster.get('Pod', pod);
  if (!spec) ctx.fail(fill(SMSG.noPod, { pod }));
  const policy = (spec.spec?.restartPolicy as string | undefined) ?? 'Always';
  if (policy === 'Never') ctx.fail(fill(SMSG.restartNever, { pod, policy }), `spec.restartPolicy: ${policy}`);

  const running = await awaitPodRunning(ctx, pod, opts);
  const before = running.containers.find((c) => c.name === container);
  if (!before) {
    ctx.fail(fill(SMSG.noContainer, { pod, container, names: running.containers.map((c) => c.name).join(', ') }), describePod(running));
  }
  ctx.progress({ en: `killing container ${container} of Pod ${pod}`, 'zh-cn': `正在终止 Pod ${pod} 的容器 ${container}` });
  await ctx.cluster.killContainer(pod, container);

  const check = troubleWatcher(ctx);
  return ctx.until(
    async (observe) => {
      const now = await ctx.cluster.pod(pod);
      if (!now) {
        observe(`Pod ${pod} is gone`);
        return undefined;
      }
      if (now.uid !== running.uid) ctx.fail(fill(SMSG.podReplaced, { pod }), describePod(now));
      const c = now.containers.find((x) => x.name === container);
      observe(
        `${describePod(now)}; before the kill: restarts ${before.restartCount}, containerID ${before.containerID ?? '?'}; now: containerID ${c?.containerID ?? '?'}`,
      );
      await check(now);
      const restarted = c && c.restartCount >= before.restartCount + 1 && c.containerID !== before.containerID && c.state === 'running';
      return restarted ? c : undefined;
    },
    fill(SMSG.notRestarted, { pod, container }),
    opts,
  );
}

/**
 * Deletes Pod `name` (short grace period, waits until gone), re-applies that pod's object from the
 * submission, and waits until a pod with a NEW uid runs. Returns the new pod.
 */
export async function deleteAndRecreatePod(ctx: StepContext, name: string, opts: WaitOptions = {}): Promise<PodView> {
  const source = ctx.submission.find('Pod', name);
  if (!source) ctx.fail(fill(SMSG.notInSubmission, { pod: name }));
  const old = await ctx.cluster.pod(name);
  if (!old) ctx.fail(fill(SMSG.noPod, { pod: name }));
  ctx.progress({ en: `deleting Pod ${name}`, 'zh-cn': `正在删除 Pod ${name}` });
  await ctx.cluster.deletePod(name);
  ctx.progress({ en: `re-creating Pod ${name} from your manifest`, 'zh-cn': `正在根据你的清单重新创建 Pod ${name}` });
  await ctx.cluster.apply([source.object]);
  return awaitPodRunning(ctx, name, { ...opts, notUid: old.uid });
}

/**
 * Ends a Pod that is already being deleted (a scale-down condemned it) without sitting out its
 * grace period: kills its running containers from the node, then waits until the Pod is gone.
 * A second delete with a shorter grace period does not help: the kubelet's stop call already
 * under way keeps the long one (measured on kind: a 1 s delete of a terminating `sleep` Pod still
 * took its 30 s). A container that exits by itself first is simply not killed.
 */
export async function endTerminatingPod(ctx: StepContext, pod: string, opts: WaitOptions = {}): Promise<void> {
  const view = await ctx.cluster.pod(pod);
  for (const c of view?.containers.filter((x) => x.state === 'running') ?? []) {
    ctx.progress({ en: `stopping container ${c.name} of the condemned Pod ${pod} at once`, 'zh-cn': `正在立即停止即将被删除的 Pod ${pod} 的容器 ${c.name}` });
    await ctx.cluster.killContainer(pod, c.name).catch((err: unknown) => {
      if (!(err instanceof ExecError)) throw err;
    });
  }
  await awaitGone(ctx, 'Pod', pod, opts);
}
