import { describe, it, expect } from 'vitest';
import { FakeRunner } from '../../../../src/grader/exec/fake-runner.ts';
import { KubectlCluster } from '../../../../src/grader/cluster/common/kubectl-cluster.ts';
import type { ClusterBackend, NodeAccess } from '../../../../src/grader/cluster/common/backend.ts';
import { ApplyError, ClusterUnavailableError, ExecError, type K8sObject } from '../../../../src/grader/cluster/cluster.ts';
import { DF_SCRIPT, READ_SCRIPT, WRITE_SCRIPT } from '../../../../src/grader/cluster/common/file-scripts.ts';
import { fixtureJson, fixtureText, kubectl, list, virtualClock } from './helpers.ts';

const NS = 'course-run1';

class TestBackend implements ClusterBackend {
  readonly kind = 'kind' as const;
  torn = 0;
  kills: [string, string][] = [];
  removed: [string, string][] = [];
  made: [string, string][] = [];
  reads: [string, string][] = [];
  constructor(
    readonly ownsCluster = true,
    readonly waitForNamespaceDeletion = false,
  ) {}
  describe() {
    return { en: 'test cluster', 'zh-cn': '测试集群' };
  }
  async bringUp() {
    return { kubeconfig: '/kc' };
  }
  nodeAccess(): NodeAccess {
    return {
      killContainer: async (node, id) => void this.kills.push([node, id]),
      readFile: async (node, path) => (this.reads.push([node, path]), 'node-data'),
      makeDir: async (node, path) => void this.made.push([node, path]),
      removeDir: async (node, path) => void this.removed.push([node, path]),
    };
  }
  async tearDown() {
    this.torn++;
  }
}

const namespaceObj = (labels: Record<string, string>) => JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels } });

/** A runner that answers a healthy prepare() of run "run1". */
function preparedRunner(): FakeRunner {
  const nodes = fixtureJson('nodes-kind.json');
  nodes.items[1].metadata.labels['storage-course/role'] = 'data'; // left by a crashed run
  return new FakeRunner()
    .when(kubectl('get', 'persistentvolumes,storageclasses.storage.k8s.io', '-l'), { stdout: list([]) })
    .when(kubectl('get', 'nodes'), { stdout: JSON.stringify(nodes) })
    .when(kubectl('get', 'namespaces', '-l'), { stdout: list([]) })
    .when(kubectl('label', 'nodes'), {})
    .once('kubectl', ['--kubeconfig', '/kc', 'get', 'namespaces', NS], { stdout: '' })
    .when(kubectl('apply', '--server-side'), {})
    .once('kubectl', ['--kubeconfig', '/kc', 'get', 'serviceaccounts', 'default'], { stdout: '' }, { stdout: '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default"}}' });
}

async function prepared(runner = preparedRunner(), backend = new TestBackend()) {
  const cluster = new KubectlCluster({ runId: 'run1', runner, backend, clock: virtualClock() });
  await cluster.prepare();
  return { cluster, runner, backend };
}

