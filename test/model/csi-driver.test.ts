/** The course CSI driver's RPCs (src/model/csi-driver.ts) over state.csi. */
import { describe, it, expect } from 'vitest';
import { bootstrap } from '../../src/model/bootstrap.ts';
import { controllerExpand, createSnapshot, createVolume, deleteSnapshot, deleteVolume, growFileSystem, isRpcError, rpcText, sizeFor, snapshotIdFor, volumeIdFor } from '../../src/model/csi-driver.ts';

const MIB = 2 ** 20;

describe('course CSI driver', () => {
  it('ids are vol- / snap- and 20 hex digits of sha256(name); sizes are whole MiB, at least 300 MiB', () => {
    expect(volumeIdFor('pvc-a')).toMatch(/^vol-[0-9a-f]{20}$/);
    expect(volumeIdFor('pvc-a')).toBe(volumeIdFor('pvc-a'));
    expect(snapshotIdFor('snapshot-x')).toMatch(/^snap-[0-9a-f]{20}$/);
    expect(sizeFor(1)).toBe(300 * MIB);
    expect(sizeFor(2 ** 30 + 1)).toBe(2 ** 30 + MIB);
  });

  it('a snapshot is a frozen copy; a restore copies it on any node; deleting the snapshot leaves the restore', () => {
    const state = bootstrap({ seed: 1 });
    const vol = createVolume(state, { name: 'pvc-a', node: 'course-worker', requiredBytes: 2 ** 30 });
    if (isRpcError(vol)) throw new Error(vol.message);
    vol.fs.writeFile('/t1', 'T1');
    const snap = createSnapshot(state, 'snapshot-1', vol.id, 0);
    if (isRpcError(snap)) throw new Error(snap.message);
    vol.fs.writeFile('/t2', 'T2');
    const restored = createVolume(state, { name: 'pvc-b', node: 'course-worker2', requiredBytes: 2 ** 30, source: { snapshotId: snap.id } });
    if (isRpcError(restored)) throw new Error(restored.message);
    expect(restored.fs.readFile('/t1')).toBe('T1');
    expect(restored.fs.stat('/t2')).toBeUndefined();
    deleteSnapshot(state, snap.id);
    deleteVolume(state, vol.id);
    expect(state.csi.volumes.get(restored.id)?.fs.readFile('/t1')).toBe('T1');
    const gone = createVolume(state, { name: 'pvc-c', node: 'course-worker', requiredBytes: 1, source: { snapshotId: snap.id } });
    expect(isRpcError(gone) && rpcText(gone)).toMatch(/^rpc error: code = NotFound desc = snapshot snap-/);
  });

  it('ControllerExpandVolume raises the record; the file system grows on the node', () => {
    const state = bootstrap({ seed: 1 });
    const vol = createVolume(state, { name: 'pvc-a', node: 'course-worker', requiredBytes: 2 ** 30 });
    if (isRpcError(vol)) throw new Error(vol.message);
    controllerExpand(state, vol.id, 2 * 2 ** 30);
    expect([vol.capacityBytes, vol.fsBytes]).toEqual([2 * 2 ** 30, 2 ** 30]);
    growFileSystem(state, vol.id);
    expect(vol.fsBytes).toBe(2 * 2 ** 30);
  });
});
