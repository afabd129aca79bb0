/**
 * Admission of VolumeSnapshot and VolumeSnapshotClass: the external-snapshotter CRDs' schema and
 * validation rules, with the API server's text (recorded on the course cluster). A VolumeSnapshot
 * needs spec and spec.source with exactly one of persistentVolumeClaimName and
 * volumeSnapshotContentName (a pre-provisioned content is not modelled), a non-empty class name
 * when one is set, and keeps its source once created. A VolumeSnapshotClass needs driver and
 * deletionPolicy (Delete or Retain).
 */
import type { K8sObject } from '../types.ts';
import { L, checkEnum, rejectFor } from './common.ts';

/** Admits a VolumeSnapshot. */
export function admitSnapshot(snap: K8sObject, existing: K8sObject | undefined): void {
  const r = rejectFor(snap);
  const spec = snap.spec;
  if (!spec || typeof spec !== 'object') throw r.invalid('spec', L('Required value', '必填值'));
  const src = spec.source;
  if (!src || typeof src !== 'object') throw r.invalid('spec.source', L('Required value', '必填值'));
  const hasClaim = src.persistentVolumeClaimName !== undefined;
  const hasContent = src.volumeSnapshotContentName !== undefined;
  if (hasClaim === hasContent) {
    throw r.invalid('spec.source', L('Invalid value: exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set', '无效值：persistentVolumeClaimName 和 volumeSnapshotContentName 必须恰好设置一个'));
  }
  if (spec.volumeSnapshotClassName === '') {
    throw r.invalid('spec.volumeSnapshotClassName', L('Invalid value: "": volumeSnapshotClassName must not be the empty string when set', '无效值 ""：设置 volumeSnapshotClassName 时不能是空字符串'));
  }
  if (existing) {
    for (const f of ['persistentVolumeClaimName', 'volumeSnapshotContentName']) {
      if (existing.spec?.source?.[f] !== undefined && existing.spec.source[f] !== src[f]) {
        throw r.invalid(`spec.source.${f}`, L(`Invalid value: "string": ${f} is immutable`, `无效值：${f} 创建后不可修改`));
      }
    }
  }
  if (hasContent) throw r.notModelled(L('pre-provisioned snapshots (spec.source.volumeSnapshotContentName)', '预先存在的快照（spec.source.volumeSnapshotContentName）'));
}

/** Admits a VolumeSnapshotClass. */
export function admitSnapshotClass(cls: K8sObject, _existing: K8sObject | undefined): void {
  const r = rejectFor(cls);
  if (cls.deletionPolicy === undefined) throw r.invalid('deletionPolicy', L('Required value', '必填值'));
  if (cls.driver === undefined) throw r.invalid('driver', L('Required value', '必填值'));
  checkEnum(r, 'deletionPolicy', cls.deletionPolicy, ['Delete', 'Retain']);
}