describe('KubectlCluster.prepare', () => {
  it('removes what ended runs left, creates the labelled run namespace (no Pod Security label: the cluster\'s own policy applies) and waits for its ServiceAccount', async () => {
    const { runner, cluster } = await prepared();
    expect(cluster.namespace).toBe(NS);
    expect(runner.argvs()).toEqual([
      ['kubectl', '--kubeconfig', '/kc', 'get', 'persistentvolumes,storageclasses.storage.k8s.io', '-l', 'storage-course/run', '-o', 'json', '--request-timeout=30s'],
      ['kubectl', '--kubeconfig', '/kc', 'get', 'nodes', '-o', 'json', '--request-timeout=30s'],
      ['kubectl', '--kubeconfig', '/kc', 'get', 'namespaces', '-l', 'storage-course/run', '-o', 'json', '--request-timeout=30s'],
      ['kubectl', '--kubeconfig', '/kc', 'label', 'nodes', 'kind-worker', 'storage-course/role-', '--request-timeout=30s'],
      ['kubectl', '--kubeconfig', '/kc', 'get', 'namespaces', NS, '-o', 'json', '--ignore-not-found', '--request-timeout=30s'],
      ['kubectl', '--kubeconfig', '/kc', 'apply', '--server-side', '--field-manager=k8s-storage-course', '--force-conflicts', '--request-timeout=30s', '-f', '-'],
      ['kubectl', '--kubeconfig', '/kc', 'get', 'serviceaccounts', 'default', '-n', NS, '-o', 'json', '--ignore-not-found', '--request-timeout=30s'],
      ['kubectl', '--kubeconfig', '/kc', 'get', 'serviceaccounts', 'default', '-n', NS, '-o', 'json', '--ignore-not-found', '--request-timeout=30s'],
    ]);
    const applied = JSON.parse(runner.calls[5].input!);
    expect(applied.items[0].metadata).toEqual({
      name: NS,
      labels: { 'storage-course/run': 'run1', 'storage-course/managed': 'true' },
      // The virtual clock starts at 0: the run is live for 15 minutes unless it renews.
      annotations: { 'storage-course/alive-until': '1970-01-01T00:15:00.000Z' },
    });
  });

  it('refuses a run namespace it did not create, and cleanup then leaves it alone', async () => {
    const runner = new FakeRunner()
      .when(kubectl('get', 'nodes'), { stdout: list([]) })
      .when(kubectl('get', 'namespaces', NS), { stdout: namespaceObj({ team: 'x' }) })
      .when(kubectl('delete'), {});
    const cluster = new KubectlCluster({ runId: 'run1', runner, backend: new TestBackend(), clock: virtualClock() });
    await expect(cluster.prepare()).rejects.toBeInstanceOf(ClusterUnavailableError);
    await cluster.cleanup();
    expect(runner.argvs().some((a) => a.includes('delete') && a.includes('namespaces'))).toBe(false);
  });

  it('turns an API refusal into ClusterUnavailableError with a bilingual reason', async () => {
    const runner = new FakeRunner()
      .when(kubectl('get', 'nodes'), { stdout: list([]) })
      .when(kubectl('get', 'namespaces'), { stdout: '' })
      .when(kubectl('apply'), { exitCode: 1, stderr: 'Error from server (Forbidden): namespaces is forbidden: User "student" cannot create resource "namespaces"' });
    const cluster = new KubectlCluster({ runId: 'run1', runner, backend: new TestBackend(false, true), clock: virtualClock() });
    const err = await cluster.prepare().catch((e) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    expect(err.reason.en).toContain('cannot create resource "namespaces"');
    expect(err.reason['zh-cn']).toContain('无法创建本次评分的名字空间');
  });

  it('Ctrl-C right after the namespace was created: prepare rejects, and cleanup still deletes the namespace', async () => {
    const ac = new AbortController();
    const runner = new FakeRunner()
      .when(kubectl('get', 'nodes'), { stdout: list([]) })
      .when(kubectl('get', 'namespaces'), { stdout: '' })
      .when(kubectl('apply'), () => (ac.abort(new Error('interrupted')), {}))
      .when(kubectl('delete'), {});
    const cluster = new KubectlCluster({ runId: 'run1', runner, backend: new TestBackend(), clock: virtualClock() });
    await expect(cluster.prepare(ac.signal)).rejects.toThrow();
    await cluster.cleanup();
    expect(runner.argvs().some((a) => a.join(' ').includes(`delete namespaces ${NS}`))).toBe(true);
  });

  it('methods before prepare() fail clearly', async () => {
    const cluster = new KubectlCluster({ runId: 'run1', runner: new FakeRunner(), backend: new TestBackend() });
    await expect(cluster.workers()).rejects.toThrow('prepare() first');
  });
});

describe('KubectlCluster.apply', () => {
  const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'course-pv' }, spec: { capacity: { storage: '1Gi' } } };
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pv-pod', namespace: 'student-ns' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] } };

  it('checks cluster-scoped objects, then applies everything as one List', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('get', 'persistentvolumes', 'course-pv.run1'), { stdout: '' });
    await cluster.apply([pv, pod] as K8sObject[]);
    const call = runner.calls.at(-1)!;
    expect(call.args).toContain('apply');
    const items = JSON.parse(call.input!).items;
    expect(items.map((o: K8sObject) => [o.kind, o.metadata.name, o.metadata.namespace, o.metadata.labels])).toEqual([
      ['PersistentVolume', 'course-pv.run1', undefined, { 'storage-course/run': 'run1' }],
      ['Pod', 'pv-pod', NS, { 'storage-course/run': 'run1' }],
    ]);
  });

  it('refuses to overwrite a cluster-scoped object it did not create', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('get', 'persistentvolumes', 'course-pv.run1'), { stdout: JSON.stringify({ ...pv, metadata: { name: 'course-pv.run1' } }) });
    const before = runner.calls.length;
    const err = await cluster.apply([pv] as K8sObject[]).catch((e) => e);
    expect(err).toBeInstanceOf(ApplyError);
    expect(err.object).toEqual({ kind: 'PersistentVolume', name: 'course-pv' });
    expect(runner.calls.slice(before).some((c) => c.args.includes('apply'))).toBe(false);
  });

  it('replaces a leftover of an earlier run: delete, wait until gone, apply', async () => {
    const { cluster, runner } = await prepared();
    const leftover = JSON.stringify({ ...pv, metadata: { name: 'course-pv.run1', labels: { 'storage-course/run': 'run0' } } });
    runner.once('kubectl', ['--kubeconfig', '/kc', 'get', 'persistentvolumes', 'course-pv.run1'], { stdout: leftover }, { stdout: leftover }, { stdout: '' });
    runner.when(kubectl('delete', 'persistentvolumes', 'course-pv.run1'), {});
    const before = runner.calls.length;
    await cluster.apply([pv] as K8sObject[]);
    const verbs = runner.calls.slice(before).map((c) => c.args[2]);
    expect(verbs).toEqual(['get', 'delete', 'get', 'get', 'apply']);
  });

  it('reports the API\'s refusal as ApplyError naming the object', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('get', 'persistentvolumes'), { stdout: '' });
    runner.once('kubectl', ['--kubeconfig', '/kc', 'apply'], {
      exitCode: 1,
      stderr: 'The PersistentVolume "course-pv.run1" is invalid: spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n',
    });
    const err = await cluster.apply([pv] as K8sObject[]).catch((e) => e);
    expect(err).toBeInstanceOf(ApplyError);
    // Reported in the names the student wrote, not the run-scoped ones the API saw.
    expect(err.object).toEqual({ kind: 'PersistentVolume', name: 'course-pv' });
    expect(err.message).toContain('The PersistentVolume "course-pv" is invalid');
    expect(err.message).toContain('immutable after creation');
  });
});

