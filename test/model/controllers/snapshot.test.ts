/** The snapshot controller and csi-snapshotter (src/model/controllers/snapshot.ts), held to what the course cluster printed. */
import { describe, it, expect } from 'vitest';
import { claimPod, newModel, pvc, waitRunning } from '../helpers.ts';
import { csiClaim, dataWithWriter, get, reasons, snapshotOf } from '../lesson7-helpers.ts';

describe('snapshot controller', () => {
  it('takes a snapshot of a Bound course-csi claim: content snapcontent-<uid>, both statuses, the three events', () => {
    const m = newModel();
    dataWithWriter(m);
    m.apply(snapshotOf('snap', 'data'));
    const snap = get(m, 'VolumeSnapshot', 'snap')!;
    const contentName = `snapcontent-${snap.metadata.uid}`;
    expect(snap.status).toMatchObject({ boundVolumeSnapshotContentName: contentName, readyToUse: true, restoreSize: '1Gi' });
    expect(snap.metadata.finalizers).toEqual(['snapshot.storage.kubernetes.io/volumesnapshot-as-source-protection', 'snapshot.storage.kubernetes.io/volumesnapshot-bound-protection']);
    const content = m.get({ kind: 'VolumeSnapshotContent', name: contentName })!;
    const pv = m.get({ kind: 'PersistentVolume', name: get(m, 'PersistentVolumeClaim', 'data')!.spec.volumeName })!;
    expect(content.spec).toMatchObject({ deletionPolicy: 'Delete', driver: 'csi.k8s-storage-course.local', source: { volumeHandle: pv.spec.csi.volumeHandle }, volumeSnapshotClassName: 'course-snapclass', volumeSnapshotRef: { kind: 'VolumeSnapshot', name: 'snap', namespace: 'default', uid: snap.metadata.uid } });
    expect(content.status).toMatchObject({ readyToUse: true, restoreSize: 2 ** 30 });
    expect(content.status.snapshotHandle).toMatch(/^snap-[0-9a-f]{20}$/);
    expect(reasons(m, 'VolumeSnapshot', 'snap')).toEqual(['CreatingSnapshot', 'SnapshotCreated', 'SnapshotReady']);
    expect(m.events({ kind: 'VolumeSnapshot', name: 'snap', namespace: 'default' })[0]!.message).toBe('Waiting for a snapshot default/snap to be created by the CSI driver.');
  });

  it('without a class and no default class: the real error, no readyToUse, SetDefaultSnapshotClassFailed', () => {
    const m = newModel();
    dataWithWriter(m);
    m.apply(snapshotOf('snap', 'data', null));
    const snap = get(m, 'VolumeSnapshot', 'snap')!;
    expect(snap.status.error.message).toBe('Failed to set default snapshot class with error cannot find default snapshot class');
    expect(snap.status.readyToUse).toBeUndefined();
    expect(reasons(m, 'VolumeSnapshot', 'snap')).toEqual(['SetDefaultSnapshotClassFailed']);
  });

  it('uses the default class of the driver when one is marked, and writes it into spec', () => {
    const m = newModel();
    dataWithWriter(m);
    m.apply({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 'dflt', annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } }, driver: 'csi.k8s-storage-course.local', deletionPolicy: 'Retain' });
    m.apply(snapshotOf('snap', 'data', null));
    const snap = get(m, 'VolumeSnapshot', 'snap')!;
    expect(snap.spec.volumeSnapshotClassName).toBe('dflt');
    expect(snap.status.readyToUse).toBe(true);
  });

  it('a class that does not exist, a missing claim, a claim that is not CSI: the real messages', () => {
    const m = newModel();
    dataWithWriter(m);
    m.apply([pvc('std', { cls: 'standard' }), claimPod('p', 'std')]);
    waitRunning(m, 'p');
    m.apply([snapshotOf('badclass', 'data', 'nope'), snapshotOf('nopvc', 'missing'), snapshotOf('stdsnap', 'std')]);
    expect(get(m, 'VolumeSnapshot', 'badclass')!.status).toEqual({ error: { message: 'Failed to get snapshot class with error volumesnapshotclass.snapshot.storage.k8s.io "nope" not found', time: expect.any(String) } });
    expect(get(m, 'VolumeSnapshot', 'nopvc')!.status).toMatchObject({ readyToUse: false, error: { message: 'Failed to create snapshot content with error snapshot controller failed to update nopvc on API server: cannot get claim from snapshot' } });
    const stdPv = get(m, 'PersistentVolumeClaim', 'std')!.spec.volumeName;
    expect(get(m, 'VolumeSnapshot', 'stdsnap')!.status).toMatchObject({ readyToUse: false, error: { message: `Failed to create snapshot content with error cannot find CSI PersistentVolumeSource for volume ${stdPv}` } });
    expect(reasons(m, 'VolumeSnapshot', 'badclass')).toEqual(['GetSnapshotClassFailed']);
    expect(reasons(m, 'VolumeSnapshot', 'nopvc')).toEqual(['SnapshotContentCreationFailed']);
  });

  it('deleting a snapshot deletes its content and the driver snapshot, but waits while a Pending claim restores from it; restored volumes stay', () => {
    const m = newModel();
    dataWithWriter(m);
    m.apply(snapshotOf('snap', 'data'));
    const contentName = get(m, 'VolumeSnapshot', 'snap')!.status.boundVolumeSnapshotContentName;
    m.apply([csiClaim('restored', { from: 'snap' }), claimPod('reader', 'restored'), csiClaim('small', { from: 'snap', size: '500Mi' }), claimPod('r2', 'small')]);
    waitRunning(m, 'reader');
    m.delete({ kind: 'VolumeSnapshot', name: 'snap', namespace: 'default' });
    expect(get(m, 'VolumeSnapshot', 'snap')!.metadata.deletionTimestamp).toBeDefined();
    expect(reasons(m, 'VolumeSnapshot', 'snap')).toContain('SnapshotDeletePending');
    m.delete({ kind: 'Pod', name: 'r2', namespace: 'default' }, { gracePeriodSeconds: 0 });
    m.delete({ kind: 'PersistentVolumeClaim', name: 'small', namespace: 'default' });
    expect(get(m, 'VolumeSnapshot', 'snap')).toBeUndefined();
    expect(m.get({ kind: 'VolumeSnapshotContent', name: contentName })).toBeUndefined();
    expect(m.snapshot().persistentVolumes.find((p) => p.claim === 'default/restored')!.files).toEqual({ before: 'T1' });
  });

  it('the source claim can be deleted once the snapshot is ready: its PV goes', () => {
    const m = newModel();
    dataWithWriter(m);
    m.apply(snapshotOf('snap', 'data'));
    const pvName = get(m, 'PersistentVolumeClaim', 'data')!.spec.volumeName;
    m.delete({ kind: 'Pod', name: 'writer', namespace: 'default' }, { gracePeriodSeconds: 1 });
    m.delete({ kind: 'PersistentVolumeClaim', name: 'data', namespace: 'default' });
    m.advance(5_000);
    expect(m.get({ kind: 'PersistentVolume', name: pvName })).toBeUndefined();
    expect(get(m, 'VolumeSnapshot', 'snap')!.status.readyToUse).toBe(true);
  });
});
