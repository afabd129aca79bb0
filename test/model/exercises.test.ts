/**
 * The six exercises' reference answers (fixtures/lesson-N) tell their story in the model exactly
 * as the exercise table in EXERCISES.md says, through the model API; and all six together run in
 * well under a second.
 */
import { describe, it, expect } from 'vitest';
import type { StorageModel } from '../../src/model/index.ts';
import { deletePodAndWait, fixture, killAndWait, measure, newModel, status, waitRunning, waitUntil } from './helpers.ts';

const get = (m: StorageModel, kind: string, name: string) => m.get({ kind, name, namespace: 'default' });

export function lesson1(m: StorageModel): void {
  m.apply(fixture('lesson-1'));
  const pod = waitRunning(m, 'cache-pod');
  m.writeFile('default', 'cache-pod', 'writer', '/cache/token', 'tok-1');
  expect(m.readFile('default', 'cache-pod', 'reader', '/cache/token')).toBe('tok-1');
  m.writeFile('default', 'cache-pod', 'writer', '/tmp/own', 'layer');
  const [before, after] = killAndWait(m, 'cache-pod', 'writer');
  expect(after.restartCount).toBe(before.restartCount + 1);
  expect(after.containerID).not.toBe(before.containerID);
  expect(after.lastState.terminated.exitCode).toBe(137);
  expect(m.readFile('default', 'cache-pod', 'writer', '/cache/token')).toBe('tok-1');
  expect(m.readFile('default', 'cache-pod', 'writer', '/tmp/own')).toBeUndefined();
  deletePodAndWait(m, 'cache-pod');
  expect(m.listNodeDir(pod.spec.nodeName, `/var/lib/kubelet/pods/${pod.metadata.uid}`)).toBeUndefined();
  m.apply(fixture('lesson-1'));
  const again = waitRunning(m, 'cache-pod');
  expect(again.metadata.uid).not.toBe(pod.metadata.uid);
  expect(m.readFile('default', 'cache-pod', 'reader', '/cache/token')).toBeUndefined();
}

export function lesson2(m: StorageModel): void {
  m.labelNode('course-worker2', { 'storage-course/role': 'data' });
  m.apply(fixture('lesson-2'));
  expect(waitRunning(m, 'hostpath-pod').spec.nodeName).toBe('course-worker2');
  m.writeFile('default', 'hostpath-pod', 'app', '/data/token', 'tok-2');
  killAndWait(m, 'hostpath-pod', 'app');
  expect(m.readFile('default', 'hostpath-pod', 'app', '/data/token')).toBe('tok-2');
  deletePodAndWait(m, 'hostpath-pod');
  m.apply(fixture('lesson-2'));
  expect(waitRunning(m, 'hostpath-pod').spec.nodeName).toBe('course-worker2');
  expect(m.readFile('default', 'hostpath-pod', 'app', '/data/token')).toBe('tok-2');
  expect(m.readNodeFile('course-worker2', '/var/local/course-data/token')).toBe('tok-2');
  const probe = fixture('lesson-2')[0]!;
  probe.metadata.name = 'probe';
  probe.spec.nodeSelector = { 'kubernetes.io/hostname': 'course-worker' };
  m.apply(probe);
  expect(waitRunning(m, 'probe').spec.nodeName).toBe('course-worker');
  expect(m.readFile('default', 'probe', 'app', '/data/token')).toBeUndefined();
}

export function lesson3(m: StorageModel): void {
  m.installNfsServer();
  m.apply(fixture('lesson-3'));
  const pods = () => m.list('Pod', { namespace: 'default', labels: { app: 'nfs-web' } }).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running');
  const [a, b] = waitUntil(m, () => (pods().length === 2 ? pods() : undefined));
  expect(a!.spec.nodeName).not.toBe(b!.spec.nodeName);
  m.writeFile('default', a!.metadata.name, 'web', '/shared/token', 'tok-3');
  expect(m.readFile('default', b!.metadata.name, 'web', '/shared/token')).toBe('tok-3');
  killAndWait(m, a!.metadata.name, 'web');
  expect(m.readFile('default', a!.metadata.name, 'web', '/shared/token')).toBe('tok-3');
  for (const p of [a!, b!]) m.delete({ kind: 'Pod', name: p.metadata.name }, { gracePeriodSeconds: 1 });
  const fresh = waitUntil(m, () => {
    const now = pods();
    return now.length === 2 && now.every((p) => p.metadata.name !== a!.metadata.name && p.metadata.name !== b!.metadata.name) ? now : undefined;
  });
  expect(fresh[0]!.spec.nodeName).not.toBe(fresh[1]!.spec.nodeName);
  for (const p of fresh) expect(m.readFile('default', p.metadata.name, 'web', '/shared/token')).toBe('tok-3');
}

export function lesson4(m: StorageModel): void {
  m.labelNode('course-worker', { 'storage-course/role': 'data' });
  m.makeNodeDir('course-worker', '/var/local/course-pv');
  m.apply(fixture('lesson-4'));
  expect(waitRunning(m, 'pv-pod').spec.nodeName).toBe('course-worker');
  const pvc = get(m, 'PersistentVolumeClaim', 'course-pvc')!;
  expect(pvc.status?.phase).toBe('Bound');
  expect(pvc.spec.volumeName).toBe('course-pv');
  m.writeFile('default', 'pv-pod', 'app', '/data/token', 'tok-4');
  killAndWait(m, 'pv-pod', 'app');
  expect(m.readFile('default', 'pv-pod', 'app', '/data/token')).toBe('tok-4');
  deletePodAndWait(m, 'pv-pod');
  m.apply(fixture('lesson-4'));
  waitRunning(m, 'pv-pod');
  expect(m.readFile('default', 'pv-pod', 'app', '/data/token')).toBe('tok-4');
  deletePodAndWait(m, 'pv-pod');
  m.delete({ kind: 'PersistentVolumeClaim', name: 'course-pvc' });
  waitUntil(m, () => !get(m, 'PersistentVolumeClaim', 'course-pvc'));
  expect(m.get({ kind: 'PersistentVolume', name: 'course-pv' })?.status?.phase).toBe('Released');
  expect(m.readNodeFile('course-worker', '/var/local/course-pv/token')).toBe('tok-4');
}

