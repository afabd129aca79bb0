/** Volume expansion (src/model/expansion.ts, admission/resize.ts), held to what the course cluster printed. */
import { describe, it, expect } from 'vitest';
import { claimPod, newModel, pvc, waitRunning } from './helpers.ts';
import { csiClaim, dataWithWriter, get, reasons } from './lesson7-helpers.ts';
import { KUBELET_SYNC_MS } from '../../src/model/expansion.ts';

const KIB = 1024;
const grow = (m: ReturnType<typeof newModel>, size: string) => m.apply(csiClaim('data', { size }));
const claimOf = (m: ReturnType<typeof newModel>) => get(m, 'PersistentVolumeClaim', 'data')!;

describe('expansion', () => {
  it('df in the pod: a 1Gi course-csi volume is 983040 KiB, other paths the node disk, a missing path undefined', () => {
    const m = newModel();
    dataWithWriter(m);
    expect(m.fileSystemSize('default', 'writer', 'app', '/data')).toBe(983040 * KIB);
    expect(m.fileSystemSize('default', 'writer', 'app', '/data/before')).toBe(983040 * KIB);
    expect(m.fileSystemSize('default', 'writer', 'app', '/')).toBeGreaterThan(10 * 2 ** 30);
    expect(m.fileSystemSize('default', 'writer', 'app', '/nowhere')).toBeUndefined();
    expect(() => m.fileSystemSize('default', 'nopod', 'app', '/data')).toThrow();
  });

  it('the resizer grows the PV and leaves FileSystemResizePending; a change to the pod makes the kubelet grow the file system at once', () => {
    const m = newModel();
    dataWithWriter(m);
    grow(m, '2Gi');
    const pending = claimOf(m);
    expect(pending.status).toMatchObject({ capacity: { storage: '1Gi' }, allocatedResources: { storage: '2Gi' }, allocatedResourceStatuses: { storage: 'NodeResizePending' } });
    expect(pending.status.conditions.map((c: any) => c.type)).toEqual(['Resizing', 'FileSystemResizePending']);
    expect(pending.status.conditions[1].message).toBe('Waiting for user to (re-)start a pod to finish file system resize of volume on node.');
    expect(m.get({ kind: 'PersistentVolume', name: pending.spec.volumeName })!.spec.capacity.storage).toBe('2Gi');
    expect(m.fileSystemSize('default', 'writer', 'app', '/data')).toBe(983040 * KIB);
    m.annotatePod('default', 'writer', { 'storage-course/resync': '1' });
    const done = claimOf(m);
    expect(done.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' }, allocatedResources: { storage: '2Gi' } });
    expect(m.fileSystemSize('default', 'writer', 'app', '/data')).toBe(2031616 * KIB);
    expect(m.readFile('default', 'writer', 'app', '/data/before')).toBe('T1');
    expect(reasons(m, 'PersistentVolumeClaim', 'data')).toEqual(expect.arrayContaining(['ExternalExpanding', 'Resizing', 'FileSystemResizeRequired', 'FileSystemResizeSuccessful']));
    expect(reasons(m, 'Pod', 'writer')).toContain('FileSystemResizeSuccessful');
    expect(get(m, 'Pod', 'writer')!.metadata.annotations?.['storage-course/resync']).toBe('1');
  });

  it("without a change to the pod the kubelet's periodic sync does it", () => {
    const m = newModel();
    dataWithWriter(m);
    grow(m, '2Gi');
    m.advance(KUBELET_SYNC_MS / 2);
    expect(claimOf(m).status.capacity.storage).toBe('1Gi');
    m.advance(KUBELET_SYNC_MS);
    expect(claimOf(m).status.capacity.storage).toBe('2Gi');
  });

  it('a size over the driver\'s 64 GiB is infeasible, and asking for less again (not below the capacity) recovers, as on the course cluster', () => {
    const m = newModel();
    dataWithWriter(m);
    grow(m, '100Gi');
    const failed = claimOf(m);
    expect(failed.status).toMatchObject({ capacity: { storage: '1Gi' }, allocatedResources: { storage: '100Gi' }, allocatedResourceStatuses: { storage: 'ControllerResizeInfeasible' } });
    expect(failed.status.conditions.map((c: any) => c.type)).toEqual(['Resizing', 'ControllerResizeError']);
    expect(failed.status.conditions[1].message).toBe(
      'failed to expand pvc with rpc error: code = OutOfRange desc = the volume would be 107374182400 bytes, over the 68719476736 bytes (64 GiB) this driver makes a volume at most: ask for 64Gi or less',
    );
    expect(m.get({ kind: 'PersistentVolume', name: failed.spec.volumeName })!.spec.capacity.storage).toBe('1Gi');
    expect(reasons(m, 'PersistentVolumeClaim', 'data')).toContain('VolumeResizeFailed');
    grow(m, '3Gi');
    const pending = claimOf(m);
    expect(pending.status).toMatchObject({ allocatedResources: { storage: '3Gi' }, allocatedResourceStatuses: { storage: 'NodeResizePending' } });
    expect(pending.status.conditions.map((c: any) => c.type)).toEqual(['Resizing', 'FileSystemResizePending']);
    m.annotatePod('default', 'writer', { 'storage-course/resync': '2' });
    expect(claimOf(m).status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '3Gi' }, allocatedResources: { storage: '3Gi' } });
    expect(m.readFile('default', 'writer', 'app', '/data/before')).toBe('T1');
    expect(() => grow(m, '2Gi')).toThrow('spec.resources.requests.storage: Forbidden: field can not be less than status.capacity');
  });

  it('shrinking below status.capacity and growing a claim of a class without allowVolumeExpansion are refused with the real text', () => {
    const m = newModel();
    dataWithWriter(m);
    expect(() => grow(m, '500Mi')).toThrow('PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity');
    m.apply([pvc('std', { cls: 'standard', size: '1Gi' }), claimPod('p', 'std')]);
    waitRunning(m, 'p');
    expect(() => m.apply(pvc('std', { cls: 'standard', size: '2Gi' }))).toThrow('persistentvolumeclaims "std" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
  });

  it('annotatePod rejects a pod that does not exist', () => {
    expect(() => newModel().annotatePod('default', 'nobody', { a: 'b' })).toThrow('pods "nobody" not found');
  });
});
