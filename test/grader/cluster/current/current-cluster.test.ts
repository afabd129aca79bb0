import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { FakeRunner, type FakeCall } from '../../../../src/grader/exec/fake-runner.ts';
import { createCurrentCluster, parseServerVersion } from '../../../../src/grader/cluster/current/current-cluster.ts';
import { helperPodNodeAccess, nodeHelperPod } from '../../../../src/grader/cluster/current/node-access.ts';
import { Kube } from '../../../../src/grader/cluster/common/kube.ts';
import { KubectlArgs } from '../../../../src/grader/cluster/common/kubectl.ts';
import { ClusterUnavailableError, ExecError } from '../../../../src/grader/cluster/cluster.ts';
import { READ_SCRIPT } from '../../../../src/grader/cluster/common/file-scripts.ts';
import { fixtureText, kubectl, virtualClock } from '../common/helpers.ts';

const tooling = (name: string) => readFileSync(new URL(`../../../fixtures/kubectl/tooling/${name}`, import.meta.url), 'utf8');

const VERSION = JSON.stringify({ clientVersion: { gitVersion: 'v1.35.0' }, serverVersion: { gitVersion: 'v1.31.4+k3s1' } });
const NS = 'course-lesson-2-abc';
const HELPERS = 'course-helpers-lesson-2-abc';

function runner(): FakeRunner {
  return new FakeRunner()
    .on('kubectl', ['config', 'current-context'], { stdout: 'k3d-school\n' })
    .on('kubectl', ['--context', 'k3d-school', 'version'], { stdout: VERSION })
    .when(kubectl('get', 'nodes'), { stdout: fixtureText('nodes-kind.json') })
    .when(kubectl('get', 'namespaces'), { stdout: '' })
    .when(kubectl('apply'), {})
    .when(kubectl('get', 'serviceaccounts', 'default'), { stdout: '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default"}}' })
    .when(kubectl('delete'), {})
    .when(kubectl('annotate'), {})
    .when(kubectl('logs'), { stdout: '' });
}

/** Answers the helper pod poll: terminated with exitCode, then its logs. */
function helperFinishes(r: FakeRunner, exitCode: number, output: string) {
  const isHelper = (c: FakeCall) => c.args.some((a) => a.startsWith('course-node-'));
  r.when((c) => isHelper(c) && c.args.includes('get'), {
    stdout: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'course-node-x' }, status: { phase: exitCode ? 'Failed' : 'Succeeded', containerStatuses: [{ name: 'node', state: { terminated: { exitCode } } }] } }),
  });
  r.when((c) => isHelper(c) && c.args.includes('logs'), { stdout: output });
}