describe('KubectlCluster reads', () => {
  it('pod(): a real pod view; undefined when absent', async () => {
    const { cluster, runner } = await prepared();
    runner.once('kubectl', ['--kubeconfig', '/kc', 'get', 'pods', 'sleep'], { stdout: fixtureText('pod-kind-sidecar.json') });
    runner.once('kubectl', ['--kubeconfig', '/kc', 'get', 'pods', 'gone'], { stdout: '' });
    expect((await cluster.pod('sleep'))?.containers.map((c) => c.name)).toEqual(['sleep', 'sidecar']);
    expect(await cluster.pod('gone')).toBeUndefined();
  });

  it('pod(): a pod stuck creating gets its FailedMount event as reason', async () => {
    const { cluster, runner } = await prepared();
    const raw = fixtureJson('pod-website-nginx.json');
    raw.metadata.name = 'hello-1567197780-mn4mv';
    raw.status = { phase: 'Pending', containerStatuses: [{ name: 'nginx', restartCount: 0, ready: false, state: { waiting: { reason: 'ContainerCreating' } } }] };
    runner.once('kubectl', ['--kubeconfig', '/kc', 'get', 'pods', 'hello-1567197780-mn4mv'], { stdout: JSON.stringify(raw) });
    runner.when(kubectl('get', 'events', 'involvedObject.kind=Pod,type=Warning'), { stdout: fixtureText('events-failedmount.json') });
    const view = await cluster.pod('hello-1567197780-mn4mv');
    expect(view?.reason).toBe('FailedMount');
    expect(view?.message).toContain('mount.nfs: Connection timed out');
  });

  it('pods() and list() pass the label selector', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('get', 'pods', '-l', 'app=nfs-web'), { stdout: fixtureText('pods-list.json') });
    expect((await cluster.pods({ app: 'nfs-web' })).map((p) => p.name)).toEqual(['sleep', 'nginx']);
  });

  it('workers(): schedulable Ready nodes', async () => {
    const { cluster } = await prepared();
    expect(await cluster.workers()).toEqual(['kind-worker', 'kind-worker2']);
  });
});

