import { describe, expect, it } from 'vitest';
import { applySubmission, awaitDeletionStarted, awaitGone, awaitPvcPhase, awaitPvPhase } from '../../../src/grader/scenario/index.ts';
import { FakeCluster } from '../run/fake-cluster.ts';
import { runOneStep } from '../run/helpers.ts';
import { submissionFromYaml } from '../run/submission.ts';

const storage = submissionFromYaml({
  'storage.yaml': `apiVersion: v1
kind: PersistentVolume
metadata:
  name: course-pv
spec:
  capacity: { storage: 1Gi }
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ""
status:
  phase: Available
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: course-pvc
spec:
  accessModes: [ReadWriteOnce]
  resources: { requests: { storage: 500Mi } }
status:
  phase: Pending
`,
});

describe('PVC and PV phases', () => {
  it('waits until the claim binds', async () => {
    const fake = new FakeCluster();
    const { result, virtualMs } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        fake.clock.after(3_000, () => {
          void fake.get('PersistentVolumeClaim', 'course-pvc').then((pvc) => Object.assign(pvc!, { status: { phase: 'Bound' } }));
          void fake.get('PersistentVolume', 'course-pv').then((pv) => Object.assign(pv!, { status: { phase: 'Bound' } }));
        });
        await awaitPvcPhase(ctx, 'course-pvc', 'Bound');
        await awaitPvPhase(ctx, 'course-pv', 'Bound');
      },
      { fake, submission: storage },
    );
    expect(result.status).toBe('passed');
    expect(virtualMs).toBeGreaterThanOrEqual(3_000);
    expect(virtualMs).toBeLessThanOrEqual(4_000);
  });

  it('explains a claim that stays Pending: no storageClassName means the default class', async () => {
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await awaitPvcPhase(ctx, 'course-pvc', 'Bound', { timeoutMs: 20_000 });
      },
      { submission: storage },
    );
    expect(result.message).toEqual({
      en: 'PersistentVolumeClaim course-pvc did not become Bound (waited 20 s)',
      'zh-cn': 'PersistentVolumeClaim course-pvc 没有变为 Bound（等待了 20 秒）',
    });
    expect(result.observed).toBe(
      'PersistentVolumeClaim course-pvc is Pending, storageClassName (not set: the default class applies), volumeName (none), requests 500Mi',
    );
  });

  it('fails at once on a Lost claim', async () => {
    const fake = new FakeCluster();
    const { result, virtualMs } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        (await fake.get('PersistentVolumeClaim', 'course-pvc'))!.status = { phase: 'Lost' };
        await awaitPvcPhase(ctx, 'course-pvc', 'Bound');
      },
      { fake, submission: storage },
    );
    expect(result.message?.en).toContain('course-pvc is Lost');
    expect(virtualMs).toBe(0);
  });

  it('describes the PV on timeout', async () => {
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await awaitPvPhase(ctx, 'course-pv', 'Released', { timeoutMs: 5_000 });
      },
      { submission: storage },
    );
    expect(result.observed).toBe('PersistentVolume course-pv is Available, claim (none), storageClassName "", reclaimPolicy Retain');
  });
});

describe('awaitGone', () => {
  it('passes once the object is deleted', async () => {
    const fake = new FakeCluster();
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        fake.clock.after(2_500, () => void fake.delete('PersistentVolume', 'course-pv'));
        await awaitGone(ctx, 'PersistentVolume', 'course-pv');
      },
      { fake, submission: storage },
    );
    expect(result.status).toBe('passed');
  });

  it('names the finalizers of an object stuck terminating', async () => {
    const fake = new FakeCluster();
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        const pvc = (await fake.get('PersistentVolumeClaim', 'course-pvc'))!;
        Object.assign(pvc.metadata, { deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['kubernetes.io/pvc-protection'] });
        await awaitGone(ctx, 'PersistentVolumeClaim', 'course-pvc', { timeoutMs: 10_000 });
      },
      { fake, submission: storage },
    );
    expect(result.message?.en).toBe('PersistentVolumeClaim course-pvc was not removed (waited 10 s)');
    expect(result.observed).toBe(
      'PersistentVolumeClaim course-pvc still exists (being deleted since 2026-01-01T00:00:00Z, finalizers: kubernetes.io/pvc-protection)',
    );
  });
});

describe('awaitDeletionStarted', () => {
  it('ends as soon as the object has a deletionTimestamp, without waiting for it to go', async () => {
    const fake = new FakeCluster();
    const { result, virtualMs } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        fake.clock.after(1_500, () => void fake.get('PersistentVolumeClaim', 'course-pvc').then((pvc) => Object.assign(pvc!.metadata, { deletionTimestamp: '2026-01-01T00:00:00Z' })));
        await awaitDeletionStarted(ctx, 'PersistentVolumeClaim', 'course-pvc');
      },
      { fake, submission: storage },
    );
    expect(result.status).toBe('passed');
    expect(virtualMs).toBeGreaterThanOrEqual(1_500);
    expect(virtualMs).toBeLessThan(3_000);
  });

  it('says that nothing started deleting the object', async () => {
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await awaitDeletionStarted(ctx, 'PersistentVolumeClaim', 'course-pvc', { timeoutMs: 5_000 });
      },
      { submission: storage },
    );
    expect(result.message).toEqual({
      en: 'nothing started deleting PersistentVolumeClaim course-pvc (waited 5 s)',
      'zh-cn': '没有任何组件开始删除 PersistentVolumeClaim course-pvc（等待了 5 秒）',
    });
  });
});
