import { describe, expect, it } from 'vitest';
import {
  applySubmission,
  awaitPodRunning,
  deleteAndRecreatePod,
  killAndAwaitRestart,
} from '../../../src/grader/scenario/index.ts';
import type { ContainerView } from '../../../src/grader/cluster/cluster.ts';
import { FakeCluster } from '../run/fake-cluster.ts';
import { runOneStep } from '../run/helpers.ts';
import { podYaml, submissionFromYaml } from '../run/submission.ts';

describe('killAndAwaitRestart', () => {
  it('waits for restartCount + 1, a new container id and running', async () => {
    let before: ContainerView | undefined;
    let after: ContainerView | undefined;
    const fake = new FakeCluster({ restartDelayMs: 4_000 });
    const { result, virtualMs } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        before = (await awaitPodRunning(ctx, 'cache-pod')).containers.find((c) => c.name === 'writer');
        after = await killAndAwaitRestart(ctx, 'cache-pod', 'writer');
      },
      { fake },
    );
    expect(result.status).toBe('passed');
    expect(after?.restartCount).toBe((before?.restartCount ?? -1) + 1);
    expect(after?.containerID).not.toBe(before?.containerID);
    expect(after?.state).toBe('running');
    expect(fake.calls).toContain('kill cache-pod/writer');
    expect(virtualMs).toBe(2_000 + 4_000);
  });

  it('is not fooled by a status that still shows the old container right after the kill', async () => {
    const fake = new FakeCluster();
    const realKill = fake.killContainer.bind(fake);
    // The kubelet reports the kill a little later: right after it, status still shows the old container running.
    fake.killContainer = async (pod, container) => void fake.clock.after(1_500, () => void realKill(pod, container));
    let ids: (string | undefined)[] = [];
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        const before = (await awaitPodRunning(ctx, 'cache-pod')).containers[0];
        const after = await killAndAwaitRestart(ctx, 'cache-pod', 'writer');
        ids = [before.containerID, after.containerID, String(after.restartCount)];
      },
      { fake },
    );
    expect(result.status).toBe('passed');
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[2]).toBe('1');
  });

  it('refuses a pod with restartPolicy Never before killing anything', async () => {
    const submission = submissionFromYaml({ 'pod.yaml': podYaml('cache-pod', { writer: 'busybox:1.36' }, '  restartPolicy: Never\n') });
    const { result, fake } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await killAndAwaitRestart(ctx, 'cache-pod', 'writer');
      },
      { submission },
    );
    expect(result.status).toBe('failed');
    expect(result.message?.en).toContain('Pod cache-pod has restartPolicy: Never, so the kubelet will not restart a killed container');
    expect(result.message?.['zh-cn']).toContain('restartPolicy: Never');
    expect(result.observed).toBe('spec.restartPolicy: Never');
    expect(fake.calls.some((c) => c.startsWith('kill'))).toBe(false);
  });

  it('fails with the before/after state when the container does not come back', async () => {
    const fake = new FakeCluster({ restartDelayMs: 10 * 60_000 });
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await killAndAwaitRestart(ctx, 'cache-pod', 'writer', { timeoutMs: 20_000 });
      },
      { fake },
    );
    expect(result.message?.en).toBe(
      'container writer of Pod cache-pod was killed but did not come back (restartCount +1, a new container id, running) (waited 20 s)',
    );
    expect(result.observed).toMatch(/writer terminated \(Error\), restarts 0, last exit code 137; .*before the kill: restarts 0, containerID containerd:\/\/c-\d+/);
  });

  it('names the containers when the container does not exist', async () => {
    const { result } = await runOneStep(async (ctx) => {
      await applySubmission(ctx);
      await killAndAwaitRestart(ctx, 'cache-pod', 'sidecar');
    });
    expect(result.message?.en).toBe('Pod cache-pod has no container named sidecar (it has: writer, reader)');
  });
});

describe('deleteAndRecreatePod', () => {
  it('deletes, re-applies the submitted pod and returns the running pod with a new uid', async () => {
    let uids: string[] = [];
    const { result, fake } = await runOneStep(async (ctx) => {
      await applySubmission(ctx);
      const old = await awaitPodRunning(ctx, 'cache-pod');
      const fresh = await deleteAndRecreatePod(ctx, 'cache-pod');
      uids = [old.uid, fresh.uid];
    });
    expect(result.status).toBe('passed');
    expect(uids[0]).not.toBe(uids[1]);
    expect(fake.calls).toEqual(['prepare', 'apply Pod/cache-pod', 'deletePod cache-pod', 'apply Pod/cache-pod', 'cleanup']);
  });

  it('does not accept the old pod back: a new uid is required', async () => {
    const fake = new FakeCluster();
    fake.deletePod = async (name) => void fake.calls.push(`deletePod ${name} (ignored)`);
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await awaitPodRunning(ctx, 'cache-pod');
        await deleteAndRecreatePod(ctx, 'cache-pod', { timeoutMs: 15_000 });
      },
      { fake },
    );
    expect(result.message?.en).toBe('Pod cache-pod did not start running (waited 15 s)');
    expect(result.observed).toMatch(/^Pod cache-pod is still the old pod \(uid uid-\d+\)/);
  });

  it('fails before deleting when the submission has no such pod', async () => {
    const { result, fake } = await runOneStep(async (ctx) => {
      await deleteAndRecreatePod(ctx, 'other-pod');
    });
    expect(result.message?.en).toBe('your files have no Pod named other-pod to re-create it from');
    expect(fake.calls.some((c) => c.startsWith('deletePod'))).toBe(false);
  });
});