describe('KubectlCluster: run-scoped names (two runs at once never see each other)', () => {
  const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'course-pv' }, spec: { local: { path: '/var/local/course-pv' }, storageClassName: '' } };
  const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'course-pvc' }, spec: { storageClassName: '', volumeName: 'course-pv' } };

  it('applies course-pv as course-pv.run1, and get() answers in the contract\'s names', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('get', 'persistentvolumes', 'course-pv.run1'), { stdout: '' });
    await cluster.apply([pv, claim] as K8sObject[]);
    const items = JSON.parse(runner.calls.at(-1)!.input!).items;
    expect(items[0].metadata.name).toBe('course-pv.run1');
    expect(items[0].spec.local.path).toBe('/var/local/course-pv.run1');
    expect(items[1].spec.volumeName).toBe('course-pv.run1');
    // What the cluster says back: the bound claim and the volume under their scoped names.
    runner.when(kubectl('get', 'persistentvolumeclaims', 'course-pvc'), { stdout: JSON.stringify({ ...items[1], status: { phase: 'Bound' } }) });
    runner.when(kubectl('get', 'persistentvolumes', 'course-pv.run1'), { stdout: JSON.stringify({ ...items[0], status: { phase: 'Bound' } }) });
    expect((await cluster.get('PersistentVolumeClaim', 'course-pvc'))?.spec?.volumeName).toBe('course-pv');
    const got = await cluster.get('PersistentVolume', 'course-pv');
    expect([got?.metadata.name, got?.spec?.local?.path]).toEqual(['course-pv', '/var/local/course-pv']);
  });

  it('node directories: made, read and removed under the scoped path; only scoped ones are removed, from every worker', async () => {
    const { cluster, runner, backend } = await prepared();
    runner.when(kubectl('delete'), {}).when(kubectl('get', 'persistentvolumes'), { stdout: list([]) });
    await cluster.makeNodeDir('kind-worker', '/var/local/course-pv');
    expect(await cluster.readNodeFile('kind-worker', '/var/local/course-pv/grader-token')).toBe('node-data');
    expect(backend.made).toEqual([['kind-worker', '/var/local/course-pv.run1']]);
    expect(backend.reads).toEqual([['kind-worker', '/var/local/course-pv.run1/grader-token']]);
    await cluster.cleanup();
    expect(backend.removed).toEqual([
      ['kind-worker', '/var/local/course-pv.run1'],
      ['kind-worker2', '/var/local/course-pv.run1'],
    ]);
  });

  it('diagnostics and errors speak of the names the student wrote', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('get', 'persistentvolumes', 'course-pv.run1'), { stdout: '' });
    await cluster.apply([pv] as K8sObject[]);
    runner.when(kubectl('describe', 'persistentvolumes', 'course-pv.run1'), { stdout: 'Name: course-pv.run1\nSource: /var/local/course-pv.run1\n' });
    runner.when(kubectl('get', 'events'), { stdout: list([]) });
    const [describe] = await cluster.diagnostics([{ kind: 'PersistentVolume', name: 'course-pv' }]);
    expect(describe).toEqual({ title: 'describe persistentvolumes/course-pv', text: 'Name: course-pv\nSource: /var/local/course-pv' });
    runner.when(kubectl('delete', 'persistentvolumes', 'course-pv.run1'), { exitCode: 1, stderr: 'Error from server: persistentvolumes "course-pv.run1" is forbidden' });
    await expect(cluster.delete('PersistentVolume', 'course-pv')).rejects.toThrow('persistentvolumes "course-pv" is forbidden');
  });

  it('prepare() deletes what an ended run left and keeps what a live run has: objects and node labels', async () => {
    const nodes = fixtureJson('nodes-kind.json');
    nodes.items[1].metadata.labels['storage-course/role.live1'] = 'data';
    nodes.items[2].metadata.labels['storage-course/role.dead1'] = 'data';
    const labelled = [
      { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'course-pv.live1', labels: { 'storage-course/run': 'live1' } } },
      { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'course-pv.dead1', labels: { 'storage-course/run': 'dead1' } } },
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'course-fast.dead1', labels: { 'storage-course/run': 'dead1' } } },
    ];
    const runner = preparedRunner()
      .when(kubectl('get', 'persistentvolumes,storageclasses.storage.k8s.io', '-l'), { stdout: list(labelled) })
      .when(kubectl('get', 'nodes'), { stdout: JSON.stringify(nodes) })
      .when(kubectl('get', 'namespaces', '-l'), { stdout: list([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'course-live1', labels: { 'storage-course/run': 'live1' } } }]) })
      .when(kubectl('delete'), {});
    await prepared(runner);
    const changes = runner.argvs().filter((a) => a[3] === 'delete' || a[3] === 'label').map((a) => a.slice(3, 6).join(' '));
    expect(changes).toEqual(['delete persistentvolumes course-pv.dead1', 'delete storageclasses.storage.k8s.io course-fast.dead1', 'label nodes kind-worker2']);
    expect(runner.argvs().find((a) => a[3] === 'label')).toContain('storage-course/role.dead1-');
  });

  it('prepare() deletes the namespace, objects and node labels of a run that died (its lease ran out), and nothing of a kept, a leased or a foreign one', async () => {
    const at = (ms: number) => new Date(ms).toISOString();
    const ns = (name: string, run: string, annotations: Record<string, string>, extra: Record<string, unknown> = {}) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'storage-course/run': run, 'storage-course/managed': 'true' }, annotations, ...extra },
    });
    const nodes = fixtureJson('nodes-kind.json');
    nodes.items[1].metadata.labels['storage-course/role.died1'] = 'data';
    nodes.items[2].metadata.labels['storage-course/role.kept1'] = 'data';
    const runner = preparedRunner()
      .when(kubectl('get', 'persistentvolumes,storageclasses.storage.k8s.io', '-l'), {
        stdout: list([
          { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'course-pv.died1', labels: { 'storage-course/run': 'died1' } } },
          { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'course-pv.leased1', labels: { 'storage-course/run': 'leased1' } } },
        ]),
      })
      .when(kubectl('get', 'nodes'), { stdout: JSON.stringify(nodes) })
      .when(kubectl('get', 'namespaces', '-l'), {
        stdout: list([
          // Virtual time is 0 at prepare().
          ns('course-died1', 'died1', { 'storage-course/alive-until': at(-1) }),
          ns('course-helpers-died1', 'died1', { 'storage-course/alive-until': at(-60_000) }),
          ns('course-gone1', 'gone1', { 'storage-course/alive-until': at(-1) }, { deletionTimestamp: at(-5) }),
          ns('course-leased1', 'leased1', { 'storage-course/alive-until': at(60_000) }),
          ns('course-kept1', 'kept1', { 'storage-course/alive-until': at(-3_600_000), 'storage-course/kept': 'true' }),
          ns('course-old1', 'old1', {}, { creationTimestamp: at(-2 * 3_600_000) }),
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-x', labels: { 'storage-course/run': 'x' }, annotations: { 'storage-course/alive-until': at(-1) } } },
        ]),
      })
      .when(kubectl('delete'), {});
    await prepared(runner);
    const changes = runner.argvs().filter((a) => a[3] === 'delete' || a[3] === 'label').map((a) => a.slice(3, 6).join(' '));
    expect(changes).toEqual([
      'delete namespaces course-died1',
      'delete namespaces course-helpers-died1',
      'delete namespaces course-old1',
      'delete persistentvolumes course-pv.died1',
      'label nodes kind-worker',
    ]);
    expect(runner.argvs().find((a) => a[3] === 'label')).toContain('storage-course/role.died1-');
  });

  it('keep() marks the run namespace kept, so later sweeps leave it', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('annotate'), {});
    await cluster.keep();
    expect(runner.argvs().at(-1)).toEqual(['kubectl', '--kubeconfig', '/kc', 'annotate', 'namespaces', NS, 'storage-course/kept=true', '--overwrite', '--request-timeout=30s']);
  });

  it('prepare() keeps the node label of a run that starts while it sweeps (namespaces are read after the labels)', async () => {
    // The other run creates its namespace and then labels a node, both after the sweep's first read.
    let started = false;
    const nodes = () => {
      const n = fixtureJson('nodes-kind.json');
      if (started) n.items[1].metadata.labels['storage-course/role.new1'] = 'data';
      return { stdout: JSON.stringify(n) };
    };
    const namespaces = () => ({ stdout: list(started ? [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'course-new1', labels: { 'storage-course/run': 'new1' } } }] : []) });
    const first = (answer: () => { stdout: string }) => () => {
      const r = answer();
      started = true;
      return r;
    };
    const runner = preparedRunner();
    // Whichever read comes first happens before the other run starts.
    runner
      .when(kubectl('get', 'persistentvolumes,storageclasses.storage.k8s.io', '-l'), first(() => ({ stdout: list([]) })))
      .when(kubectl('get', 'nodes'), () => (started ? nodes() : first(nodes)()))
      .when(kubectl('get', 'namespaces', '-l'), () => (started ? namespaces() : first(namespaces)()));
    await prepared(runner);
    expect(runner.argvs().some((a) => a[3] === 'label' && a.includes('storage-course/role.new1-'))).toBe(false);
  });

  it('cleanup keeps a hand-made volume someone else bound to this run\'s claim (an admin\'s static PV)', async () => {
    const { cluster, runner } = await prepared(preparedRunner(), new TestBackend(false, true));
    runner.when(kubectl('delete'), {}).when(kubectl('get', 'namespaces', NS), { stdout: '' });
    const admins = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'nfs-share-7' }, spec: { claimRef: { namespace: NS, name: 'course-pvc' } } };
    runner.when(kubectl('get', 'persistentvolumes'), { stdout: list([admins]) });
    await cluster.cleanup();
    expect(runner.argvs().some((a) => a.includes('nfs-share-7') && a.includes('delete'))).toBe(false);
  });
});