export function lesson5(m: StorageModel): void {
  m.apply(fixture('lesson-5/storageclass.yaml'));
  m.advance(10_000);
  expect(get(m, 'PersistentVolumeClaim', 'dyn-pvc')?.status?.phase).toBe('Pending');
  expect(m.events({ kind: 'PersistentVolumeClaim', name: 'dyn-pvc' }).map((e) => e.reason)).toContain('WaitForFirstConsumer');
  m.apply(fixture('lesson-5'));
  const pod = waitRunning(m, 'dyn-pod');
  const pvc = get(m, 'PersistentVolumeClaim', 'dyn-pvc')!;
  expect(pvc.status?.phase).toBe('Bound');
  const pv = m.get({ kind: 'PersistentVolume', name: pvc.spec.volumeName })!;
  expect(pv.metadata.name).toBe(`pvc-${pvc.metadata.uid}`);
  expect(pv.spec.storageClassName).toBe('course-fast');
  expect(pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('rancher.io/local-path');
  expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual([pod.spec.nodeName]);
  m.writeFile('default', 'dyn-pod', 'app', '/data/token', 'tok-5');
  const dir = `/var/local-path-provisioner/${pv.metadata.name}_default_dyn-pvc`;
  expect(m.readNodeFile(pod.spec.nodeName, `${dir}/token`)).toBe('tok-5');
  killAndWait(m, 'dyn-pod', 'app');
  expect(m.readFile('default', 'dyn-pod', 'app', '/data/token')).toBe('tok-5');
  deletePodAndWait(m, 'dyn-pod');
  m.apply(fixture('lesson-5/pod.yaml'));
  expect(waitRunning(m, 'dyn-pod').spec.nodeName).toBe(pod.spec.nodeName);
  expect(m.readFile('default', 'dyn-pod', 'app', '/data/token')).toBe('tok-5');
  deletePodAndWait(m, 'dyn-pod');
  m.delete({ kind: 'PersistentVolumeClaim', name: 'dyn-pvc' });
  waitUntil(m, () => !m.get({ kind: 'PersistentVolume', name: pv.metadata.name }));
  expect(m.listNodeDir(pod.spec.nodeName, dir)).toBeUndefined();
}

export function lesson6(m: StorageModel): void {
  m.apply(fixture('lesson-6'));
  waitRunning(m, 'web-0');
  waitRunning(m, 'web-1');
  for (const c of ['www-web-0', 'www-web-1']) expect(get(m, 'PersistentVolumeClaim', c)?.status?.phase).toBe('Bound');
  expect(get(m, 'Service', 'web')?.spec.clusterIP).toBe('None');
  m.writeFile('default', 'web-0', 'app', '/data/token', 'tok-6-0');
  m.writeFile('default', 'web-1', 'app', '/data/token', 'tok-6-1');
  const uid0 = get(m, 'Pod', 'web-0')!.metadata.uid;
  const claimUid = get(m, 'PersistentVolumeClaim', 'www-web-0')!.metadata.uid;
  m.delete({ kind: 'Pod', name: 'web-0' }, { gracePeriodSeconds: 1 });
  const back = waitUntil(m, () => {
    const p = get(m, 'Pod', 'web-0');
    return p && p.metadata.uid !== uid0 && p.status?.phase === 'Running' ? p : undefined;
  });
  expect(back.spec.volumes.find((v: any) => v.name === 'www').persistentVolumeClaim.claimName).toBe('www-web-0');
  expect(get(m, 'PersistentVolumeClaim', 'www-web-0')!.metadata.uid).toBe(claimUid);
  expect(m.readFile('default', 'web-0', 'app', '/data/token')).toBe('tok-6-0');
  m.scale({ kind: 'StatefulSet', name: 'web' }, 1);
  waitUntil(m, () => !get(m, 'Pod', 'web-1'));
  expect(get(m, 'PersistentVolumeClaim', 'www-web-1')?.status?.phase).toBe('Bound');
  m.scale({ kind: 'StatefulSet', name: 'web' }, 2);
  waitRunning(m, 'web-1');
  expect(m.readFile('default', 'web-1', 'app', '/data/token')).toBe('tok-6-1');
  expect(status(m, 'web-1', 'app').restartCount).toBe(0);
}

const STORIES = { lesson1, lesson2, lesson3, lesson4, lesson5, lesson6 };

describe('the reference answers behave as the exercise table says', () => {
  for (const [name, story] of Object.entries(STORIES)) it(name, () => story(newModel()));

  it('all six stories together run in well under 1 s (CPU time; wall time is printed too)', async () => {
    const { wallMs, cpuMs } = await measure(() => {
      for (const story of Object.values(STORIES)) story(newModel(11));
    });
    console.log(`six exercise stories on the model: ${wallMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU`);
    expect(cpuMs).toBeLessThan(1000);
  });
});
