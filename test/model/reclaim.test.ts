/** Reclaim policies, PV phases, pvc-protection, pv-protection and Lost claims. */
import { describe, it, expect } from 'vitest';
import type { StorageModel } from '../../src/model/index.ts';
import { claimPod, deletePodAndWait, newModel, pv, pvc, waitUntil } from './helpers.ts';

const claim = (m: StorageModel, n: string) => m.get({ kind: 'PersistentVolumeClaim', name: n });
const vol = (m: StorageModel, n: string) => m.get({ kind: 'PersistentVolume', name: n });
function bound(m: StorageModel, policy: string, path = '/var/local/a') {
  const v = pv('a', { node: 'course-worker' });
  v.spec.persistentVolumeReclaimPolicy = policy;
  v.spec.hostPath.path = path;
  m.apply([v, pvc('c'), claimPod('p', 'c')]);
  m.writeFile('default', 'p', 'app', '/data/f', 'data');
}

describe('reclaim', () => {
  it('a new static PV is Available and defaults to Retain', () => {
    const m = newModel();
    m.apply(pv('a'));
    expect(vol(m, 'a')!.status.phase).toBe('Available');
    expect(vol(m, 'a')!.spec.persistentVolumeReclaimPolicy).toBe('Retain');
  });

  it('Retain: after the claim is deleted the PV is Released and its data stays', () => {
    const m = newModel();
    bound(m, 'Retain');
    deletePodAndWait(m, 'p');
    m.delete({ kind: 'PersistentVolumeClaim', name: 'c' });
    expect(claim(m, 'c')).toBeUndefined();
    expect(vol(m, 'a')!.status.phase).toBe('Released');
    expect(m.readNodeFile('course-worker', '/var/local/a/f')).toBe('data');
  });

  it('a Released PV does not bind again until spec.claimRef is removed; then a new claim sees the old data', () => {
    const m = newModel();
    bound(m, 'Retain');
    deletePodAndWait(m, 'p');
    m.delete({ kind: 'PersistentVolumeClaim', name: 'c' });
    m.apply(pvc('c2'));
    expect(claim(m, 'c2')!.status.phase).toBe('Pending');
    m.patch({ kind: 'PersistentVolume', name: 'a' }, { spec: { claimRef: null } });
    expect(vol(m, 'a')!.spec.claimRef?.name).toBe('c2');
    m.apply(claimPod('q', 'c2'));
    expect(m.readFile('default', 'q', 'app', '/data/f')).toBe('data');
  });

  it('Delete on a dynamically provisioned PV removes the PV and its directory', () => {
    const m = newModel();
    m.apply([pvc('c', { cls: 'standard' }), claimPod('p', 'c')]);
    const name = claim(m, 'c')!.spec.volumeName;
    const node = m.get({ kind: 'Pod', name: 'p' })!.spec.nodeName;
    deletePodAndWait(m, 'p');
    m.delete({ kind: 'PersistentVolumeClaim', name: 'c' });
    expect(vol(m, name)).toBeUndefined();
    expect(m.listNodeDir(node, `/var/local-path-provisioner/${name}_default_c`)).toBeUndefined();
  });

  it('Delete on a static local or nfs PV has no deleter: the PV goes Failed and the data stays', () => {
    const m = newModel();
    bound(m, 'Delete');
    deletePodAndWait(m, 'p');
    m.delete({ kind: 'PersistentVolumeClaim', name: 'c' });
    expect(vol(m, 'a')!.status).toMatchObject({ phase: 'Failed', message: 'host_path deleter only supports /tmp/.+ but received provided /var/local/a' });
    expect(m.readNodeFile('course-worker', '/var/local/a/f')).toBe('data');
    expect(m.events({ kind: 'PersistentVolume', name: 'a' }).map((e) => e.reason)).toContain('VolumeFailedDelete');
  });

  it('Delete on a hostPath PV under /tmp is deleted by the in-tree deleter', () => {
    const m = newModel();
    m.apply([{ ...pv('t'), spec: { ...pv('t').spec, persistentVolumeReclaimPolicy: 'Delete', hostPath: { path: '/tmp/t' } } }, pvc('c')]);
    m.delete({ kind: 'PersistentVolumeClaim', name: 'c' });
    expect(vol(m, 't')).toBeUndefined();
  });
});

describe('protection', () => {
  it('pvc-protection: a claim in use stays Terminating (still Bound) until its pod is gone', () => {
    const m = newModel();
    bound(m, 'Retain');
    expect(claim(m, 'c')!.metadata.finalizers).toContain('kubernetes.io/pvc-protection');
    m.delete({ kind: 'PersistentVolumeClaim', name: 'c' });
    m.advance(60_000);
    const c = claim(m, 'c')!;
    expect(c.metadata.deletionTimestamp).toBeDefined();
    expect(c.status.phase).toBe('Bound');
    m.delete({ kind: 'Pod', name: 'p' }, { gracePeriodSeconds: 1 });
    waitUntil(m, () => !claim(m, 'c'));
    expect(vol(m, 'a')!.status.phase).toBe('Released');
  });

  it('a claim being deleted cannot be used by a new pod', () => {
    const m = newModel();
    bound(m, 'Retain');
    m.delete({ kind: 'PersistentVolumeClaim', name: 'c' });
    m.apply(claimPod('late', 'c'));
    expect(m.podProblem('default', 'late')?.message).toContain('persistentvolumeclaim "c" is being deleted');
  });

  it('pv-protection: a bound PV being deleted stays until its claim is gone', () => {
    const m = newModel();
    bound(m, 'Retain');
    m.delete({ kind: 'PersistentVolume', name: 'a' });
    expect(vol(m, 'a')!.metadata.deletionTimestamp).toBeDefined();
    expect(vol(m, 'a')!.status.phase).toBe('Bound');
    deletePodAndWait(m, 'p');
    m.delete({ kind: 'PersistentVolumeClaim', name: 'c' });
    expect(vol(m, 'a')).toBeUndefined();
  });

  it('Lost: a bound claim whose PV is removed (finalizer dropped) is Lost, and Bound again when the PV returns', () => {
    const m = newModel();
    bound(m, 'Retain');
    const saved = vol(m, 'a')!;
    m.delete({ kind: 'PersistentVolume', name: 'a' });
    m.patch({ kind: 'PersistentVolume', name: 'a' }, { metadata: { finalizers: null } });
    expect(vol(m, 'a')).toBeUndefined();
    expect(claim(m, 'c')!.status.phase).toBe('Lost');
    expect(m.events({ kind: 'PersistentVolumeClaim', name: 'c' }).map((e) => e.reason)).toContain('ClaimLost');
    m.apply({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'a' }, spec: saved.spec });
    expect(claim(m, 'c')!.status.phase).toBe('Bound');
  });
});
