/** The model back end honours the Cluster contract (src/grader/cluster/cluster.ts). */
import { describe, it, expect } from 'vitest';
import { ApplyError, ExecError, type K8sObject } from '../../../../src/grader/cluster/cluster.ts';
import { createModelCluster, runIdFromSeed, RUN_LABEL } from '../../../../src/grader/cluster/model/model-cluster.ts';
import { NotModelledError } from '../../../../src/model/index.ts';
import { fixture, pv, pvc, sleeper } from '../../../model/helpers.ts';

async function until<T>(cluster: ReturnType<typeof createModelCluster>, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const end = cluster.clock.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (cluster.clock.now() >= end) throw new Error('timed out (virtual)');
    await cluster.clock.sleep(500);
  }
}

describe('model cluster: identity', () => {
  it('says it is the offline model', () => {
    expect(createModelCluster().info).toEqual({
      backend: 'model',
      isModel: true,
      description: { en: 'offline storage model (not a real cluster)', 'zh-cn': '离线存储模型（不是真实集群）' },
    });
  });

  it('runs in namespace course-<runId>; runId defaults from the seed', () => {
    expect(createModelCluster({ runId: 'abc' }).namespace).toBe('course-abc');
    expect(createModelCluster({ seed: 9 }).namespace).toBe(`course-${runIdFromSeed(9)}`);
    expect(runIdFromSeed(9)).toMatch(/^[a-z0-9]{6}$/);
    expect(runIdFromSeed(9)).not.toBe(runIdFromSeed(10));
  });

  it('prepare creates the namespace, is idempotent, and rejects when aborted', async () => {
    const c = createModelCluster({ runId: 'p' });
    await c.prepare();
    await c.prepare();
    expect(c.model.get({ kind: 'Namespace', name: 'course-p' })).toBeDefined();
    const ac = new AbortController();
    ac.abort();
    await expect(createModelCluster().prepare(ac.signal)).rejects.toBeDefined();
  });

  it('has two workers, sorted', async () => {
    expect(await createModelCluster().workers()).toEqual(['course-worker', 'course-worker2']);
  });
});

describe('model cluster: clock', () => {
  it('sleep advances virtual time without real waiting', async () => {
    const c = createModelCluster();
    const t0 = c.clock.now();
    const wall = performance.now();
    for (let i = 0; i < 180; i++) await c.clock.sleep(500);
    expect(c.clock.now() - t0).toBe(90_000);
    expect(performance.now() - wall).toBeLessThan(200);
  });

  it('sleep rejects if the signal is aborted', async () => {
    const ac = new AbortController();
    ac.abort(new Error('ctrl-c'));
    await expect(createModelCluster().clock.sleep(1000, ac.signal)).rejects.toThrow('ctrl-c');
  });
});

