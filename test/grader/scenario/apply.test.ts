import { describe, expect, it } from 'vitest';
import { ApplyError } from '../../../src/grader/cluster/cluster.ts';
import { applySubmission, ofKind, takenClusterIp, type Refusal } from '../../../src/grader/scenario/index.ts';
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

  it('a Service refused because its clusterIP is taken says so; a grader may explain it better', async () => {
    const svcSub = submissionFromYaml({
      'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nfs-server\nspec:\n  clusterIP: 10.96.100.100\n  ports:\n    - port: 2049\n',
    });
    const api = 'Service "nfs-server" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.100.100"}: failed to allocate IP 10.96.100.100: provided IP is already allocated';
    const taken = () => new FakeCluster({ applyError: new ApplyError(api, { kind: 'Service', name: 'nfs-server' }) });
    const general = await runOneStep((ctx) => applySubmission(ctx).then(() => undefined), { fake: taken(), submission: svcSub });
    expect(general.result.message?.en).toBe(
      'the cluster refused Service nfs-server from svc.yaml:1: its clusterIP 10.96.100.100 is already taken by another Service in the cluster; leave clusterIP out (or pick a free address)',
    );
    expect(general.result.message?.['zh-cn']).toContain('它的 clusterIP 10.96.100.100 已被集群中的另一个 Service 占用');
    expect(general.result.observed).toBe(api);

    const seen: Refusal[] = [];
    const explained = await runOneStep(
      (ctx) =>
        applySubmission(ctx, undefined, {
          explain: (r) => (seen.push(r), { en: `mine: ${r.name} at ${r.file} wants ${takenClusterIp(r)}`, 'zh-cn': '我的解释' }),
        }).then(() => undefined),
      { fake: taken(), submission: svcSub },
    );
    expect(seen).toEqual([{ kind: 'Service', name: 'nfs-server', file: 'svc.yaml:1', message: api }]);
    expect(explained.result.message).toEqual({ en: 'mine: nfs-server at svc.yaml:1 wants 10.96.100.100', 'zh-cn': '我的解释' });
    expect(explained.result.observed).toBe(api);
  });

  it('takenClusterIp reads the address only from a Service refused as already allocated', () => {
    expect(takenClusterIp({ kind: 'Service', message: 'Service "x" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated' })).toBe('10.96.0.10');
    expect(takenClusterIp({ kind: 'Service', message: 'Service "x" is invalid: spec.ports: Required value' })).toBeUndefined();
    expect(takenClusterIp({ kind: 'Pod', message: 'provided IP is already allocated' })).toBeUndefined();
  });

  it('fails when nothing matches the filter', async () => {
    const { result, fake } = await runOneStep((ctx) => applySubmission(ctx, ofKind('StorageClass')).then(() => undefined), { submission: sub });
    expect(result.message?.en).toBe('your files contain none of the objects this step applies');
    expect(fake.calls.some((c) => c.startsWith('apply'))).toBe(false);
  });
});