describe('KubectlCluster container and node operations', () => {
  it('killContainer: runtime id without scheme, on the pod\'s node', async () => {
    const { cluster, runner, backend } = await prepared();
    runner.when(kubectl('get', 'pods', 'sleep'), { stdout: fixtureText('pod-kind-sidecar.json') });
    await cluster.killContainer('sleep', 'sleep');
    await cluster.killContainer('sleep', 'sidecar');
    expect(backend.kills).toEqual([
      ['kind-control-plane', 'a1848056a183e40afe3189fc4920bd565930180ebdf2f9e2daf778ea8105f93e'],
      ['kind-control-plane', '7a0d216a09630040c5b165c42cc9d2a95d541d95b6ac0a5ca604bf767d1b2cf0'],
    ]);
  });

  it('killContainer: a container that has not started is an ExecError', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('get', 'pods', 'nginx-deployment-67d4bdd6f5-w6kd7'), { stdout: fixtureText('pod-imagepullbackoff.json') });
    await expect(cluster.killContainer('nginx-deployment-67d4bdd6f5-w6kd7', 'nginx')).rejects.toBeInstanceOf(ExecError);
  });

  it('writeFile: path as $1 and data as $2, nothing on stdin (kubectl exec can drop stdin); readFile: content, undefined when absent', async () => {
    const { cluster, runner } = await prepared();
    const path = `/cache/a'; rm -rf / #`;
    runner.once('kubectl', ['--kubeconfig', '/kc', 'exec', 'cache-pod'], {});
    await cluster.writeFile('cache-pod', 'writer', path, 'tok-1');
    const write = runner.calls.at(-1)!;
    expect(write.args.slice(-7)).toEqual(['--', 'sh', '-c', WRITE_SCRIPT, '--', path, 'tok-1']);
    expect(write.args).not.toContain('-i');
    expect(write.input).toBeUndefined();
    await expect(cluster.writeFile('cache-pod', 'writer', '/cache/big', 'x'.repeat(64 * 1024 + 1))).rejects.toBeInstanceOf(ExecError);

    runner.once('kubectl', ['--kubeconfig', '/kc', 'exec', 'cache-pod'], { stdout: 'tok-1' }, { exitCode: 66, stderr: 'k8s-storage-course: no such file\ncommand terminated with exit code 66\n' });
    expect(await cluster.readFile('cache-pod', 'reader', '/cache/token')).toBe('tok-1');
    expect(runner.calls.at(-1)!.args.slice(-5)).toEqual(['sh', '-c', READ_SCRIPT, '--', '/cache/token']);
    expect(runner.calls.at(-1)!.input).toBeUndefined();
    expect(await cluster.readFile('cache-pod', 'reader', '/cache/token')).toBeUndefined();
  });

  it('fileSystemSize: df -kP on the path as $1, the total in bytes; undefined when the path is absent', async () => {
    const { cluster, runner } = await prepared();
    runner.once('kubectl', ['--kubeconfig', '/kc', 'exec', 'reader'], { stdout: 'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/loop2 2078720 49216 2029504 3% /data\n' }, { exitCode: 66, stderr: 'k8s-storage-course: no such file\n' });
    expect(await cluster.fileSystemSize('reader', 'app', '/data')).toBe(2078720 * 1024);
    expect(runner.calls.at(-1)!.args.slice(-5)).toEqual(['sh', '-c', DF_SCRIPT, '--', '/data']);
    expect(await cluster.fileSystemSize('reader', 'app', '/nope')).toBeUndefined();
  });

  it('annotatePod: kubectl annotate of the Pod in the run namespace, overwriting; a value a flag parser could misread is refused', async () => {
    const { cluster, runner } = await prepared();
    runner.once('kubectl', ['--kubeconfig', '/kc', 'annotate', 'pods', 'reader'], {});
    await cluster.annotatePod('reader', { 'storage-course/resync': '1765000000000' });
    const args = runner.calls.at(-1)!.args;
    expect(args.slice(2, 7)).toEqual(['annotate', 'pods', 'reader', 'storage-course/resync=1765000000000', '--overwrite']);
    expect(args[args.indexOf('-n') + 1]).toMatch(/^course-/);
    await expect(cluster.annotatePod('reader', { 'storage-course/resync': '--all' })).rejects.toThrow(/invalid annotation value/);
  });

  it('readFile: an unreachable container is an ExecError, not "absent"', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('exec'), { exitCode: 1, stderr: 'error: unable to upgrade connection: container not found ("reader")' });
    await expect(cluster.readFile('cache-pod', 'reader', '/cache/token')).rejects.toThrow(/not running/);
    await expect(cluster.readFile('cache-pod', 'reader', 'relative/path')).rejects.toThrow(TypeError);
  });

  it('deletePod, delete, scale, labelNode use the golden command lines', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('delete'), {}).when(kubectl('scale'), {});
    const before = runner.calls.length;
    await cluster.deletePod('cache-pod');
    await cluster.delete('PersistentVolumeClaim', 'dyn-pvc', { wait: false });
    await cluster.scale('StatefulSet', 'web', 2);
    await cluster.labelNode('kind-worker', { 'storage-course/role': 'data' });
    expect(runner.argvs().slice(before).map((a) => a.slice(3).join(' '))).toEqual([
      `delete pods cache-pod -n ${NS} --grace-period=1 --wait=true --ignore-not-found --timeout=120s`,
      `delete persistentvolumeclaims dyn-pvc -n ${NS} --ignore-not-found --wait=false`,
      `scale statefulsets.apps/web --replicas=2 -n ${NS} --request-timeout=30s`,
      'label nodes kind-worker storage-course/role.run1=data --overwrite --request-timeout=30s',
    ]);
  });

  it('on a shared cluster, delete refuses cluster-scoped objects the grader did not create', async () => {
    const { cluster, runner } = await prepared(preparedRunner(), new TestBackend(false, true));
    runner.when(kubectl('get', 'persistentvolumes', 'someone-elses'), { stdout: JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'someone-elses' } }) });
    await expect(cluster.delete('PersistentVolume', 'someone-elses')).rejects.toThrow(/not created by the grader/);
  });
});

