import { describe, expect, it } from 'vitest';
import { applySubmission, awaitNamedPodsRunning, awaitPodRunning, awaitPodsRunning, awaitReplacementPods, MOUNT_FAILURE_GRACE_MS } from '../../../src/grader/scenario/index.ts';
import { FakeCluster } from '../run/fake-cluster.ts';
import { runOneStep } from '../run/helpers.ts';
import { podYaml, submissionFromYaml } from '../run/submission.ts';

describe('awaitPodRunning', () => {
  it('waits until every container runs and returns the pod', async () => {
    let uid = '';
    const { result, virtualMs } = await runOneStep(async (ctx) => {
      await applySubmission(ctx);
      uid = (await awaitPodRunning(ctx, 'cache-pod')).uid;
    });
    expect(result.status).toBe('passed');
    expect(uid).toMatch(/^uid-/);
    expect(virtualMs).toBe(2_000);
  });

  it('fails fast on an image that cannot be pulled, naming the image', async () => {
    const submission = submissionFromYaml({ 'pod.yaml': podYaml('cache-pod', { writer: 'busybox:1.36', reader: 'busybox:does-not-exist' }) });
    const { result, virtualMs } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await awaitPodRunning(ctx, 'cache-pod');
      },
      { submission },
    );
    expect(result.status).toBe('failed');
    expect(result.message?.en).toBe(
      'Pod cache-pod: container reader cannot pull its image "busybox:does-not-exist" (ImagePullBackOff); check the image name and tag (busybox:1.36 works)',
    );
    expect(result.message?.['zh-cn']).toContain('“busybox:does-not-exist”');
    expect(result.observed).toContain('reader waiting (ImagePullBackOff: Back-off pulling image "busybox:does-not-exist")');
    expect(virtualMs).toBeLessThan(5_000);
  });

  it('fails fast on CrashLoopBackOff from the container itself, but not after the grader killed it', async () => {
    const crashing = new FakeCluster();
    const a = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await ctx.cluster.clock.sleep(3_000);
        Object.assign(crashing.rawPod('cache-pod')!.containers[0], { state: 'waiting', reason: 'CrashLoopBackOff', lastExitCode: 1 });
        await awaitPodRunning(ctx, 'cache-pod');
      },
      { fake: crashing },
    );
    expect(a.result.message?.en).toContain('container writer keeps exiting (CrashLoopBackOff, last exit code 1)');
    expect(a.virtualMs).toBe(3_000);

    const killed = new FakeCluster();
    const b = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await ctx.cluster.clock.sleep(3_000);
        const c = killed.rawPod('cache-pod')!.containers[0];
        Object.assign(c, { state: 'waiting', reason: 'CrashLoopBackOff', lastExitCode: 137 });
        killed.clock.after(10_000, () => Object.assign(c, { state: 'running', reason: undefined }));
        await awaitPodRunning(ctx, 'cache-pod');
      },
      { fake: killed },
    );
    expect(b.result.status).toBe('passed');
    expect(b.virtualMs).toBe(13_000);
  });

  it('fails once a mount failure has lasted the grace period', async () => {
    const fake = new FakeCluster({ podReason: { reason: 'FailedMount', message: 'hostPath type check failed: /data is not a directory' } });
    const { result, virtualMs } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await awaitPodRunning(ctx, 'cache-pod');
      },
      { fake },
    );
    expect(result.message?.en).toBe('Pod cache-pod cannot mount its volumes (FailedMount): hostPath type check failed: /data is not a directory');
    expect(virtualMs).toBe(MOUNT_FAILURE_GRACE_MS);
  });

  it('reports an Unschedulable reason as the last observation on timeout', async () => {
    const fake = new FakeCluster({ podReason: { reason: 'Unschedulable', message: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector." } });
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await awaitPodRunning(ctx, 'cache-pod', { timeoutMs: 30_000 });
      },
      { fake },
    );
    expect(result.message?.en).toBe('Pod cache-pod did not start running (waited 30 s)');
    expect(result.observed).toContain("Unschedulable: 0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.");
  });

  it('says the pod does not exist when it was never created', async () => {
    const { result } = await runOneStep((ctx) => awaitPodRunning(ctx, 'ghost', { timeoutMs: 3_000 }).then(() => undefined));
    expect(result.observed).toBe('Pod ghost does not exist yet');
  });

  it('fails fast when the pod has finished', async () => {
    const fake = new FakeCluster();
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await ctx.cluster.clock.sleep(3_000);
        const pod = fake.rawPod('cache-pod')!;
        pod.phase = 'Succeeded';
        for (const c of pod.containers) Object.assign(c, { state: 'terminated', reason: 'Completed' });
        await awaitPodRunning(ctx, 'cache-pod');
      },
      { fake },
    );
    expect(result.message?.en).toContain('Pod cache-pod has finished (phase Succeeded)');
  });
});

