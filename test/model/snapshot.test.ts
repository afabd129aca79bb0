/** The playground snapshot: plain JSON, stable order, files per volume, node and container layer. */
import { describe, it, expect } from 'vitest';
import { fixture, newModel } from './helpers.ts';

function story(seed: number) {
  const m = newModel(seed);
  m.labelNode('course-worker', { 'storage-course/role': 'data' });
  m.makeNodeDir('course-worker', '/var/local/course-pv');
  m.apply(fixture('lesson-4'));
  m.apply(fixture('lesson-1'));
  m.writeFile('default', 'pv-pod', 'app', '/data/token', 'pv');
  m.writeFile('default', 'cache-pod', 'writer', '/cache/token', 'cache');
  m.writeFile('default', 'cache-pod', 'writer', '/tmp/own', 'own');
  return m;
}

describe('snapshot', () => {
  it('is plain JSON: nodes -> pods -> containers and volumes with the files they hold', () => {
    const snap = story(1).snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(snap.nodes.map((n) => n.name)).toEqual(['course-control-plane', 'course-worker', 'course-worker2']);
    const pvPod = snap.nodes.flatMap((n) => n.pods).find((p) => p.name === 'pv-pod')!;
    expect(pvPod.volumes[0]).toMatchObject({ name: 'data', type: 'persistentVolumeClaim', claim: 'course-pvc', persistentVolume: 'course-pv', mounted: true, files: { token: 'pv' }, where: 'course-worker:/var/local/course-pv' });
    const cache = snap.nodes.flatMap((n) => n.pods).find((p) => p.name === 'cache-pod')!;
    expect(cache.volumes[0]!.files).toEqual({ token: 'cache' });
    expect(cache.containers.find((c) => c.name === 'writer')!.ownFiles).toEqual({ '/tmp/own': 'own' });
    expect(cache.containers[0]).toMatchObject({ state: 'running', restartCount: 0 });
  });

  it('shows node files, PVs with their files, claims and classes', () => {
    const snap = story(1).snapshot();
    const worker = snap.nodes.find((n) => n.name === 'course-worker')!;
    expect(worker.files['/var/local/course-pv/token']).toBe('pv');
    expect(worker.taints).toEqual([]);
    expect(snap.nodes[0]!.taints).toEqual(['node-role.kubernetes.io/control-plane:NoSchedule']);
    expect(snap.persistentVolumes).toEqual([expect.objectContaining({ name: 'course-pv', phase: 'Bound', claim: 'default/course-pvc', source: 'local /var/local/course-pv', files: { token: 'pv' } })]);
    expect(snap.persistentVolumeClaims).toEqual([expect.objectContaining({ name: 'course-pvc', phase: 'Bound', volume: 'course-pv', storageClass: '' })]);
    // course-csi: what `npm run cluster:up` installs for the course's CSI driver.
    expect(snap.storageClasses).toEqual([
      { name: 'course-csi', provisioner: 'csi.k8s-storage-course.local', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', isDefault: false },
      { name: 'standard', provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', isDefault: true },
    ]);
  });

  it('is deterministic: the same seed and steps give the same snapshot', () => {
    expect(JSON.stringify(story(5).snapshot())).toBe(JSON.stringify(story(5).snapshot()));
  });

  it('lists unscheduled pods separately with their reason', () => {
    const m = newModel();
    m.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stuck' }, spec: { nodeSelector: { none: 'x' }, containers: [{ name: 'c', image: 'busybox' }] } });
    expect(m.snapshot().unscheduledPods).toEqual([expect.objectContaining({ name: 'stuck', phase: 'Pending', reason: 'Unschedulable' })]);
  });
});
