import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FakeRunner, type FakeCall } from '../../../../src/grader/exec/fake-runner.ts';
import { createKindCluster, deleteCourseCluster, freshClusterName, isCourseCluster } from '../../../../src/grader/cluster/kind/kind-cluster.ts';
import { configHash, csiStoreDir, kindConfigYaml, NODE_IMAGE, NODE_IMAGE_ENV } from '../../../../src/grader/cluster/kind/config.ts';
import { createHint } from '../../../../src/grader/cluster/kind/lifecycle.ts';
import { ClusterUnavailableError } from '../../../../src/grader/cluster/cluster.ts';
import { clusterPaths } from '../../../../src/local-cluster/paths.ts';
import { writeState } from '../../../../src/local-cluster/state.ts';
import { fixtureJson, kubectl, list } from '../common/helpers.ts';

// Every test gets an empty cache of its own: no kubeconfig, no state of `npm run cluster:up`, and
// no node image named in the environment, whatever the machine running the tests has.
const ISOLATED = ['XDG_CACHE_HOME', 'K8S_STORAGE_COURSE_CLUSTER_CACHE', NODE_IMAGE_ENV] as const;
let cache = '';
let saved: Record<string, string | undefined> = {};
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'kind-cache-'));
  saved = Object.fromEntries(ISOLATED.map((k) => [k, process.env[k]]));
  for (const k of ISOLATED) delete process.env[k];
  process.env.XDG_CACHE_HOME = cache;
});
afterEach(() => {
  for (const k of ISOLATED) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const KUBECONFIG = () => join(cache, 'k8s-storage-course', 'kubeconfig');

/** The CSI store of the course cluster in this test's own cache. */
const STORE = () => csiStoreDir('k8s-storage-course');

function kindNodes(name: string, hash = configHash(NODE_IMAGE, STORE())): string {
  const nodes = fixtureJson('nodes-kind.json');
  const names = [`${name}-control-plane`, `${name}-worker`, `${name}-worker2`];
  nodes.items.forEach((n: any, i: number) => {
    n.metadata.name = names[i];
    n.metadata.labels['storage-course/kind-config'] = hash;
  });
  return JSON.stringify(nodes);
}

const isKind = (...words: string[]) => (c: FakeCall) => c.file === 'kind' && words.every((w, i) => c.args[i] === w);

/** Tooling ok, plus everything a prepare() after bringUp needs. */
function base(): FakeRunner {
  return new FakeRunner()
    .when(isKind('version'), { stdout: 'kind v0.31.0 go1.25.5 linux/amd64\n' })
    .on('kubectl', ['version', '--client'], { stdout: '{}' })
    .on('docker', ['version'], { stdout: '28.2.2\n' })
    .when(kubectl('get', 'nodes'), { stdout: kindNodes('k8s-storage-course') })
    .when(kubectl('get', 'namespaces'), { stdout: '' })
    .when(kubectl('apply'), {})
    .when(kubectl('get', 'serviceaccounts', 'default'), { stdout: '{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default"}}' });
}

describe('kind back end: bring-up', () => {
  it('reuses a healthy course cluster made from the current config: no create, no image loading', async () => {
    const runner = base()
      .when(isKind('get', 'clusters'), { stdout: 'k8s-storage-course\n' })
      .when(isKind('export', 'kubeconfig'), {});
    const cluster = createKindCluster({ runId: 'lesson-1-abc', runner });
    await cluster.prepare();
    expect(runner.argvs().filter((a) => a[0] === 'kind')).toEqual([
      ['kind', 'version'],
      ['kind', 'get', 'clusters'],
      ['kind', 'export', 'kubeconfig', '--name', 'k8s-storage-course', '--kubeconfig', KUBECONFIG()],
    ]);
    // Every kubectl call names our own kubeconfig: the user's current context is never read or switched.
    for (const call of runner.calls.filter((c) => c.file === 'kubectl' && !c.args.includes('--client'))) {
      expect(call.args.slice(0, 2)).toEqual(['--kubeconfig', KUBECONFIG()]);
    }
    expect(cluster.info).toEqual({
      backend: 'kind',
      description: { en: 'kind cluster k8s-storage-course (Kubernetes v1.35.0)', 'zh-cn': 'kind 集群 k8s-storage-course（Kubernetes v1.35.0）' },
      isModel: false,
    });
  });

  it('leaves a kubeconfig file that already answers as it is (an export rewrites it under the feet of concurrent runs)', async () => {
    mkdirSync(dirname(KUBECONFIG()), { recursive: true });
    writeFileSync(KUBECONFIG(), 'apiVersion: v1\nkind: Config\n');
    const runner = base().when(isKind('get', 'clusters'), { stdout: 'k8s-storage-course\n' });
    await createKindCluster({ runId: 'lesson-1-abc', runner }).prepare();
    expect(runner.argvs().filter((a) => a[0] === 'kind')).toEqual([['kind', 'version'], ['kind', 'get', 'clusters']]);
  });

  it('creates the cluster from the generated config on stdin, waits for 3 Ready nodes, then preloads local images', async () => {
    const runner = base()
      .when(isKind('get', 'clusters'), { stderr: 'No kind clusters found.\n' })
      .when(isKind('create', 'cluster'), {})
      .on('docker', ['image', 'inspect'], { exitCode: 1, stderr: 'Error: No such image' })
      .on('docker', ['image', 'inspect', '--format', '{{.Id}}', 'busybox:1.36'], { stdout: 'sha256:abc\n' })
      .when(isKind('load', 'docker-image'), {});
    mkdirSync(join(STORE(), 'volumes'), { recursive: true });
    writeFileSync(join(STORE(), 'volumes', 'old.json'), '{}');
    const trace: string[] = [];
    const cluster = createKindCluster({ runId: 'lesson-1-abc', runner, trace: (l) => trace.push(l) });
    await cluster.prepare();
    const create = runner.calls.find(isKind('create'))!;
    expect([create.file, ...create.args]).toEqual(['kind', 'create', 'cluster', '--name', 'k8s-storage-course', '--config', '-', '--kubeconfig', KUBECONFIG(), '--wait', '120s']);
    expect(create.input).toBe(kindConfigYaml(NODE_IMAGE, STORE()));
    // The new cluster's CSI store exists, and is empty: an old cluster's records mean nothing.
    expect(readdirSync(STORE())).toEqual([]);
    expect(runner.argvs().filter((a) => a[1] === 'load')).toEqual([['kind', 'load', 'docker-image', 'busybox:1.36', '--name', 'k8s-storage-course']]);
    expect(trace.some((l) => l.includes('registry.k8s.io/sig-storage/nfs-provisioner:v4.0.8 is not in the local docker image store'))).toBe(true);
  });

  it('recreates a course cluster made from an older config', async () => {
    const runner = base()
      .when(isKind('get', 'clusters'), { stdout: 'k8s-storage-course\n' })
      .when(isKind('export', 'kubeconfig'), {})
      .when(kubectl('get', 'nodes'), { stdout: kindNodes('k8s-storage-course', 'old000000000') })
      .when(isKind('delete', 'cluster'), {})
      .when(isKind('create', 'cluster'), {})
      .on('docker', ['image', 'inspect'], { exitCode: 1 })
      // The node image it is made again from is here, so the old cluster may go.
      .on('docker', ['image', 'inspect', '--format', '{{.Id}}', NODE_IMAGE], { stdout: 'sha256:node\n' });
    // After the re-create the nodes carry the new hash.
    let created = false;
    runner.when(isKind('create', 'cluster'), () => ((created = true), {}));
    runner.when(kubectl('get', 'nodes'), () => ({ stdout: kindNodes('k8s-storage-course', created ? configHash(NODE_IMAGE, STORE()) : 'old000000000') }));
    await createKindCluster({ runId: 'r', runner }).prepare();
    expect(runner.argvs().filter((a) => a[0] === 'kind').map((a) => a.slice(1, 3).join(' '))).toEqual(['version', 'get clusters', 'export kubeconfig', 'delete cluster', 'create cluster']);
    expect(runner.argvs().findIndex((a) => a.join(' ') === `docker image inspect --format {{.Id}} ${NODE_IMAGE}`)).toBeLessThan(runner.argvs().findIndex((a) => a[1] === 'delete'));
  });

  it('a failed create is cleaned up (no half-made nodes) and explained in both languages', async () => {
    const runner = base()
      .when(isKind('get', 'clusters'), { stdout: '' })
      .when(isKind('create', 'cluster'), { exitCode: 1, stderr: 'ERROR: failed to create cluster: failed to pull image "kindest/node:v1.35.0": dial tcp: lookup registry-1.docker.io: no such host\n' })
      .when(isKind('delete', 'cluster'), {});
    const err = await createKindCluster({ runId: 'r', runner }).prepare().catch((e) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    expect(err.reason.en).toContain('kind could not create the cluster k8s-storage-course');
    expect(err.hint.en).toContain(`The node image ${NODE_IMAGE} could not be downloaded`);
    expect(err.hint.en).toContain(`docker pull ${NODE_IMAGE}`);
    expect(err.hint.en).toContain('npm run cluster:up');
    expect(err.hint['zh-cn']).toContain(`无法下载节点镜像 ${NODE_IMAGE}`);
    expect(runner.argvs().at(-1)).toEqual(['kind', 'delete', 'cluster', '--name', 'k8s-storage-course', '--kubeconfig', KUBECONFIG()]);
  });

  it('Ctrl-C while the new nodes come up deletes the half-made cluster, then stops with the abort', async () => {
    const controller = new AbortController();
    const notReady = JSON.parse(kindNodes('k8s-storage-course'));
    for (const n of notReady.items) n.status.conditions = [{ type: 'Ready', status: 'False' }];
    const runner = base()
      .when(isKind('get', 'clusters'), { stdout: '' })
      .when(isKind('create', 'cluster'), {})
      .when(isKind('delete', 'cluster'), {})
      .when(kubectl('get', 'nodes'), () => {
        controller.abort(new Error('interrupted'));
        return { stdout: JSON.stringify(notReady) };
      });
    const err = await createKindCluster({ runId: 'r', runner }).prepare(controller.signal).catch((e) => e);
    expect(err.message).toBe('interrupted');
    expect(runner.argvs().at(-1)).toEqual(['kind', 'delete', 'cluster', '--name', 'k8s-storage-course', '--kubeconfig', KUBECONFIG()]);
  });

  it('missing tooling is a ClusterUnavailableError before any cluster command', async () => {
    const runner = base().when(isKind('version'), { failure: 'not-found' });
    const err = await createKindCluster({ runId: 'r', runner }).prepare().catch((e) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    expect(runner.argvs().some((a) => a[1] === 'get' && a[2] === 'clusters')).toBe(false);
  });
});

describe('kind back end: never deletes a cluster it cannot make again', () => {
  const BUILT = 'k8s-storage-course/node:v1.35.4-0123456789ab';
  const OLD = 'k8s-storage-course/node:v1.35.4-00000000aaaa';
  const inspectImage = (ref: string) => ['image', 'inspect', '--format', '{{.Id}}', ref];
  const changedCluster = (c: string[]) => c[0] === 'kind' && (c[1] === 'delete' || c[1] === 'create');

  /** What `npm run cluster:up` records after building BUILT (in this test's own cache). */
  function recordClusterUp(image = BUILT): string {
    const file = clusterPaths().state;
    mkdirSync(dirname(file), { recursive: true });
    writeState(file, { cluster: 'k8s-storage-course', nodeImage: image, bin: join(cache, 'bin'), kubeconfig: KUBECONFIG(), kindVersion: 'v0.31.0', kubernetesVersion: 'v1.35.4', upAt: '2026-12-03T00:00:00.000Z' });
    return file;
  }

  /** The course cluster exists; its nodes carry hash; deleting and creating are scripted (and must not happen). */
  const existing = (hash: string) =>
    base()
      .when(isKind('get', 'clusters'), { stdout: 'k8s-storage-course\n' })
      .when(isKind('export', 'kubeconfig'), {})
      .when(kubectl('get', 'nodes'), { stdout: kindNodes('k8s-storage-course', hash) })
      .when(isKind('delete', 'cluster'), {})
      .when(isKind('create', 'cluster'), {})
      .on('docker', ['image', 'inspect'], { exitCode: 1, stderr: 'Error: No such image' })
      .on('docker', ['container', 'inspect', '--format', '{{.Config.Image}}', 'k8s-storage-course-control-plane'], { stdout: `${OLD}\n` });

  it('in a shell without cluster:env, reuses the cluster cluster:up made, from the image it recorded', async () => {
    recordClusterUp();
    const runner = existing(configHash(BUILT, STORE()));
    const cluster = createKindCluster({ runId: 'r', runner });
    await cluster.prepare();
    expect(runner.argvs().some(changedCluster)).toBe(false);
    expect(cluster.info.description.en).toBe(`kind cluster k8s-storage-course (node image ${BUILT})`);
  });

  it('leaves a stale cluster as it is when the recorded image is gone, and says to run cluster:up', async () => {
    const file = recordClusterUp();
    const runner = existing('old000000000');
    const err = await createKindCluster({ runId: 'r', runner }).prepare().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    const { reason, hint } = err as ClusterUnavailableError;
    expect(reason.en).toBe(
      [
        `The kind cluster k8s-storage-course was made from another config (its nodes run ${OLD}). Making it again needs the node image ${BUILT}, which is not in the local docker image store.`,
        'The grader left the cluster as it is: deleting it now would leave no cluster to grade on.',
      ].join('\n'),
    );
    expect(reason['zh-cn']).toContain('评分程序没有改动这个集群');
    expect(hint?.en).toContain(`recorded in ${file}`);
    expect(hint?.en).toContain('Run `npm run cluster:up` to build it again');
    expect(hint?.['zh-cn']).toContain('请运行 `npm run cluster:up` 重新构建它');
    // A locally built image is never pulled, and nothing was deleted or created.
    expect(runner.argvs().some((a) => a[1] === 'pull')).toBe(false);
    expect(runner.argvs().some(changedCluster)).toBe(false);
  });

  it('with the pinned image, pulls it before deleting, then recreates', async () => {
    let pulled = false;
    const runner = existing('old000000000')
      .on('docker', ['pull', NODE_IMAGE], () => ((pulled = true), { stdout: 'Status: Downloaded newer image\n' }))
      .on('docker', inspectImage(NODE_IMAGE), () => (pulled ? { stdout: 'sha256:node\n' } : { exitCode: 1, stderr: 'Error: No such image' }));
    let created = false;
    runner.when(isKind('create', 'cluster'), () => ((created = true), {}));
    runner.when(kubectl('get', 'nodes'), () => ({ stdout: kindNodes('k8s-storage-course', created ? configHash(NODE_IMAGE, STORE()) : 'old000000000') }));
    await createKindCluster({ runId: 'r', runner }).prepare();
    const order = runner
      .argvs()
      .map((a) => a.join(' '))
      .filter((a) => a.includes(NODE_IMAGE) || /^kind (delete|create)/.test(a));
    expect(order).toEqual([`docker image inspect --format {{.Id}} ${NODE_IMAGE}`, `docker pull ${NODE_IMAGE}`, `docker image inspect --format {{.Id}} ${NODE_IMAGE}`, expect.stringMatching(/^kind delete cluster/), expect.stringMatching(/^kind create cluster/)]);
  });

  it('with the pinned image and no registry, keeps the cluster and names the commands that fix it', async () => {
    const runner = existing('old000000000').on('docker', ['pull'], { exitCode: 1, stderr: 'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host\n' });
    const err = await createKindCluster({ runId: 'r', runner }).prepare().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    const { reason, hint } = err as ClusterUnavailableError;
    expect(reason.en).toContain('Pulling it failed: Error response from daemon');
    expect(reason['zh-cn']).toContain('拉取失败：');
    expect(hint?.en).toContain(`docker pull ${NODE_IMAGE}`);
    expect(hint?.en).toContain('`npm run cluster:up`');
    expect(hint?.en).toContain('npm run grade -- --delete-cluster');
    expect(hint?.['zh-cn']).toContain('npm run grade -- --delete-cluster');
    expect(runner.argvs().some(changedCluster)).toBe(false);
  });

  it('keeps a cluster that does not answer too, when it cannot be made again', async () => {
    const runner = existing('old000000000')
      .when(isKind('export', 'kubeconfig'), { exitCode: 1, stderr: 'ERROR: failed to get api server endpoint' })
      .on('docker', ['container', 'inspect'], { exitCode: 1, stderr: 'Error: No such container' });
    process.env[NODE_IMAGE_ENV] = BUILT;
    const err = await createKindCluster({ runId: 'r', runner }).prepare().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    const { reason, hint } = err as ClusterUnavailableError;
    expect(reason.en).toContain('The kind cluster k8s-storage-course exists but does not answer (its nodes run a node image the grader could not read).');
    expect(reason['zh-cn']).toContain('存在但没有响应（节点镜像：无法读取）');
    expect(hint?.en).toContain(`${NODE_IMAGE_ENV} names ${BUILT}`);
    expect(hint?.en).toContain('eval "$(npm run -s cluster:env)"');
    expect(runner.argvs().some(changedCluster)).toBe(false);
  });

  it('says a missing locally built image plainly before kind tries to pull it from a registry', async () => {
    recordClusterUp();
    const runner = base()
      .when(isKind('get', 'clusters'), { stderr: 'No kind clusters found.\n' })
      .when(isKind('create', 'cluster'), {})
      .on('docker', ['image', 'inspect'], { exitCode: 1, stderr: 'Error: No such image' });
    const err = await createKindCluster({ runId: 'r', runner }).prepare().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    expect((err as ClusterUnavailableError).reason.en).toBe(`The node image ${BUILT} is not in the local docker image store, so kind cannot create the cluster k8s-storage-course.`);
    expect((err as ClusterUnavailableError).hint?.en).toContain('`npm run cluster:up`');
    expect(runner.argvs().some(changedCluster)).toBe(false);
  });

  it('a failed pull of a locally built image is not answered with `docker pull`', () => {
    const output = `ERROR: failed to create cluster: failed to pull image "${BUILT}": pull access denied for k8s-storage-course/node, repository does not exist`;
    const local = createHint(output, { ref: BUILT, source: 'cluster-up', recordedIn: '/c/state.json' }, 'docker');
    expect(local.en).not.toContain('docker pull');
    expect(local.en).toContain('is in no registry, so it cannot be pulled');
    expect(local['zh-cn']).toContain('不在任何镜像仓库里');
    const pinned = createHint(output, { ref: NODE_IMAGE, source: 'pinned' }, 'podman');
    expect(pinned.en).toContain(`podman pull ${NODE_IMAGE}`);
  });
});

describe('kind back end: --fresh', () => {
  it('uses its own cluster name and temp kubeconfig, waits for the namespace to go, then deletes the cluster', async () => {
    const name = freshClusterName('lesson-3-xyz');
    expect(name).toMatch(/^k8s-storage-course-[0-9a-f]{8}$/);
    const kc = join(tmpdir(), `${name}.kubeconfig`);
    const ns = '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"course-lesson-3-xyz","labels":{"storage-course/managed":"true"}}}';
    const runner = base()
      .when(isKind('get', 'clusters'), { stdout: 'k8s-storage-course\n' })
      .when(isKind('create', 'cluster'), {})
      .when(isKind('delete', 'cluster'), {})
      .on('docker', ['image', 'inspect'], { exitCode: 1 })
      .when(kubectl('get', 'nodes'), { stdout: kindNodes(name) })
      .when(kubectl('delete'), {})
      // prepare: absent; cleanup: still there once, then gone.
      .once('kubectl', ['--kubeconfig', kc, 'get', 'namespaces', 'course-lesson-3-xyz'], { stdout: '' }, { stdout: ns }, { stdout: '' });
    const cluster = createKindCluster({ runId: 'lesson-3-xyz', fresh: true, runner });
    await cluster.prepare();
    expect(cluster.info.description).toEqual({ en: `kind cluster ${name} (Kubernetes v1.35.0, throwaway)`, 'zh-cn': `kind 集群 ${name}（Kubernetes v1.35.0，用完即删）` });
    const create = runner.argvs().find((a) => a[1] === 'create')!;
    expect(create).toContain(name);
    expect(create[create.indexOf('--kubeconfig') + 1]).toBe(kc);
    await cluster.cleanup();
    const argvs = runner.argvs().map((a) => a.join(' '));
    const lastNamespaceCheck = argvs.lastIndexOf(`kubectl --kubeconfig ${kc} get namespaces course-lesson-3-xyz -o json --ignore-not-found --request-timeout=30s`);
    expect(argvs.at(-1)).toBe(`kind delete cluster --name ${name} --kubeconfig ${kc}`);
    expect(lastNamespaceCheck).toBeGreaterThan(argvs.indexOf(`kubectl --kubeconfig ${kc} delete namespaces course-lesson-3-xyz --ignore-not-found --wait=false`));
    expect(lastNamespaceCheck).toBeLessThan(argvs.length - 1);
  });

  it('a fresh run whose tooling check failed deletes nothing', async () => {
    const runner = base().on('docker', ['version'], { exitCode: 1, stderr: 'Cannot connect to the Docker daemon' });
    const cluster = createKindCluster({ runId: 'x', fresh: true, runner });
    await expect(cluster.prepare()).rejects.toBeInstanceOf(ClusterUnavailableError);
    await cluster.cleanup();
    expect(runner.argvs().some((a) => a[0] === 'kind' && a[1] === 'delete')).toBe(false);
  });
});

describe('deleteCourseCluster', () => {
  it('deletes the course cluster and leftover throwaway clusters, run namespaces first, and nothing else', async () => {
    const runner = base()
      .when(isKind('get', 'clusters'), { stdout: 'kind\nk8s-storage-course\nk8s-storage-course-0a1b2c3d\nmy-own\n' })
      .when(isKind('export', 'kubeconfig'), {})
      .when(kubectl('delete', 'namespaces'), {})
      .when(isKind('delete', 'cluster'), {});
    // Each deleted cluster's CSI store (its volumes' records and snapshots) goes with it; others stay.
    for (const name of ['k8s-storage-course', 'k8s-storage-course-0a1b2c3d', 'my-own']) mkdirSync(join(csiStoreDir(name), 'snapshots'), { recursive: true });
    await deleteCourseCluster({ runner });
    expect(['k8s-storage-course', 'k8s-storage-course-0a1b2c3d', 'my-own'].map((n) => existsSync(csiStoreDir(n)))).toEqual([false, false, true]);
    const relevant = runner.argvs().filter((a) => !(a[1] === 'version' || a[2] === 'version'));
    expect(relevant.map((a) => a.join(' '))).toEqual([
      'kind get clusters',
      `kind export kubeconfig --name k8s-storage-course --kubeconfig ${KUBECONFIG()}`,
      `kubectl --kubeconfig ${KUBECONFIG()} delete namespaces -l storage-course/run --ignore-not-found --wait=true --timeout=90s`,
      `kind delete cluster --name k8s-storage-course --kubeconfig ${KUBECONFIG()}`,
      `kind export kubeconfig --name k8s-storage-course-0a1b2c3d --kubeconfig ${join(tmpdir(), 'k8s-storage-course-0a1b2c3d.kubeconfig')}`,
      `kubectl --kubeconfig ${join(tmpdir(), 'k8s-storage-course-0a1b2c3d.kubeconfig')} delete namespaces -l storage-course/run --ignore-not-found --wait=true --timeout=90s`,
      `kind delete cluster --name k8s-storage-course-0a1b2c3d --kubeconfig ${join(tmpdir(), 'k8s-storage-course-0a1b2c3d.kubeconfig')}`,
    ]);
  });

  it('is a no-op when there is no course cluster', async () => {
    const runner = base().when(isKind('get', 'clusters'), { stdout: '' });
    await deleteCourseCluster({ runner });
    expect(runner.argvs().some((a) => a[1] === 'delete')).toBe(false);
  });

  it('recognises only the course\'s own cluster names', () => {
    expect(isCourseCluster('k8s-storage-course')).toBe(true);
    expect(isCourseCluster('k8s-storage-course-0a1b2c3d')).toBe(true);
    expect(isCourseCluster('kind')).toBe(false);
    expect(isCourseCluster('k8s-storage-course-mine')).toBe(false);
  });
});

describe('kind back end: nodes', () => {
  it('kills through crictl in the node container, only for nodes of its own cluster', async () => {
    const runner = base()
      .when(isKind('get', 'clusters'), { stdout: 'k8s-storage-course\n' })
      .when(isKind('export', 'kubeconfig'), {})
      .on('docker', ['exec'], {});
    const cluster = createKindCluster({ runId: 'r', runner });
    await cluster.prepare();
    const pod = fixtureJson('pod-kind-sidecar.json');
    pod.spec.nodeName = 'k8s-storage-course-worker';
    runner.when(kubectl('get', 'pods', 'sleep'), { stdout: JSON.stringify(pod) });
    await cluster.killContainer('sleep', 'sleep');
    expect(runner.argvs().at(-1)).toEqual(['docker', 'exec', 'k8s-storage-course-worker', 'crictl', '--timeout', '25s', 'stop', '--timeout', '0', 'a1848056a183e40afe3189fc4920bd565930180ebdf2f9e2daf778ea8105f93e']);
    pod.spec.nodeName = 'some-other-container';
    runner.when(kubectl('get', 'pods', 'sleep'), { stdout: JSON.stringify(pod) });
    await expect(cluster.killContainer('sleep', 'sleep')).rejects.toThrow(/not part of the kind cluster/);
    expect(list([])).toContain('items');
  });

  it('a node too busy to stop the container is the machine\'s problem, not the answer\'s', async () => {
    // crictl's error as test:cluster printed it on this project's 2-core machine (2026-12-07),
    // when StopContainer took longer than crictl's request timeout.
    const stderr = [
      'E1207 13:43:29.602374    6218 log.go:32] "StopContainer from runtime service failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded" containerID="a1848056a183e40afe3189fc4920bd565930180ebdf2f9e2daf778ea8105f93e"',
      'time="2026-12-07T13:43:29Z" level=fatal msg="stopping the container \\"a1848056a183e40afe3189fc4920bd565930180ebdf2f9e2daf778ea8105f93e\\": rpc error: code = DeadlineExceeded desc = context deadline exceeded"',
    ].join('\n');
    const runner = base()
      .when(isKind('get', 'clusters'), { stdout: 'k8s-storage-course\n' })
      .when(isKind('export', 'kubeconfig'), {})
      .on('docker', ['exec'], { exitCode: 1, stderr });
    const cluster = createKindCluster({ runId: 'r', runner });
    await cluster.prepare();
    const pod = fixtureJson('pod-kind-sidecar.json');
    pod.spec.nodeName = 'k8s-storage-course-worker';
    runner.when(kubectl('get', 'pods', 'sleep'), { stdout: JSON.stringify(pod) });
    const err = await cluster.killContainer('sleep', 'sleep').catch((e) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    expect(err.reason.en).toBe('The node k8s-storage-course-worker did not stop container sleep of Pod sleep in time (crictl: DeadlineExceeded): the machine is too busy to run this check, which says nothing about your answer.');
    expect(err.reason['zh-cn']).toContain('节点 k8s-storage-course-worker 没有及时停止 Pod sleep 的容器 sleep');
    expect(err.hint.en).toContain('--jobs');
  });
});

describe('kind back end: lesson 3 on a kernel without an NFS client', () => {
  // /proc/filesystems as a real node of this project's CI cluster printed it (no nfs, no nfs4),
  // recorded with `docker exec k8s-storage-course-worker cat /proc/filesystems`; that kernel has
  // no /proc/modules either (CONFIG_MODULES unset).
  const recorded = readFileSync(join(import.meta.dirname, '../../../fixtures/real/node-proc-filesystems.txt'), 'utf8');
  const reuse = () =>
    base()
      .when(isKind('get', 'clusters'), { stdout: 'k8s-storage-course\n' })
      .when(isKind('export', 'kubeconfig'), {});
  const dockerCat = (path: string) => (c: FakeCall) => c.file === 'docker' && c.args[0] === 'exec' && c.args.at(-1) === path;
  const probe = (c: FakeCall) => c.file === 'docker' && c.args[0] === 'exec' && c.args.slice(2).join(' ') === 'course-nfs-client probe';
  // A node image without course-nfs-client (one cluster:up did not build): docker exec's answer.
  const noProbe = { exitCode: 127, stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "course-nfs-client": executable file not found in $PATH: unknown\n' };

  it('refuses the NFS fixture with its own reason, before installing anything', async () => {
    const runner = reuse()
      .when(probe, noProbe)
      .when(dockerCat('/proc/filesystems'), { stdout: recorded })
      .when(dockerCat('/proc/modules'), { exitCode: 1, stderr: '' });
    const cluster = createKindCluster({ runId: 'lesson-3-abc', runner });
    await cluster.prepare();
    const err = await cluster.installFixture('nfs-server').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    expect((err as ClusterUnavailableError).code).toBe('nfs-client-missing');
    expect((err as ClusterUnavailableError).reason.en).toContain('no NFS client');
    expect((err as ClusterUnavailableError).reason['zh-cn']).toContain('没有 NFS 客户端');
    expect(runner.argvs().some((a) => a.includes('course-fixtures'))).toBe(false);
  });

  it('goes on to install the server when the kernel lists nfs, or can load modules', async () => {
    for (const [filesystems, modules] of [[`${recorded}nodev\tnfs\nnodev\tnfs4\n`, false], [recorded, true]] as const) {
      const runner = reuse()
        .when(probe, noProbe)
        .when(dockerCat('/proc/filesystems'), { stdout: filesystems })
        .when(dockerCat('/proc/modules'), modules ? {} : { exitCode: 1 })
        .when(kubectl('get', 'namespaces', 'course-fixtures'), { exitCode: 1, stderr: 'stop here' });
      const cluster = createKindCluster({ runId: 'lesson-3-abc', runner });
      await cluster.prepare();
      const err = await cluster.installFixture('nfs-server').catch((e: unknown) => e);
      expect((err as ClusterUnavailableError).code).toBeUndefined();
    }
  });

  it('on a node of cluster:up, the node\'s own course-nfs-client says which client mounts, and the fixture reports it', async () => {
    // The probe's line as `docker exec k8s-storage-course-worker course-nfs-client probe` prints it on this machine.
    const answer = '{"client":"fuse","reason":"this kernel has no NFS client (no nfs in /proc/filesystems, no module to load); user-space NFSv3 client through FUSE"}\n';
    const runner = reuse()
      .when(probe, { stdout: answer })
      .when(kubectl('get', 'namespaces', 'course-fixtures'), { exitCode: 1, stderr: 'stop here' });
    const cluster = createKindCluster({ runId: 'lesson-3-abc', runner });
    await cluster.prepare();
    const err = await cluster.installFixture('nfs-server').catch((e: unknown) => e);
    // It went on to the server (which this fake stops), and never read /proc itself.
    expect((err as ClusterUnavailableError).code).toBeUndefined();
    expect(runner.argvs().some((a) => a.includes('/proc/filesystems'))).toBe(false);
  });
});
