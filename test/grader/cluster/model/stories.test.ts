/**
 * The six exercise stories told through the Cluster interface on the model back end, the way the
 * graders tell them: fresh tokens, kills detected by restartCount + 1 and a new container id,
 * deletes with waits, node files read from the node.
 */
import { describe, it, expect } from 'vitest';
import type { Cluster, PodView } from '../../../../src/grader/cluster/cluster.ts';
import { createModelCluster } from '../../../../src/grader/cluster/model/model-cluster.ts';
import { fixture, measure } from '../../../model/helpers.ts';

let n = 0;
const token = () => `token-${++n}-${Math.random().toString(36).slice(2)}`;

async function until<T>(c: Cluster, probe: () => Promise<T | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const end = c.clock.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (c.clock.now() >= end) throw new Error('timed out (virtual)');
    await c.clock.sleep(500);
  }
}
const running = (c: Cluster, name: string) => until(c, async () => {
  const p = await c.pod(name);
  return p && !p.terminating && p.phase === 'Running' && p.containers.every((x) => x.state === 'running') ? p : undefined;
});
async function killAndWait(c: Cluster, pod: string, container: string): Promise<void> {
  const before = (await c.pod(pod))!.containers.find((x) => x.name === container)!;
  await c.killContainer(pod, container);
  const after = await until(c, async () => {
    const v = (await c.pod(pod))?.containers.find((x) => x.name === container);
    return v && v.restartCount === before.restartCount + 1 && v.state === 'running' ? v : undefined;
  });
  expect(after.containerID).not.toBe(before.containerID);
}

async function lesson1(c: Cluster) {
  await c.apply(fixture('lesson-1'));
  const first = await running(c, 'cache-pod');
  const t = token();
  await c.writeFile('cache-pod', 'writer', '/cache/token', t);
  expect(await c.readFile('cache-pod', 'reader', '/cache/token')).toBe(t);
  await killAndWait(c, 'cache-pod', 'writer');
  expect(await c.readFile('cache-pod', 'writer', '/cache/token')).toBe(t);
  await c.deletePod('cache-pod');
  await c.apply(fixture('lesson-1'));
  expect((await running(c, 'cache-pod')).uid).not.toBe(first.uid);
  expect(await c.readFile('cache-pod', 'reader', '/cache/token')).toBeUndefined();
}

async function lesson2(c: Cluster) {
  const [data, other] = await c.workers();
  await c.labelNode(data!, { 'storage-course/role': 'data' });
  await c.apply(fixture('lesson-2'));
  expect((await running(c, 'hostpath-pod')).nodeName).toBe(data);
  const t = token();
  await c.writeFile('hostpath-pod', 'app', '/data/token', t);
  await killAndWait(c, 'hostpath-pod', 'app');
  expect(await c.readFile('hostpath-pod', 'app', '/data/token')).toBe(t);
  await c.deletePod('hostpath-pod');
  await c.apply(fixture('lesson-2'));
  expect((await running(c, 'hostpath-pod')).nodeName).toBe(data);
  expect(await c.readFile('hostpath-pod', 'app', '/data/token')).toBe(t);
  const probe = fixture('lesson-2')[0]!;
  probe.metadata.name = 'probe';
  probe.spec.nodeSelector = { 'kubernetes.io/hostname': other };
  await c.apply([probe]);
  expect((await running(c, 'probe')).nodeName).toBe(other);
  expect(await c.readFile('probe', 'app', '/data/token')).toBeUndefined();
}

async function lesson3(c: Cluster) {
  await c.installFixture('nfs-server');
  await c.apply(fixture('lesson-3'));
  const live = async () => (await c.pods({ app: 'nfs-web' })).filter((p) => !p.terminating && p.phase === 'Running' && p.containers.every((x) => x.state === 'running'));
  const [a, b] = await until(c, async () => ((await live()).length === 2 ? live() : undefined));
  expect(a!.nodeName).not.toBe(b!.nodeName);
  const t = token();
  await c.writeFile(a!.name, 'web', '/shared/token', t);
  expect(await c.readFile(b!.name, 'web', '/shared/token')).toBe(t);
  await killAndWait(c, a!.name, 'web');
  expect(await c.readFile(a!.name, 'web', '/shared/token')).toBe(t);
  await Promise.all([c.deletePod(a!.name), c.deletePod(b!.name)]);
  const fresh: PodView[] = await until(c, async () => {
    const now = await live();
    return now.length === 2 && now.every((p) => p.name !== a!.name && p.name !== b!.name) ? now : undefined;
  });
  for (const p of fresh) expect(await c.readFile(p.name, 'web', '/shared/token')).toBe(t);
}