describe('KubectlCluster.cleanup', () => {
  it('deletes the namespace, speeds up its pods, removes run-labelled objects and node labels, then tears down', async () => {
    const { cluster, runner, backend } = await prepared();
    runner.when(kubectl('delete'), {});
    await cluster.labelNode('kind-worker', { 'storage-course/role': 'data' });
    const before = runner.calls.length;
    await cluster.cleanup();
    expect(runner.argvs().slice(before).map((a) => a.slice(3).join(' '))).toEqual([
      `delete pods --all -n ${NS} --grace-period=1 --wait=false --ignore-not-found`,
      `delete namespaces ${NS} --ignore-not-found --wait=false`,
      'delete persistentvolumes,storageclasses.storage.k8s.io -l storage-course/run=run1 --ignore-not-found --wait=false',
      'get persistentvolumes -o json --request-timeout=30s',
      'label nodes kind-worker storage-course/role.run1- --request-timeout=30s',
    ]);
    expect(backend.torn).toBe(1);
  });

  it('hands a Retain volume a provisioner made for this run\'s claims back to it with Delete, and never deletes a provisioned volume itself (recorded on the real cluster)', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('delete'), {}).when(kubectl('patch'), {});
    // `kubectl get pv -o json` on the real cluster after lesson 5's retain-policy mistake: a
    // Released, Retain volume with no run label, whose claimRef names the (then) run namespace.
    const recorded = fixtureJson('../real/pv-list-released-retain.json');
    const ours = structuredClone(recorded.items[0]);
    ours.spec.claimRef.namespace = NS;
    const theirs = structuredClone(recorded.items[0]);
    theirs.metadata.name = 'pvc-someone-else';
    // A Delete volume of one of our claims: its provisioner removes it once the claim is gone.
    const bound = structuredClone(ours);
    bound.metadata.name = 'pvc-bound-delete';
    bound.spec.persistentVolumeReclaimPolicy = 'Delete';
    bound.status.phase = 'Bound';
    runner.when(kubectl('get', 'persistentvolumes'), { stdout: list([ours, theirs, bound]) });
    await cluster.cleanup();
    expect(recorded.items[0].status.phase).toBe('Released');
    expect(recorded.items[0].spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(recorded.items[0].metadata.labels?.['storage-course/run']).toBeUndefined();
    expect(runner.argvs().filter((a) => a[3] === 'delete' && a[4] === 'persistentvolumes')).toEqual([]);
    const patches = runner.argvs().filter((a) => a[3] === 'patch').map((a) => a.slice(4));
    expect(patches).toEqual([['persistentvolumes', 'pvc-412817cc-90c6-4952-aef9-b8ed4fc726a0', '--type=merge', '-p', '{"spec":{"persistentVolumeReclaimPolicy":"Delete"}}', '--request-timeout=30s']]);
  });

  it('on a cluster the grader owns, the NFS fixture stays for the next run', async () => {
    const { cluster, runner } = await prepared();
    runner.when(kubectl('delete'), {});
    const server = fixtureJson('pod-kind-sidecar.json');
    server.spec.initContainers = [];
    server.status.initContainerStatuses = [];
    runner.when(kubectl('get', 'pods', '-n', 'course-fixtures', '-l'), { stdout: list([server]) });
    runner.when(kubectl('get', 'namespaces', 'course-fixtures'), { stdout: '' });
    runner.when((c) => c.args.includes('get') && c.args.some((a) => a.startsWith('nfs-probe-')), { stdout: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Succeeded"}}' });
    await cluster.installFixture('nfs-server');
    await cluster.cleanup();
    expect(runner.argvs().some((a) => a.includes('namespaces') && a.includes('course-fixtures') && a.includes('delete'))).toBe(false);
  });

  it('never rejects, even when every command fails, and still tears down', async () => {
    const { cluster, runner, backend } = await prepared();
    runner.when(() => true, { exitCode: 1, stderr: 'The connection to the server 127.0.0.1:1 was refused' });
    await expect(cluster.cleanup()).resolves.toBeUndefined();
    await expect(cluster.cleanup()).resolves.toBeUndefined();
    expect(backend.torn).toBe(2);
  });

  it('waits for the namespace to go when the back end asks (throwaway or shared clusters)', async () => {
    const { cluster, runner } = await prepared(preparedRunner(), new TestBackend(false, true));
    runner.when(kubectl('delete'), {});
    runner.once('kubectl', ['--kubeconfig', '/kc', 'get', 'namespaces', NS], { stdout: namespaceObj({ 'storage-course/managed': 'true' }) }, { stdout: '' });
    await cluster.cleanup();
    const gets = runner.calls.filter((c) => c.args.join(' ').includes(`get namespaces ${NS}`));
    expect(gets.length).toBe(3); // prepare's check + two polls until gone
  });

  it('is safe after a prepare that never got anywhere', async () => {
    const backend = new TestBackend();
    backend.bringUp = async () => {
      throw new ClusterUnavailableError({ en: 'no docker', 'zh-cn': '没有 docker' });
    };
    const cluster = new KubectlCluster({ runId: 'run1', runner: new FakeRunner(), backend });
    await expect(cluster.prepare()).rejects.toBeInstanceOf(ClusterUnavailableError);
    await expect(cluster.cleanup()).resolves.toBeUndefined();
    expect(backend.torn).toBe(1);
  });
});

describe('KubectlCluster.diagnostics', () => {
  it('collects describe, events and logs (previous for restarted containers); a failing collector does not hide the rest', async () => {
    const { cluster, runner } = await prepared();
    runner
      .when(kubectl('describe'), { stdout: 'Name: sleep\n' })
      .when(kubectl('get', 'events'), { stdout: fixtureText('events-failedmount.json') })
      .when(kubectl('get', 'pods', 'sleep'), { stdout: fixtureText('pod-restarted-after-kill.json') })
      .when(kubectl('logs'), { stdout: 'hello\n' })
      .when(kubectl('logs', '--previous'), { exitCode: 1, stderr: 'previous terminated container "sleep" in pod "sleep" not found' });
    const diags = await cluster.diagnostics([{ kind: 'Pod', name: 'sleep' }]);
    expect(diags.map((d) => d.title)).toEqual([
      'describe pods/sleep',
      'events pods/sleep',
      'logs pod/sleep -c sleep',
      'logs --previous pod/sleep -c sleep',
      'logs pod/sleep -c sidecar',
    ]);
    expect(diags[1].text).toContain('FailedMount');
    expect(diags[3].text).toMatch(/^\(could not collect: command failed with exit code 1: kubectl .* --previous .*\nprevious terminated container/s);
    expect(diags[2].text).toBe('hello');
  });

  it('never rejects, even before prepare', async () => {
    const cluster = new KubectlCluster({ runId: 'run1', runner: new FakeRunner(), backend: new TestBackend() });
    expect(await cluster.diagnostics([{ kind: 'Pod', name: 'x' }])).toEqual([{ title: 'diagnostics', text: '(the cluster was never prepared)' }]);
  });
});
