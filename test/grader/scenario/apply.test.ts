import { describe, expect, it } from 'vitest';
import { ApplyError } from '../../../src/grader/cluster/cluster.ts';
import { applySubmission, ofKind } from '../../../src/grader/scenario/index.ts';
import { FakeCluster } from '../run/fake-cluster.ts';
import { runOneStep } from '../run/helpers.ts';
import { podYaml, submissionFromYaml } from '../run/submission.ts';

const sub = submissionFromYaml({
  'pvc.yaml': 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: dyn-pvc\n',
  'pod.yaml': `# the pod\n${podYaml('dyn-pod', { app: 'busybox:1.36' })}`,
});

describe('applySubmission', () => {
  it('applies the filtered objects in file order and returns them', async () => {
    let applied: string[] = [];
    const { result, fake } = await runOneStep(
      async (ctx) => {
        applied = (await applySubmission(ctx, ofKind('PersistentVolumeClaim'))).map((o) => o.object.metadata.name);
        await applySubmission(ctx);
      },
      { submission: sub },
    );
    expect(result.status).toBe('passed');
    expect(applied).toEqual(['dyn-pvc']);
    expect(fake.calls.filter((c) => c.startsWith('apply'))).toEqual(['apply PersistentVolumeClaim/dyn-pvc', 'apply PersistentVolumeClaim/dyn-pvc,Pod/dyn-pod']);
  });

  it('names the refused object and its file:line', async () => {
    const fake = new FakeCluster({
      applyError: new ApplyError('Pod "dyn-pod" is invalid: spec.containers[0].image: Required value', { kind: 'Pod', name: 'dyn-pod' }),
    });
    const { result } = await runOneStep((ctx) => applySubmission(ctx).then(() => undefined), { fake, submission: sub });
    expect(result.message).toEqual({ en: 'the cluster refused Pod dyn-pod from pod.yaml:2', 'zh-cn': '集群拒绝了 pod.yaml:2 中的 Pod dyn-pod' });
    expect(result.observed).toBe('Pod "dyn-pod" is invalid: spec.containers[0].image: Required value');
  });

  it('fails when nothing matches the filter', async () => {
    const { result, fake } = await runOneStep((ctx) => applySubmission(ctx, ofKind('StorageClass')).then(() => undefined), { submission: sub });
    expect(result.message?.en).toBe('your files contain none of the objects this step applies');
    expect(fake.calls.some((c) => c.startsWith('apply'))).toBe(false);
  });
});