describe('model cluster: objects', () => {
  it('apply puts namespaced objects in the run namespace whatever their namespace says', async () => {
    const c = createModelCluster({ runId: 'ns' });
    await c.prepare();
    await c.apply([{ ...sleeper('p'), metadata: { name: 'p', namespace: 'production' } }]);
    expect(c.model.get({ kind: 'Pod', name: 'p', namespace: 'course-ns' })).toBeDefined();
    expect(c.model.get({ kind: 'Pod', name: 'p', namespace: 'production' })).toBeUndefined();
    expect((await c.get('Pod', 'p'))?.metadata.namespace).toBe('course-ns');
  });

  it('cluster-scoped objects keep their names and carry the run label', async () => {
    const c = createModelCluster({ runId: 'cs' });
    await c.apply([pv('keep-name')]);
    expect((await c.get('PersistentVolume', 'keep-name'))?.metadata.labels?.[RUN_LABEL]).toBe('cs');
  });

  it('apply does not change the caller\'s objects', async () => {
    const c = createModelCluster();
    const obj = sleeper('p');
    await c.apply([obj]);
    expect(obj.metadata.namespace).toBeUndefined();
  });

  it('apply rejects with an ApplyError (NotModelledError) for what the model does not simulate', async () => {
    const c = createModelCluster();
    const err = await c.apply([{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } } as K8sObject]).catch((e) => e);
    expect(err).toBeInstanceOf(ApplyError);
    expect(err).toBeInstanceOf(NotModelledError);
  });

  it('get, list, pod and pods read the run namespace', async () => {
    const c = createModelCluster();
    await c.apply([{ ...sleeper('a'), metadata: { name: 'a', labels: { app: 'x' } } }, sleeper('b')]);
    expect((await c.list('Pod', { app: 'x' })).map((p) => p.metadata.name)).toEqual(['a']);
    expect((await c.pods()).map((p) => p.name)).toEqual(['a', 'b']);
    expect(await c.pod('nope')).toBeUndefined();
    const view = (await c.pod('a'))!;
    expect(view).toMatchObject({ name: 'a', phase: 'Running', terminating: false, labels: { app: 'x' } });
    expect(view.containers[0]).toMatchObject({ name: 'app', state: 'running', ready: true, restartCount: 0 });
    expect(view.containers[0]!.containerID).toMatch(/^containerd:\/\//);
  });

  it('a pod view carries the scheduling or mount reason', async () => {
    const c = createModelCluster();
    await c.apply([sleeper('stuck', { nodeSelector: { 'storage-course/role': 'data' } }), sleeper('nfs', { volumes: [{ name: 'v', nfs: { server: 'nfs.example.com', path: '/' } }] }, { volumeMounts: [{ name: 'v', mountPath: '/v' }] })]);
    expect(await c.pod('stuck')).toMatchObject({ phase: 'Pending', reason: 'Unschedulable', message: expect.stringContaining("didn't match Pod's node affinity/selector") });
    expect(await c.pod('nfs')).toMatchObject({ phase: 'Pending', reason: 'FailedMount', message: expect.stringContaining('Failed to resolve server nfs.example.com') });
    expect((await c.pod('nfs'))!.containers[0]).toMatchObject({ state: 'waiting', reason: 'ContainerCreating' });
  });

  it('a container view shows the waiting reason and the last exit code', async () => {
    const c = createModelCluster();
    await c.apply([sleeper('crash', {}, { command: ['sh', '-c', 'exit 2'] }), sleeper('img', {}, { image: 'busybox:does-not-exist' })]);
    expect((await c.pod('crash'))!.containers[0]).toMatchObject({ state: 'waiting', reason: 'CrashLoopBackOff', lastExitCode: 2 });
    expect((await c.pod('img'))!.containers[0]).toMatchObject({ state: 'waiting', reason: 'ErrImagePull' });
  });

  it('a container whose command cannot start shows StartError, exit 128 and the runtime\'s message as its last state', async () => {
    const c = createModelCluster();
    await c.apply([sleeper('nosh', {}, { image: 'gcr.io/distroless/static:nonroot' })]);
    await c.clock.sleep(1_000);
    expect((await c.pod('nosh'))!.containers[0]).toMatchObject({
      state: 'waiting',
      reason: 'CrashLoopBackOff',
      lastExitCode: 128,
      lastReason: 'StartError',
      lastMessage: 'exec: "sh": executable file not found in $PATH',
    });
    await c.apply([sleeper('ok')]);
    await c.killContainer('ok', 'app');
    await c.clock.sleep(1_000);
    const killed = (await c.pod('ok'))!.containers[0]!;
    expect(killed).toMatchObject({ state: 'running', lastExitCode: 137, lastReason: 'Error' });
    expect(killed.lastMessage).toBeUndefined();
  });
});

