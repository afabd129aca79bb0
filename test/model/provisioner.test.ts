/** Dynamic provisioning by rancher.io/local-path (kind's `standard`), and other provisioners. */
import { describe, it, expect } from 'vitest';
import type { K8sObject } from '../../src/grader/cluster/cluster.ts';
import type { StorageModel } from '../../src/model/index.ts';
import { claimPod, newModel, pvc } from './helpers.ts';

const sc = (name: string, extra: Record<string, unknown> = {}): K8sObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', ...extra });
const claim = (m: StorageModel, n: string) => m.get({ kind: 'PersistentVolumeClaim', name: n })!;
const reasons = (m: StorageModel, n: string) => m.events({ kind: 'PersistentVolumeClaim', name: n }).map((e) => e.reason);
const messages = (m: StorageModel, n: string) => m.events({ kind: 'PersistentVolumeClaim', name: n }).map((e) => e.message);

describe('local-path provisioning', () => {
  it('makes PV pvc-<claim uid>: a hostPath dir /var/local-path-provisioner/<pv>_<ns>_<claim> on the selected node, nodeAffinity to it', () => {
    const m = newModel();
    m.apply([pvc('data', { cls: 'standard', size: '2Gi' }), claimPod('p', 'data')]);
    const c = claim(m, 'data');
    const node = m.get({ kind: 'Pod', name: 'p' })!.spec.nodeName;
    const pv = m.get({ kind: 'PersistentVolume', name: c.spec.volumeName })!;
    expect(pv.metadata.name).toBe(`pvc-${c.metadata.uid}`);
    expect(pv.spec).toMatchObject({
      capacity: { storage: '2Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      hostPath: { path: `/var/local-path-provisioner/${pv.metadata.name}_default_data`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      claimRef: { name: 'data', namespace: 'default', uid: c.metadata.uid },
    });
    expect(pv.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path', 'local.path.provisioner/selected-node': node });
    expect(c.metadata.annotations).toMatchObject({ 'volume.kubernetes.io/selected-node': node, 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' });
    expect(m.listNodeDir(node, `/var/local-path-provisioner/${pv.metadata.name}_default_data`)).toEqual([]);
    expect(reasons(m, 'data')).toEqual(expect.arrayContaining(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']));
    expect(m.get({ kind: 'Pod', name: 'p' })!.status.phase).toBe('Running');
  });

  it('the PV takes the class reclaimPolicy (Retain keeps PV and data after the claim is deleted)', () => {
    const m = newModel();
    m.apply([sc('keep', { reclaimPolicy: 'Retain' }), pvc('c', { cls: 'keep' }), claimPod('p', 'c')]);
    m.writeFile('default', 'p', 'app', '/data/f', 'kept');
    const pvName = claim(m, 'c').spec.volumeName;
    const node = m.get({ kind: 'Pod', name: 'p' })!.spec.nodeName;
    m.delete({ kind: 'Pod', name: 'p' }, { gracePeriodSeconds: 0 });
    m.delete({ kind: 'PersistentVolumeClaim', name: 'c' });
    expect(m.get({ kind: 'PersistentVolume', name: pvName })!.status.phase).toBe('Released');
    expect(m.readNodeFile(node, `/var/local-path-provisioner/${pvName}_default_c/f`)).toBe('kept');
  });

  it('a local-path class in Immediate mode fails to provision with a clear event; its pod stays Pending', () => {
    const m = newModel();
    m.apply([sc('now', { volumeBindingMode: 'Immediate' }), pvc('c', { cls: 'now' }), claimPod('p', 'c')]);
    expect(claim(m, 'c').status.phase).toBe('Pending');
    expect(messages(m, 'c')).toContain('failed to provision volume with StorageClass "now": configuration error, no node was specified');
    expect(m.podProblem('default', 'p')?.message).toContain('pod has unbound immediate PersistentVolumeClaims');
  });

  it('ReadWriteMany cannot be provisioned by local-path', () => {
    const m = newModel();
    m.apply([pvc('c', { cls: 'standard', modes: ['ReadWriteMany'] }), claimPod('p', 'c')]);
    expect(claim(m, 'c').status.phase).toBe('Pending');
    expect(messages(m, 'c').join('\n')).toContain('NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes');
    expect(m.podProblem('default', 'p')?.message).toContain('NodePath only supports');
    expect(m.events({ kind: 'Pod', name: 'p' }).some((e) => e.reason === 'FailedScheduling')).toBe(true);
  });

  it('a claim with a selector is not dynamically provisioned', () => {
    const m = newModel();
    m.apply([pvc('c', { cls: 'standard', selector: { matchLabels: { a: 'b' } } }), claimPod('p', 'c')]);
    expect(messages(m, 'c').join('\n')).toContain('claim Selector is not supported');
  });

  it('an external provisioner that is not running leaves the claim waiting (ExternalProvisioning)', () => {
    const m = newModel();
    m.apply([sc('csi', { provisioner: 'nfs.csi.k8s.io', volumeBindingMode: 'Immediate' }), pvc('c', { cls: 'csi' })]);
    m.advance(60_000);
    expect(claim(m, 'c').status.phase).toBe('Pending');
    expect(reasons(m, 'c')).toContain('ExternalProvisioning');
    expect(m.list('PersistentVolume')).toHaveLength(0);
  });

  it('waiting events are re-counted only every 15 s, not on every reconcile', () => {
    const m = newModel();
    m.apply(pvc('c', { cls: 'standard' }));
    m.advance(60_000);
    const e = m.events({ kind: 'PersistentVolumeClaim', name: 'c' }).find((x) => x.reason === 'WaitForFirstConsumer')!;
    expect(e.count).toBeGreaterThan(1);
    expect(e.count).toBeLessThanOrEqual(5);
  });
});
