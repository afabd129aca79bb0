/** Shorthands for the lesson-7 suites: course-csi claims, snapshots and restores, as the lesson writes them. */
import type { K8sObject } from '../../src/grader/cluster/cluster.ts';
import type { StorageModel } from '../../src/model/index.ts';
import { claimPod, pvc, waitRunning } from './helpers.ts';

/** A course-csi claim (optionally restored from a VolumeSnapshot). */
export function csiClaim(name: string, o: { size?: string; cls?: string; from?: string } = {}): K8sObject {
  const c = pvc(name, { cls: o.cls ?? 'course-csi', size: o.size ?? '1Gi' });
  if (o.from) c.spec.dataSource = { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: o.from };
  return c;
}

/** A VolumeSnapshot of a claim, in the class given (course-snapclass unless null). */
export function snapshotOf(name: string, claim: string, cls: string | null = 'course-snapclass'): K8sObject {
  return { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name }, spec: { ...(cls === null ? {} : { volumeSnapshotClassName: cls }), source: { persistentVolumeClaimName: claim } } };
}

/** The claim data with writer running on it and T1 written to /data/before. */
export function dataWithWriter(m: StorageModel): void {
  m.apply([csiClaim('data'), claimPod('writer', 'data')]);
  waitRunning(m, 'writer');
  m.writeFile('default', 'writer', 'app', '/data/before', 'T1');
}

export const get = (m: StorageModel, kind: string, name: string) => m.get({ kind, name, namespace: 'default' });
export const reasons = (m: StorageModel, kind: string, name: string) => m.events({ kind, name, namespace: 'default' }).map((e) => e.reason);