describe('model cluster: operations', () => {
  it('killContainer returns at once; the restart (restartCount + 1, new id) shows after the clock moves', async () => {
    const c = createModelCluster();
    await c.apply([sleeper('p')]);
    const before = (await c.pod('p'))!.containers[0]!;
    await c.killContainer('p', 'app');
    expect((await c.pod('p'))!.containers[0]!.containerID).toBe(before.containerID);
    const after = await until(c, async () => {
      const v = (await c.pod('p'))!.containers[0]!;
      return v.restartCount === before.restartCount + 1 && v.state === 'running' ? v : undefined;
    });
    expect(after.containerID).not.toBe(before.containerID);
    expect(after.lastExitCode).toBe(137);
  });

  it('deletePod waits (virtually) until the pod is gone', async () => {
    const c = createModelCluster();
    await c.apply([sleeper('p')]);
    const t0 = c.clock.now();
    await c.deletePod('p');
    expect(await c.pod('p')).toBeUndefined();
    expect(c.clock.now() - t0).toBeGreaterThanOrEqual(1000);
  });

  it('delete waits by default; a claim in use stays Terminating with wait: false', async () => {
    const c = createModelCluster();
    await c.apply([pv('v'), pvc('c'), sleeper('p', { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'c' } }] }, { volumeMounts: [{ name: 'd', mountPath: '/d' }] })]);
    await c.delete('PersistentVolumeClaim', 'c', { wait: false });
    expect((await c.get('PersistentVolumeClaim', 'c'))?.metadata.deletionTimestamp).toBeDefined();
    await expect(c.delete('PersistentVolumeClaim', 'c')).rejects.toThrow(/still not gone/);
    await c.deletePod('p');
    await c.delete('PersistentVolumeClaim', 'c');
    expect(await c.get('PersistentVolumeClaim', 'c')).toBeUndefined();
    expect((await c.get('PersistentVolume', 'v'))?.status?.phase).toBe('Released');
  });

  it('readFile returns undefined for a missing file and throws ExecError when the container is not running or has no shell', async () => {
    const c = createModelCluster();
    await c.apply([sleeper('p'), sleeper('pause', {}, { image: 'registry.k8s.io/pause:3.10', command: undefined }), sleeper('bad', {}, { image: 'busybox:does-not-exist' })]);
    expect(await c.readFile('p', 'app', '/tmp/none')).toBeUndefined();
    await c.writeFile('p', 'app', '/tmp/x', 'data');
    expect(await c.readFile('p', 'app', '/tmp/x')).toBe('data');
    await expect(c.readFile('pause', 'app', '/tmp/x')).rejects.toBeInstanceOf(ExecError);
    await expect(c.readFile('bad', 'app', '/tmp/x')).rejects.toBeInstanceOf(ExecError);
    await expect(c.writeFile('p', 'app', '/missing/dir/x', 'data')).rejects.toBeInstanceOf(ExecError);
  });

  it('readNodeFile and makeNodeDir reach a node\'s own filesystem', async () => {
    const c = createModelCluster();
    await c.makeNodeDir('course-worker', '/var/local/course-pv');
    expect(await c.readNodeFile('course-worker', '/var/local/course-pv/none')).toBeUndefined();
    await c.apply([sleeper('p', { nodeName: 'course-worker', volumes: [{ name: 'h', hostPath: { path: '/var/local/course-pv', type: 'Directory' } }] }, { volumeMounts: [{ name: 'h', mountPath: '/h' }] })]);
    await c.writeFile('p', 'app', '/h/t', 'node');
    expect(await c.readNodeFile('course-worker', '/var/local/course-pv/t')).toBe('node');
  });

  it('scale sets replicas', async () => {
    const c = createModelCluster();
    await c.apply(fixture('lesson-6'));
    await c.scale('StatefulSet', 'web', 3);
    await until(c, async () => ((await c.pod('web-2'))?.phase === 'Running' ? true : undefined));
  });

  it('installFixture(nfs-server) serves 10.96.100.100:/ behind a Service in course-fixtures, not in the run namespace (as on kind)', async () => {
    const c = createModelCluster({ runId: 'nfs' });
    await c.installFixture('nfs-server');
    await c.installFixture('nfs-server');
    expect(c.model.get({ kind: 'Service', name: 'nfs-server', namespace: 'course-fixtures' })?.spec.clusterIP).toBe('10.96.100.100');
    expect(await c.get('Service', 'nfs-server')).toBeUndefined();
    await c.apply([sleeper('client', { volumes: [{ name: 'v', nfs: { server: '10.96.100.100', path: '/' } }] }, { volumeMounts: [{ name: 'v', mountPath: '/v' }] })]);
    await c.clock.sleep(2_000);
    expect((await c.pod('client'))?.phase).toBe('Running');
  });

  it("a student's own Service on the fixture's ClusterIP is refused (IP already allocated), and the fixture keeps serving", async () => {
    const c = createModelCluster({ runId: 'own' });
    await c.installFixture('nfs-server');
    const own = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nfs-server' }, spec: { clusterIP: '10.96.100.100', selector: { app: 'nfs-server' }, ports: [{ name: 'nfs', port: 2049 }] } };
    const err = await c.apply([own]).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    expect(err).toMatchObject({ object: { kind: 'Service', name: 'nfs-server' } });
    expect((err as Error).message).toMatch(/^Service "nfs-server" is invalid: .*failed to allocate IP 10\.96\.100\.100: provided IP is already allocated$/);
    expect(await c.get('Service', 'nfs-server')).toBeUndefined();
    expect(c.model.get({ kind: 'Service', name: 'nfs-server', namespace: 'course-fixtures' })?.metadata.labels).toEqual({ app: 'nfs-server' });
  });

  it('diagnostics returns describe text with events and never rejects', async () => {
    const c = createModelCluster();
    await c.apply([sleeper('stuck', { nodeSelector: { none: 'x' } })]);
    const d = await c.diagnostics([{ kind: 'Pod', name: 'stuck' }, { kind: 'PersistentVolumeClaim', name: 'missing' }, { kind: 'Gadget', name: 'x' }]);
    expect(d).toHaveLength(3);
    expect(d[0]!.title).toBe('Pod/stuck (model)');
    expect(d[0]!.text).toContain('FailedScheduling');
    expect(d[1]!.text).toContain('not found');
    expect(d[2]!.text).toContain('could not describe');
  });

  it('cleanup removes the namespace, run-labelled cluster objects, claimed PVs and node labels; it is idempotent', async () => {
    const c = createModelCluster({ runId: 'clean' });
    await c.prepare();
    c.model.labelNode('course-worker2', { 'storage-course/role': 'before' });
    await c.labelNode('course-worker', { 'storage-course/role': 'data' });
    await c.labelNode('course-worker2', { 'storage-course/role': 'data' });
    await c.apply([...fixture('lesson-4'), ...fixture('lesson-5/storageclass.yaml'), fixture('lesson-5/pod.yaml')[0]!]);
    await c.installFixture('nfs-server');
    await c.cleanup();
    await c.cleanup();
    expect(c.model.list('Pod', { namespace: 'course-clean' })).toEqual([]);
    expect(c.model.list('PersistentVolumeClaim', { namespace: 'course-clean' })).toEqual([]);
    expect(c.model.get({ kind: 'Namespace', name: 'course-clean' })).toBeUndefined();
    expect(c.model.list('PersistentVolume')).toEqual([]);
    // course-csi is the course's CSI driver's class, installed with the cluster (not the run's).
    expect(c.model.list('StorageClass').map((s) => s.metadata.name)).toEqual(['course-csi', 'standard']);
    expect(c.model.get({ kind: 'Node', name: 'course-worker' })!.metadata.labels?.['storage-course/role']).toBeUndefined();
    expect(c.model.get({ kind: 'Node', name: 'course-worker2' })!.metadata.labels?.['storage-course/role']).toBe('before');
    // The fixture namespace this run created goes too; one it found is left alone.
    expect(c.model.get({ kind: 'Namespace', name: 'course-fixtures' })).toBeUndefined();
    const found = createModelCluster({ runId: 'found', model: c.model });
    c.model.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'course-fixtures' } });
    await found.installFixture('nfs-server');
    await found.cleanup();
    expect(c.model.get({ kind: 'Namespace', name: 'course-fixtures' })).toBeDefined();
  });

  it('cleanup is safe before prepare', async () => {
    await expect(createModelCluster().cleanup()).resolves.toBeUndefined();
  });
});
