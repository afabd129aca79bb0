/** csi-provisioner of the course driver (src/model/csi-provisioner.ts) and local-path with a dataSource. */
import { describe, it, expect } from 'vitest';
import { claimPod, newModel, waitRunning } from './helpers.ts';
import { csiClaim, dataWithWriter, get, snapshotOf } from './lesson7-helpers.ts';

describe('csi-provisioner', () => {
  it('provisions a course-csi claim on the selected node: PV pvc-<uid> with spec.csi and node affinity to the driver topology', () => {
    const m = newModel();
    dataWithWriter(m);
    const c = get(m, 'PersistentVolumeClaim', 'data')!;
    const pv = m.get({ kind: 'PersistentVolume', name: c.spec.volumeName })!;
    expect(pv.metadata.name).toBe(`pvc-${c.metadata.uid}`);
    expect(pv.spec.csi.driver).toBe('csi.k8s-storage-course.local');
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toMatchObject({ key: 'topology.k8s-storage-course.local/node', values: [get(m, 'Pod', 'writer')!.spec.nodeName] });
    expect(c.spec.dataSourceRef).toBeUndefined();
  });

  it('restores a snapshot into course-csi (T1, not what came after); dataSource is mirrored into dataSourceRef', () => {
    const m = newModel();
    dataWithWriter(m);
    m.apply(snapshotOf('snap', 'data'));
    m.writeFile('default', 'writer', 'app', '/data/after', 'T2');
    m.apply([csiClaim('restored', { from: 'snap' }), claimPod('reader', 'restored')]);
    waitRunning(m, 'reader');
    expect(m.readFile('default', 'reader', 'app', '/data/before')).toBe('T1');
    expect(m.readFile('default', 'reader', 'app', '/data/after')).toBeUndefined();
    expect(get(m, 'PersistentVolumeClaim', 'restored')!.spec.dataSourceRef).toEqual({ apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' });
  });

  it('a restore smaller than restoreSize: ProvisioningFailed with the provisioner text, the claim stays Pending', () => {
    const m = newModel();
    dataWithWriter(m);
    m.apply(snapshotOf('snap', 'data'));
    m.apply([csiClaim('small', { from: 'snap', size: '500Mi' }), claimPod('reader', 'small')]);
    m.advance(30_000);
    expect(get(m, 'PersistentVolumeClaim', 'small')!.status.phase).toBe('Pending');
    const failed = m.events({ kind: 'PersistentVolumeClaim', name: 'small', namespace: 'default' }).find((e) => e.reason === 'ProvisioningFailed')!;
    expect(failed.message).toBe('error getting handle for DataSource Type VolumeSnapshot by Name snap: requested volume size 524288000 is less than the size 1073741824 for the source snapshot snap');
  });

  it('a dataSource with a version in its apiGroup is dropped by the API server: the claim is made empty, as on the course cluster', () => {
    const m = newModel();
    dataWithWriter(m);
    m.apply(snapshotOf('snap', 'data'));
    const versioned = csiClaim('restored', { from: 'snap' });
    versioned.spec.dataSource.apiGroup = 'snapshot.storage.k8s.io/v1';
    m.apply([versioned, claimPod('reader', 'restored')]);
    waitRunning(m, 'reader');
    const c = get(m, 'PersistentVolumeClaim', 'restored')!;
    expect(c.spec.dataSource).toBeUndefined();
    expect(c.spec.dataSourceRef).toBeUndefined();
    expect(c.status.phase).toBe('Bound');
    expect(m.readFile('default', 'reader', 'app', '/data/before')).toBeUndefined();
  });

  it('local-path ignores a dataSource: a standard claim restored from a snapshot is empty', () => {
    const m = newModel();
    dataWithWriter(m);
    m.apply(snapshotOf('snap', 'data'));
    m.apply([csiClaim('restored', { from: 'snap', cls: 'standard' }), claimPod('reader', 'restored')]);
    waitRunning(m, 'reader');
    expect(m.readFile('default', 'reader', 'app', '/data/before')).toBeUndefined();
  });

  it('the playground shows a CSI PV with its files and where its image is', () => {
    const m = newModel();
    dataWithWriter(m);
    const pv = m.snapshot().persistentVolumes.find((p) => p.claim === 'default/data')!;
    expect(pv.files).toEqual({ before: 'T1' });
    expect(pv.source).toMatch(/^csi course-worker2?:\/var\/lib\/course-csi\/volumes\/vol-[0-9a-f]{20}\.img$/);
  });
});
