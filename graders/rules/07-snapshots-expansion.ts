/**
 * Static checks of lesson 07-snapshots-expansion: the rules that need no cluster, with file:line for
 * every finding. They hold the exercise's names and wiring (which Pod mounts which claim, what the
 * snapshot is taken of, what the restored claim is made from); what the classes do with them
 * (a missing snapshot class, a claim too small for the snapshot, a class that cannot restore or
 * grow) is left for the cluster to show, because seeing it fail there is the lesson.
 */
import type { Finding, Submission, SubmittedObject } from '../../src/grader/define.ts';
import { claimContainer, claimMountFindings } from '../common/claim-pod.ts';
import { requireObject } from '../common/spec.ts';
import { fill, t } from '../common/text.ts';

export const DATA = 'data';
export const WRITER = 'writer';
export const SNAPSHOT = 'data-snap';
export const RESTORED = 'restored';
export const READER = 'reader';
export const MOUNT = '/data';
export const SNAPSHOT_GROUP = 'snapshot.storage.k8s.io';

/** Findings for a missing object, a Pod that does not mount its claim at /data, and a snapshot of another claim. */
export function objectFindings(sub: Submission): Finding[] {
  const findings: Finding[] = [];
  const wanted = [
    ['PersistentVolumeClaim', DATA],
    ['Pod', WRITER],
    ['VolumeSnapshot', SNAPSHOT],
    ['PersistentVolumeClaim', RESTORED],
    ['Pod', READER],
  ] as const;
  for (const [kind, name] of wanted) {
    const found = requireObject(sub, kind, name);
    if ('finding' in found) findings.push(found.finding);
  }
  const writer = sub.find('Pod', WRITER);
  if (writer) findings.push(...claimMountFindings(writer, DATA, MOUNT));
  const reader = sub.find('Pod', READER);
  if (reader) findings.push(...claimMountFindings(reader, RESTORED, MOUNT));
  const snap = sub.find('VolumeSnapshot', SNAPSHOT);
  const source = snap?.object.spec?.source;
  if (snap && source?.persistentVolumeClaimName !== DATA) {
    findings.push({
      message:
        source?.volumeSnapshotContentName !== undefined
          ? t(
              'data-snap names an existing VolumeSnapshotContent (a pre-provisioned snapshot); take it of the claim instead: source: {persistentVolumeClaimName: data}',
              'data-snap 指定了一个已有的 VolumeSnapshotContent（预先制备的快照）；请改为对申领拍快照：source: {persistentVolumeClaimName: data}',
            )
          : fill(t('data-snap is a snapshot of "{claim}"; take it of the claim data: source: {persistentVolumeClaimName: data}', 'data-snap 拍的是“{claim}”的快照；请对申领 data 拍快照：source: {persistentVolumeClaimName: data}'), {
              claim: String(source?.persistentVolumeClaimName ?? '-'),
            }),
      at: snap.at(source?.persistentVolumeClaimName !== undefined ? ['spec', 'source', 'persistentVolumeClaimName'] : ['spec', 'source']),
    });
  }
  return findings;
}

/** Where the restored claim says its data comes from: dataSourceRef wins, as the API server copies it to dataSource. */
function restoreSource(pvc: SubmittedObject): { ref: any; field: 'dataSource' | 'dataSourceRef' } | undefined {
  const spec = pvc.object.spec ?? {};
  if (spec.dataSourceRef) return { ref: spec.dataSourceRef, field: 'dataSourceRef' };
  if (spec.dataSource) return { ref: spec.dataSource, field: 'dataSource' };
  return undefined;
}

/** The restore rule: restored is made from the VolumeSnapshot data-snap, API group snapshot.storage.k8s.io. */
export function restoreSourceFindings(sub: Submission): Finding[] {
  const found = requireObject(sub, 'PersistentVolumeClaim', RESTORED);
  if ('finding' in found) return [found.finding];
  const pvc = found.obj;
  const source = restoreSource(pvc);
  if (!source) {
    return [
      {
        message: t(
          'restored has no dataSource, so it would be a new, empty volume; write dataSource: {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: data-snap}',
          'restored 没有写 dataSource，它会是一个全新的空卷；请写 dataSource: {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: data-snap}',
        ),
        at: pvc.at(['spec']),
      },
    ];
  }
  const { ref, field } = source;
  const findings: Finding[] = [];
  if (ref.kind !== 'VolumeSnapshot') {
    findings.push({
      message: fill(
        t('restored\'s {field} has kind "{kind}"; a restore names kind: VolumeSnapshot', 'restored 的 {field} 的 kind 是“{kind}”；从快照恢复要写 kind: VolumeSnapshot'),
        { field, kind: String(ref.kind ?? '-') },
      ),
      at: pvc.at(['spec', field, ...(ref.kind === undefined ? [] : ['kind'])]),
    });
  }
  if (ref.apiGroup !== SNAPSHOT_GROUP) {
    const group = ref.apiGroup;
    findings.push({
      message:
        group === undefined || group === ''
          ? fill(
              t(
                'restored\'s {field} has no apiGroup, which means the core API group, where no kind VolumeSnapshot exists; write apiGroup: snapshot.storage.k8s.io',
                'restored 的 {field} 没有写 apiGroup，即核心 API 组，而核心组里没有 VolumeSnapshot 这个类别；请写 apiGroup: snapshot.storage.k8s.io',
              ),
              { field },
            )
          : fill(
              t(
                'restored\'s {field} has apiGroup "{group}"; an apiGroup is the group alone, without a version: snapshot.storage.k8s.io',
                'restored 的 {field} 的 apiGroup 是“{group}”；apiGroup 只写组名，不带版本：snapshot.storage.k8s.io',
              ),
              { field, group: String(group) },
            ),
      at: pvc.at(['spec', field, ...(group === undefined ? [] : ['apiGroup'])]),
    });
  }
  if (ref.name !== SNAPSHOT) {
    findings.push({
      message: fill(t('restored\'s {field} names "{name}"; the snapshot is data-snap', 'restored 的 {field} 指向“{name}”；快照的名称是 data-snap'), { field, name: String(ref.name ?? '-') }),
      at: pvc.at(['spec', field, ...(ref.name === undefined ? [] : ['name'])]),
    });
  }
  return findings;
}

/** The container of a Pod that mounts `claim` at /data ("?" if none). */
export function mountingContainer(sub: Submission, pod: string, claim: string): string {
  const obj = sub.find('Pod', pod);
  return (obj && claimContainer(obj, claim, MOUNT)) ?? '?';
}
