/** Admission of VolumeSnapshot and VolumeSnapshotClass (src/model/admission/snapshot.ts): the CRDs' text as the course cluster printed it. */
import { describe, it, expect } from 'vitest';
import { newModel } from '../helpers.ts';

const vs = (spec: unknown) => ({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'x' }, ...(spec === undefined ? {} : { spec }) });

describe('VolumeSnapshot admission', () => {
  it('needs spec.source with exactly one source, and a non-empty class name when set', () => {
    const m = newModel();
    expect(() => m.apply(vs(undefined))).toThrow('VolumeSnapshot "x" is invalid: spec: Required value');
    expect(() => m.apply(vs({}))).toThrow('spec.source: Required value');
    expect(() => m.apply(vs({ source: {} }))).toThrow('spec.source: Invalid value: exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set');
    expect(() => m.apply(vs({ volumeSnapshotClassName: '', source: { persistentVolumeClaimName: 'a' } }))).toThrow('spec.volumeSnapshotClassName: Invalid value: "": volumeSnapshotClassName must not be the empty string when set');
  });

  it('a VolumeSnapshotClass needs driver and deletionPolicy Delete or Retain', () => {
    const m = newModel();
    const cls = (extra: object) => ({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 'c' }, ...extra });
    expect(() => m.apply(cls({ driver: 'd' }))).toThrow('deletionPolicy: Required value');
    expect(() => m.apply(cls({ driver: 'd', deletionPolicy: 'Foo' }))).toThrow('deletionPolicy: Unsupported value: "Foo": supported values: "Delete", "Retain"');
  });
});