async function lesson4(c: Cluster) {
  const [data] = await c.workers();
  await c.labelNode(data!, { 'storage-course/role': 'data' });
  await c.makeNodeDir(data!, '/var/local/course-pv');
  await c.apply(fixture('lesson-4'));
  await running(c, 'pv-pod');
  const pvc = (await c.get('PersistentVolumeClaim', 'course-pvc'))!;
  expect(pvc.status?.phase).toBe('Bound');
  expect(pvc.spec.volumeName).toBe('course-pv');
  const t = token();
  await c.writeFile('pv-pod', 'app', '/data/token', t);
  await killAndWait(c, 'pv-pod', 'app');
  expect(await c.readFile('pv-pod', 'app', '/data/token')).toBe(t);
  await c.deletePod('pv-pod');
  await c.apply(fixture('lesson-4'));
  await running(c, 'pv-pod');
  expect(await c.readFile('pv-pod', 'app', '/data/token')).toBe(t);
  await c.deletePod('pv-pod');
  await c.delete('PersistentVolumeClaim', 'course-pvc');
  expect((await c.get('PersistentVolume', 'course-pv'))?.status?.phase).toBe('Released');
  expect(await c.readNodeFile(data!, '/var/local/course-pv/token')).toBe(t);
}

async function lesson5(c: Cluster) {
  await c.apply(fixture('lesson-5/storageclass.yaml'));
  await c.clock.sleep(10_000);
  expect((await c.get('PersistentVolumeClaim', 'dyn-pvc'))?.status?.phase).toBe('Pending');
  await c.apply(fixture('lesson-5/pod.yaml'));
  const pod = await running(c, 'dyn-pod');
  const pvc = (await c.get('PersistentVolumeClaim', 'dyn-pvc'))!;
  expect(pvc.status?.phase).toBe('Bound');
  const pvName = pvc.spec.volumeName as string;
  expect((await c.get('PersistentVolume', pvName))?.spec.storageClassName).toBe('course-fast');
  const t = token();
  await c.writeFile('dyn-pod', 'app', '/data/token', t);
  await killAndWait(c, 'dyn-pod', 'app');
  await c.deletePod('dyn-pod');
  await c.apply(fixture('lesson-5/pod.yaml'));
  expect((await running(c, 'dyn-pod')).nodeName).toBe(pod.nodeName);
  expect(await c.readFile('dyn-pod', 'app', '/data/token')).toBe(t);
  await c.deletePod('dyn-pod');
  await c.delete('PersistentVolumeClaim', 'dyn-pvc');
  await until(c, async () => !(await c.get('PersistentVolume', pvName)));
  expect(await c.readNodeFile(pod.nodeName!, `/var/local-path-provisioner/${pvName}_${c.namespace}_dyn-pvc/token`)).toBeUndefined();
}

async function lesson6(c: Cluster) {
  await c.apply(fixture('lesson-6'));
  await running(c, 'web-0');
  await running(c, 'web-1');
  for (const name of ['www-web-0', 'www-web-1']) expect((await c.get('PersistentVolumeClaim', name))?.status?.phase).toBe('Bound');
  const [t0, t1] = [token(), token()];
  await c.writeFile('web-0', 'app', '/data/token', t0);
  await c.writeFile('web-1', 'app', '/data/token', t1);
  expect(await c.readFile('web-0', 'app', '/data/token')).not.toBe(await c.readFile('web-1', 'app', '/data/token'));
  await c.deletePod('web-0');
  await running(c, 'web-0');
  expect(await c.readFile('web-0', 'app', '/data/token')).toBe(t0);
  await c.scale('StatefulSet', 'web', 1);
  await until(c, async () => !(await c.pod('web-1')));
  expect(await c.get('PersistentVolumeClaim', 'www-web-1')).toBeDefined();
  await c.scale('StatefulSet', 'web', 2);
  await running(c, 'web-1');
  expect(await c.readFile('web-1', 'app', '/data/token')).toBe(t1);
}

const STORIES = { lesson1, lesson2, lesson3, lesson4, lesson5, lesson6 };

describe('exercise stories through the Cluster interface (model back end)', () => {
  for (const [name, story] of Object.entries(STORIES)) {
    it(name, async () => {
      const c = createModelCluster({ seed: name.length + Number(name.slice(-1)) });
      await c.prepare();
      await story(c);
      await c.cleanup();
      expect(c.model.list('Pod', { namespace: c.namespace })).toEqual([]);
    });
  }

  it('all six run in well under 1 s (CPU time; wall time is printed too)', async () => {
    const { wallMs, cpuMs } = await measure(async () => {
      for (const story of Object.values(STORIES)) {
        const c = createModelCluster({ seed: 3 });
        await c.prepare();
        await story(c);
        await c.cleanup();
      }
    });
    console.log(`six exercise stories through the model back end: ${wallMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU`);
    expect(cpuMs).toBeLessThan(1000);
  });
});