describe('awaitPodsRunning and awaitReplacementPods', () => {
  const twoPods = submissionFromYaml({
    'a.yaml': podYaml('web-a', { app: 'busybox:1.36' }).replace('app: web-a', 'app: web'),
    'b.yaml': podYaml('web-b', { app: 'busybox:1.36' }).replace('app: web-b', 'app: web'),
  });

  it('waits for the labelled pods and returns them sorted by name', async () => {
    let names: string[] = [];
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        names = (await awaitPodsRunning(ctx, { app: 'web' }, 2)).map((p) => p.name);
      },
      { submission: twoPods },
    );
    expect(result.status).toBe('passed');
    expect(names).toEqual(['web-a', 'web-b']);
  });

  it('times out saying how many pods it found', async () => {
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await awaitPodsRunning(ctx, { app: 'web' }, 3, { timeoutMs: 10_000 });
      },
      { submission: twoPods },
    );
    expect(result.message?.en).toBe('the 3 pod(s) labelled app=web did not all start running (waited 10 s)');
    expect(result.observed).toMatch(/^2 of 3 pod\(s\) labelled app=web: Pod web-a, phase Running/);
  });

  it('counts only pods with new uids as replacements', async () => {
    const fake = new FakeCluster();
    let seen: string[] = [];
    let waited = 0;
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        const before = await awaitPodsRunning(ctx, { app: 'web' }, 2);
        await ctx.cluster.deletePod('web-a');
        const deletedAt = fake.clock.now();
        // A controller would re-create web-a; the fake does it 5 s later.
        fake.clock.after(5_000, () => fake.createPod(twoPods.find('Pod', 'web-a')!.object));
        const after = await awaitReplacementPods(ctx, { app: 'web' }, 2, [before[0].uid]);
        seen = after.map((p) => `${p.name}:${before.some((b) => b.uid === p.uid) ? 'same' : 'replaced'}`);
        waited = fake.clock.now() - deletedAt;
        // web-b is not new, so asking for two replacements must time out.
        await awaitReplacementPods(ctx, { app: 'web' }, 2, before.map((p) => p.uid), { timeoutMs: 5_000 });
      },
      { fake, submission: twoPods },
    );
    expect(seen).toEqual(['web-a:replaced', 'web-b:same']);
    expect(waited).toBe(7_000); // re-created after 5 s, running 2 s later
    expect(result.message?.en).toBe('no 2 new pod(s) labelled app=web replaced the deleted ones (waited 5 s)');
    expect(result.observed).toContain('not counting 2 old pod(s)');
  });
});

describe('awaitNamedPodsRunning', () => {
  const twoPods = () => submissionFromYaml({ 'web.yaml': `${podYaml('web-0', { app: 'busybox:1.36' })}---\n${podYaml('web-1', { app: 'busybox:1.36' })}` });

  it('returns the pods in the order named once all of them run', async () => {
    let names: string[] = [];
    const { result, virtualMs } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        names = (await awaitNamedPodsRunning(ctx, ['web-1', 'web-0'])).map((p) => p.name);
      },
      { submission: twoPods() },
    );
    expect(result.status).toBe('passed');
    expect(names).toEqual(['web-1', 'web-0']);
    expect(virtualMs).toBe(2_000);
  });

  /** Both pods start, then (3 s later) their containers are set to the given states; the wait's result. */
  async function crashed(web0: object, web1: object) {
    const fake = new FakeCluster();
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await ctx.cluster.clock.sleep(3_000);
        Object.assign(fake.rawPod('web-0')!.containers[0], web0);
        Object.assign(fake.rawPod('web-1')!.containers[0], web1);
        await awaitNamedPodsRunning(ctx, ['web-0', 'web-1']);
      },
      { submission: twoPods(), fake },
    );
    return result;
  }

  it('names the first pod that crashed when a later one is caught in CrashLoopBackOff while the first runs between two restarts', async () => {
    // web-0 has crashed once and is running for an instant; web-1 waits out its back-off.
    const result = await crashed({ restartCount: 1, lastExitCode: 1 }, { state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 1, lastExitCode: 1 });
    expect(result.status).toBe('failed');
    expect(result.message?.en).toBe('Pod web-0: container app keeps exiting (CrashLoopBackOff, last exit code 1); it must keep running, e.g. command: ["sh", "-c", "sleep 3600"]');
    expect(result.message?.['zh-cn']).toContain('Pod web-0：容器 app 不断退出');
    expect(result.observed).toContain('Pod web-1');
  });

  it('names the crashing pod itself when no pod before it crashed (a grader kill, exit 137, does not count)', async () => {
    const result = await crashed({ restartCount: 1, lastExitCode: 137 }, { state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 2, lastExitCode: 2 });
    expect(result.message?.en).toContain('Pod web-1: container app keeps exiting (CrashLoopBackOff, last exit code 2)');
  });

  it('on timeout names the pods and what it last saw of each', async () => {
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await awaitNamedPodsRunning(ctx, ['web-0', 'web-1', 'web-2'], { timeoutMs: 5_000 });
      },
      { submission: twoPods() },
    );
    expect(result.message?.en).toBe('the Pods web-0, web-1, web-2 did not all start running (waited 5 s)');
    expect(result.message?.['zh-cn']).toContain('Pod web-0, web-1, web-2 没有全部进入运行状态');
    expect(result.observed).toContain('Pod web-2 does not exist yet');
  });
});