describe('current back end', () => {
  it('pins the current context on every call and never writes kubeconfig', async () => {
    const r = runner();
    const cluster = createCurrentCluster({ runId: 'lesson-2-abc', runner: r });
    await cluster.prepare();
    expect(cluster.info).toEqual({
      backend: 'current',
      description: { en: 'current context "k3d-school" (Kubernetes v1.31.4+k3s1)', 'zh-cn': '当前上下文“k3d-school”（Kubernetes v1.31.4+k3s1）' },
      isModel: false,
    });
    const calls = r.argvs().slice(1);
    for (const argv of calls) expect(argv.slice(1, 3)).toEqual(['--context', 'k3d-school']);
    expect(r.argvs().some((a) => a.includes('use-context') || a.includes('--kubeconfig'))).toBe(false);
  });

  it('no current context: a bilingual ClusterUnavailableError', async () => {
    const r = new FakeRunner().on('kubectl', ['config', 'current-context'], { exitCode: 1, stderr: 'error: current-context is not set\n' });
    const err = await createCurrentCluster({ runId: 'x', runner: r }).prepare().catch((e) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    expect(err.reason['zh-cn']).toContain('当前上下文');
  });

  it('an API that does not answer (real kubectl output) is ClusterUnavailableError with the reason', async () => {
    const r = new FakeRunner()
      .on('kubectl', ['config', 'current-context'], { stdout: 'dead\n' })
      .on('kubectl', ['--context', 'dead', 'version'], { exitCode: 1, stdout: tooling('kubectl-version-no-server.stdout.json'), stderr: tooling('kubectl-version-no-server.stderr.txt') });
    const err = await createCurrentCluster({ runId: 'x', runner: r }).prepare().catch((e) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    expect(err.reason.en).toBe('The Kubernetes API of context "dead" does not answer: The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?');
  });

  it('reads the server version only when the server answered', () => {
    expect(parseServerVersion(VERSION)).toBe('v1.31.4+k3s1');
    expect(parseServerVersion(tooling('kubectl-version-no-server.stdout.json'))).toBeUndefined();
    expect(parseServerVersion('not json')).toBeUndefined();
  });

  it('kills a container with crictl from a privileged helper pod on the node, then deletes the helper', async () => {
    const r = runner();
    const cluster = createCurrentCluster({ runId: 'lesson-2-abc', runner: r });
    await cluster.prepare();
    r.when(kubectl('get', 'pods', 'sleep'), { stdout: fixtureText('pod-kind-sidecar.json') });
    helperFinishes(r, 0, 'a1848056a183e40afe3189fc4920bd565930180ebdf2f9e2daf778ea8105f93e\n');
    const before = r.calls.length;
    await cluster.killContainer('sleep', 'sleep');
    const calls = r.calls.slice(before);
    const applied = calls.filter((c) => c.args.includes('apply')).map((c) => JSON.parse(c.input!).items[0]).find((o) => o.kind === 'Pod');
    expect(applied.spec.nodeName).toBe('kind-control-plane');
    expect(applied.spec.containers[0].command).toEqual(['chroot', '/host', 'crictl', '--timeout', '25s', 'stop', '--timeout', '0', 'a1848056a183e40afe3189fc4920bd565930180ebdf2f9e2daf778ea8105f93e']);
    expect(applied.metadata.namespace).toBe(HELPERS);
    expect(applied.metadata.labels['storage-course/run']).toBe('lesson-2-abc');
    expect(calls.at(-1)!.args.slice(2, 5)).toEqual(['delete', 'pods', applied.metadata.name]);
  });

  it('node files: content, undefined when absent (exit 66 + marker in the pod log), ExecError otherwise', async () => {
    const r = runner();
    const cluster = createCurrentCluster({ runId: 'lesson-2-abc', runner: r });
    await cluster.prepare();
    helperFinishes(r, 0, 'tok-9\n');
    expect(await cluster.readNodeFile('kind-worker', '/var/local/course-data/token')).toBe('tok-9\n');
    const cmd = JSON.parse(r.calls.filter((c) => c.args.includes('apply')).at(-1)!.input!).items[0].spec.containers[0].command;
    expect(cmd).toEqual(['sh', '-c', READ_SCRIPT, '--', '/host/var/local/course-data/token']);
    helperFinishes(r, 66, 'k8s-storage-course: no such file\n');
    expect(await cluster.readNodeFile('kind-worker', '/var/local/course-data/token')).toBeUndefined();
    helperFinishes(r, 127, 'chroot: can\'t execute \'crictl\': No such file or directory\n');
    await expect(cluster.makeNodeDir('kind-worker', '/var/local/course-pv')).rejects.toBeInstanceOf(ExecError);
  });

  it('removes a run-scoped node directory with a helper pod, and refuses any other path before making one', async () => {
    const r = runner();
    const nodes = helperPodNodeAccess({ kube: new Kube(r, new KubectlArgs({ context: 'k3d-school' }, NS)), runId: 'lesson-2-abc', clock: virtualClock() });
    helperFinishes(r, 0, '');
    await nodes.removeDir('kind-worker', '/var/local/course-data.lesson-2-abc');
    const cmd = JSON.parse(r.calls.filter((c) => c.args.includes('apply')).at(-1)!.input!).items[0].spec.containers[0].command;
    expect(cmd).toEqual(['rm', '-rf', '--', '/host/var/local/course-data.lesson-2-abc']);
    const applies = r.calls.filter((c) => c.args.includes('apply')).length;
    await expect(nodes.removeDir('kind-worker', '/var/local')).rejects.toThrow(TypeError);
    expect(r.calls.filter((c) => c.args.includes('apply')).length).toBe(applies);
  });

  it('a helper pod that never finishes is an ExecError naming the node (and is deleted)', async () => {
    const r = runner();
    r.when((c) => c.args.some((a) => a.startsWith('course-node-')) && c.args.includes('get'), {
      stdout: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'course-node-x' }, spec: { containers: [{ name: 'node' }] }, status: { phase: 'Pending', containerStatuses: [{ name: 'node', state: { waiting: { reason: 'ErrImagePull', message: 'busybox:1.36: not found' } } }] } }),
    });
    const nodes = helperPodNodeAccess({ kube: new Kube(r, new KubectlArgs({ context: 'k3d-school' }, NS)), runId: 'lesson-2-abc', clock: virtualClock() });
    const err = await nodes.makeDir('kind-worker', '/x').catch((e) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(err.message).toBe('The node helper pod on kind-worker did not finish: Pending (ErrImagePull: busybox:1.36: not found)');
    expect(r.argvs().at(-1)!.slice(3, 5)).toEqual(['delete', 'pods']);
  });

  it('cleanup waits for the run namespace and deletes only what carries the run label', async () => {
    const r = runner();
    const cluster = createCurrentCluster({ runId: 'lesson-2-abc', runner: r });
    await cluster.prepare();
    const before = r.calls.length;
    await cluster.cleanup();
    const verbs = r.argvs().slice(before).map((a) => a.slice(3).join(' '));
    expect(verbs).toEqual([
      `delete pods --all -n ${NS} --grace-period=1 --wait=false --ignore-not-found`,
      `delete namespaces ${NS} --ignore-not-found --wait=false`,
      `get namespaces ${NS} -o json --ignore-not-found --request-timeout=30s`,
      'delete persistentvolumes,storageclasses.storage.k8s.io -l storage-course/run=lesson-2-abc --ignore-not-found --wait=false',
      'get persistentvolumes -o json --request-timeout=30s',
    ]);
  });

  it('cleanup removes the run\'s node directories with helper pods while the run namespace still takes them, on every node it used', async () => {
    const r = runner();
    const cluster = createCurrentCluster({ runId: 'lesson-2-abc', runner: r });
    await cluster.prepare();
    helperFinishes(r, 0, '');
    await cluster.makeNodeDir('kind-worker', '/var/local/course-data');
    // A probe Pod of the run ran on another node, where the kubelet made the hostPath directory.
    const probe = JSON.parse(fixtureText('pod-kind-sidecar.json'));
    probe.spec.nodeName = 'kind-worker2';
    r.when(kubectl('get', 'pods', 'probe'), { stdout: JSON.stringify(probe) });
    await cluster.pod('probe');
    const before = r.calls.length;
    await cluster.cleanup();
    const after = r.calls.slice(before);
    const removals = after.filter((c) => c.args.includes('apply')).map((c) => JSON.parse(c.input!).items[0].spec);
    expect(removals.map((spec) => [spec.nodeName, spec.containers[0].command.join(' ')]).sort()).toEqual([
      ['kind-worker', 'rm -rf -- /host/var/local/course-data.lesson-2-abc'],
      ['kind-worker2', 'rm -rf -- /host/var/local/course-data.lesson-2-abc'],
    ]);
    const lastRemoval = after.map((c) => c.args.includes('apply')).lastIndexOf(true);
    const namespaceDelete = after.findIndex((c) => c.args.includes('delete') && c.args.includes('namespaces'));
    expect(lastRemoval).toBeLessThan(namespaceDelete);
  });

  it('the NFS fixture goes with its last live user, after the run namespace is gone; another live run\'s mark keeps it', async () => {
    const fixtureNs = (users: string[]) =>
      JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'course-fixtures', labels: { 'storage-course/managed': 'true' }, annotations: Object.fromEntries(users.map((u) => [`storage-course/user.${u}`, 'true'])) } });
    const runNs = (run: string, aliveUntil: number) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `course-${run}`, labels: { 'storage-course/run': run, 'storage-course/managed': 'true' }, annotations: { 'storage-course/alive-until': new Date(aliveUntil).toISOString() } } });
    const lesson3 = async (users: string[], live: object[]) => {
      const r = runner();
      const cluster = createCurrentCluster({ runId: 'lesson-3-abc', runner: r });
      await cluster.prepare();
      const server = JSON.parse(fixtureText('pod-kind-sidecar.json'));
      server.spec.initContainers = [];
      server.status.initContainerStatuses = [];
      r.when(kubectl('get', 'pods', '-n', 'course-fixtures', '-l'), { stdout: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [server] }) });
      r.when((c) => c.args.includes('get') && c.args.some((a) => a.startsWith('nfs-probe-')), { stdout: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"Succeeded"}}' });
      r.when(kubectl('get', 'namespaces', 'course-fixtures'), { stdout: fixtureNs(['lesson-3-abc', ...users]) });
      r.when(kubectl('get', 'namespaces', '-l'), { stdout: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: live }) });
      await cluster.installFixture('nfs-server');
      const marks = r.argvs().filter((a) => a[3] === 'annotate').map((a) => a.slice(4).join(' '));
      expect(marks).toEqual(['namespaces course-fixtures storage-course/user.lesson-3-abc=true --overwrite --request-timeout=30s']);
      await cluster.cleanup();
      return r;
    };
    const alone = await lesson3([], []);
    expect(alone.argvs().filter((a) => a[3] === 'delete' && a[4] === 'namespaces').map((a) => a[5])).toEqual(['course-lesson-3-abc', 'course-fixtures']);
    expect(alone.argvs().filter((a) => a[3] === 'annotate').at(-1)).toContain('storage-course/user.lesson-3-abc-');

    const shared = await lesson3(['lesson-3-xyz'], [runNs('lesson-3-xyz', Date.now() + 600_000)]);
    expect(shared.argvs().filter((a) => a[3] === 'delete' && a[4] === 'namespaces').map((a) => a[5])).toEqual(['course-lesson-3-abc']);

    // The other user died (its lease ran out): its mark does not keep the fixture.
    const dead = await lesson3(['lesson-3-xyz'], [runNs('lesson-3-xyz', Date.now() - 1)]);
    expect(dead.argvs().filter((a) => a[3] === 'delete' && a[4] === 'namespaces').map((a) => a[5])).toContain('course-fixtures');
  });

  it('keeps the cluster\'s Pod Security policy on the run namespace; helpers get a privileged namespace of their own, made on first use and deleted at cleanup', async () => {
    const r = runner();
    const cluster = createCurrentCluster({ runId: 'lesson-2-abc', runner: r });
    await cluster.prepare();
    const applied = () => r.calls.filter((c) => c.args.includes('apply')).map((c) => JSON.parse(c.input!).items[0]);
    expect(applied()).toHaveLength(1);
    expect(applied()[0].metadata).toMatchObject({ name: NS, labels: { 'storage-course/run': 'lesson-2-abc', 'storage-course/managed': 'true' } });
    expect(Object.keys(applied()[0].metadata.labels)).toEqual(['storage-course/run', 'storage-course/managed']);

    helperFinishes(r, 0, '');
    await cluster.makeNodeDir('kind-worker', '/var/local/course-data');
    await cluster.makeNodeDir('kind-worker2', '/var/local/course-data');
    const namespaces = applied().filter((o) => o.kind === 'Namespace');
    expect(namespaces.map((o) => [o.metadata.name, o.metadata.labels])).toEqual([
      [NS, { 'storage-course/run': 'lesson-2-abc', 'storage-course/managed': 'true' }],
      [HELPERS, { 'storage-course/run': 'lesson-2-abc', 'storage-course/managed': 'true', 'pod-security.kubernetes.io/enforce': 'privileged' }],
    ]);
    // Both carry the run's lease, so a sweep counts the run live while either exists.
    for (const o of namespaces) expect(o.metadata.annotations['storage-course/alive-until']).toMatch(/^\d{4}-\d\d-\d\dT/);
    const helpers = applied().filter((o) => o.kind === 'Pod');
    expect(helpers.map((o) => o.metadata.namespace)).toEqual([HELPERS, HELPERS]);
    // The helpers' pods are made in (and deleted from) their namespace, never the run's.
    expect(r.argvs().filter((a) => a.includes('pods') && a.some((x) => x.startsWith('course-node-'))).every((a) => a.includes(HELPERS))).toBe(true);

    const before = r.calls.length;
    await cluster.cleanup();
    const verbs = r.argvs().slice(before).map((a) => a.slice(3).join(' '));
    const helperDelete = verbs.indexOf(`delete namespaces ${HELPERS} --ignore-not-found --wait=false`);
    expect(helperDelete).toBeGreaterThan(verbs.lastIndexOf('apply --server-side --field-manager=k8s-storage-course --force-conflicts --request-timeout=30s -f -'));
    expect(verbs[helperDelete + 1]).toBe(`get namespaces ${HELPERS} -o json --ignore-not-found --request-timeout=30s`);
  });

  it('a run that never needed a helper makes no helper namespace and deletes none', async () => {
    const r = runner();
    const cluster = createCurrentCluster({ runId: 'lesson-2-abc', runner: r });
    await cluster.prepare();
    await cluster.cleanup();
    expect(r.argvs().some((a) => a.includes(HELPERS))).toBe(false);
  });

  it('the helper pod is privileged with the host at /host, tolerates every taint, never restarts', () => {
    const pod = nodeHelperPod('course-node-abc', NS, 'run1', 'node-1', ['true']);
    expect(pod.spec).toMatchObject({ nodeName: 'node-1', restartPolicy: 'Never', hostPID: true, tolerations: [{ operator: 'Exists' }] });
    expect(pod.spec.containers[0].securityContext).toEqual({ privileged: true });
    expect(pod.spec.volumes).toEqual([{ name: 'host', hostPath: { path: '/' } }]);
    expect(() => nodeHelperPod('x', NS, 'r', '--all', ['true'])).toThrow(TypeError);
  });
});
