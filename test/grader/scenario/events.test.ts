import { describe, expect, it } from 'vitest';
import { hasEvent } from '../../../src/grader/scenario/index.ts';
import { FakeCluster } from '../run/fake-cluster.ts';
import { runOneStep } from '../run/helpers.ts';

const event = (kind: string, name: string, reason: string) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: `${name}.${reason}` },
  involvedObject: { kind, name },
  reason,
});

describe('hasEvent', () => {
  it('finds an event only by the object it is about and its reason', async () => {
    const fake = new FakeCluster();
    const seen: boolean[] = [];
    await runOneStep(
      async (ctx) => {
        await fake.apply([event('PersistentVolumeClaim', 'dyn-pvc', 'WaitForFirstConsumer'), event('Pod', 'other', 'Scheduled')]);
        seen.push(await hasEvent(ctx, 'PersistentVolumeClaim', 'dyn-pvc', 'WaitForFirstConsumer'));
        seen.push(await hasEvent(ctx, 'PersistentVolumeClaim', 'other', 'WaitForFirstConsumer'));
        seen.push(await hasEvent(ctx, 'Pod', 'dyn-pvc', 'WaitForFirstConsumer'));
        seen.push(await hasEvent(ctx, 'PersistentVolumeClaim', 'dyn-pvc', 'ProvisioningSucceeded'));
      },
      { fake },
    );
    expect(seen).toEqual([true, false, false, false]);
  });
});
