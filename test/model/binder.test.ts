/** The PV binder's rules: class, access modes, selector, capacity, one-to-one, pre-binding, delay. */
import { describe, it, expect } from 'vitest';
import type { StorageModel } from '../../src/model/index.ts';
import { claimPod, newModel, pv, pvc } from './helpers.ts';


const claim = (m: StorageModel, n: string) => m.get({ kind: 'PersistentVolumeClaim', name: n })!;
const vol = (m: StorageModel, n: string) => m.get({ kind: 'PersistentVolume', name: n })!;
const reasons = (m: StorageModel, n: string) => m.events({ kind: 'PersistentVolumeClaim', name: n }).map((e) => `${e.reason}: ${e.message}`);

describe('binding', () => {
  it('storageClassName "" on both binds at once; binding writes claimRef, volumeName, phases, capacity and annotations', () => {
    const m = newModel();
    m.apply([pv('a'), pvc('c')]);
    const c = claim(m, 'c');
    const v = vol(m, 'a');
    expect(c.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    expect(c.spec.volumeName).toBe('a');
    expect(c.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(v.status.phase).toBe('Bound');
    expect(v.spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'c', uid: c.metadata.uid });
    expect(v.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
  });

  it('a claim with no storageClassName gets the default class `standard` and never binds to a class-less PV', () => {
    const m = newModel();
    m.apply([pv('static'), pvc('c', { cls: null })]);
    expect(claim(m, 'c').spec.storageClassName).toBe('standard');
    expect(claim(m, 'c').status.phase).toBe('Pending');
    expect(reasons(m, 'c')).toContain('WaitForFirstConsumer: waiting for first consumer to be created before binding');
    m.apply(claimPod('p', 'c'));
    expect(claim(m, 'c').spec.volumeName).toMatch(/^pvc-/);
    expect(vol(m, 'static').status.phase).toBe('Available');
  });

  it('the default StorageClass is `standard`: rancher.io/local-path, WaitForFirstConsumer, Delete', () => {
    const sc = newModel().get({ kind: 'StorageClass', name: 'standard' })!;
    expect(sc).toMatchObject({ provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete', metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } });
  });

  it('without a default class an unset class matches class-less PVs; a default added later is filled in (retroactive)', () => {
    const m = newModel();
    m.delete({ kind: 'StorageClass', name: 'standard' });
    m.apply([pv('a'), pvc('c', { cls: null })]);
    expect(claim(m, 'c').spec.volumeName).toBe('a');
    m.apply(pvc('later', { cls: null, size: '5Gi' }));
    expect(claim(m, 'later').spec.storageClassName).toBeUndefined();
    m.apply({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'new-default', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' });
    expect(claim(m, 'later').spec.storageClassName).toBe('new-default');
  });

  it('the legacy volume.beta.kubernetes.io/storage-class annotation is read before spec.storageClassName', () => {
    const m = newModel();
    m.apply([pv('slow', { cls: 'slow' }), pv('fast', { cls: 'fast' }), pvc('c', { cls: 'fast', annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } })]);
    expect(claim(m, 'c').spec.volumeName).toBe('slow');
  });

  it('the same class name binds even when no such StorageClass exists; otherwise the claim reports the missing class', () => {
    const m = newModel();
    m.apply([pv('manual-pv', { cls: 'manual' }), pvc('c', { cls: 'manual' }), pvc('d', { cls: 'manual' })]);
    expect(claim(m, 'c').spec.volumeName).toBe('manual-pv');
    expect(claim(m, 'd').status.phase).toBe('Pending');
    expect(reasons(m, 'd')).toContain('ProvisioningFailed: storageclass.storage.k8s.io "manual" not found');
  });

  it('the PV must offer every requested access mode', () => {
    const m = newModel();
    m.apply([pv('rwo', { modes: ['ReadWriteOnce'] }), pvc('c', { modes: ['ReadWriteMany'] })]);
    expect(claim(m, 'c').status.phase).toBe('Pending');
    expect(reasons(m, 'c')).toContain('FailedBinding: no persistent volumes available for this claim and no storage class is set');
    m.apply(pv('rwx', { modes: ['ReadWriteMany', 'ReadWriteOnce'] }));
    expect(claim(m, 'c').spec.volumeName).toBe('rwx');
  });

  it("the claim's selector must match the PV's labels", () => {
    const m = newModel();
    m.apply([pv('plain'), pv('fast', { labels: { speed: 'fast' } }), pvc('c', { selector: { matchLabels: { speed: 'fast' } } })]);
    expect(claim(m, 'c').spec.volumeName).toBe('fast');
  });

  it('the smallest sufficient capacity wins; too small never binds', () => {
    const m = newModel();
    m.apply([pv('tiny', { size: '100Mi' }), pv('big', { size: '5Gi' }), pv('right', { size: '1Gi' }), pvc('c', { size: '500Mi' })]);
    expect(claim(m, 'c').spec.volumeName).toBe('right');
    m.apply(pvc('huge', { size: '10Gi' }));
    expect(claim(m, 'huge').status.phase).toBe('Pending');
  });

  it('binding is one-to-one: a second claim does not share a bound PV', () => {
    const m = newModel();
    m.apply([pv('only'), pvc('c1'), pvc('c2')]);
    const phases = ['c1', 'c2'].map((n) => claim(m, n).status.phase).sort();
    expect(phases).toEqual(['Bound', 'Pending']);
  });

  it('spec.volumeName pre-binds to that PV (even if a better one exists); a mismatch is reported', () => {
    const m = newModel();
    m.apply([pv('small', { size: '500Mi' }), pv('chosen', { size: '2Gi' }), pvc('c', { volumeName: 'chosen' })]);
    expect(claim(m, 'c').spec.volumeName).toBe('chosen');
    expect(claim(m, 'c').status.phase).toBe('Bound');
    expect(vol(m, 'chosen').metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    m.apply([pv('wrong', { cls: 'other' }), pvc('d', { volumeName: 'wrong' })]);
    expect(claim(m, 'd').status.phase).toBe('Pending');
    expect(reasons(m, 'd')).toContain('VolumeMismatch: Cannot bind to requested volume "wrong": storageClassName does not match');
  });

  it('spec.volumeName skips the claim\'s selector and the PV\'s node affinity (lesson 4\'s walk-through: a disk: hdd claim binds to a local-ssd PV)', () => {
    const m = newModel();
    m.apply([pv('demo-pv', { labels: { disk: 'local-ssd' }, node: 'no-such-node' }), pvc('again', { volumeName: 'demo-pv', selector: { matchLabels: { disk: 'hdd' } } })]);
    expect(claim(m, 'again').status.phase).toBe('Bound');
    // Without volumeName the same selector keeps the claim away from that PV.
    m.apply([pv('other', { labels: { disk: 'local-ssd' } }), pvc('picky', { selector: { matchLabels: { disk: 'hdd' } } })]);
    expect(claim(m, 'picky').status.phase).toBe('Pending');
  });

  it('spec.claimRef pre-binds a PV to one claim: other claims cannot take it', () => {
    const m = newModel();
    m.apply([pv('reserved', { claimRef: { namespace: 'default', name: 'owner' } }), pvc('thief')]);
    expect(claim(m, 'thief').status.phase).toBe('Pending');
    expect(vol(m, 'reserved').status.phase).toBe('Available');
    m.apply(pvc('owner'));
    expect(claim(m, 'owner').spec.volumeName).toBe('reserved');
    expect(vol(m, 'reserved').metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
  });
});

describe('volumeBindingMode', () => {
  const noProv = (mode: string) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: mode });

  it('WaitForFirstConsumer: the claim stays Pending until a pod uses it, then binds a PV on the pod\'s node', () => {
    const m = newModel();
    m.apply([noProv('WaitForFirstConsumer'), pv('on-w1', { cls: 'local', node: 'course-worker' }), pv('on-w2', { cls: 'local', node: 'course-worker2' }), pvc('c', { cls: 'local' })]);
    m.advance(30_000);
    expect(claim(m, 'c').status.phase).toBe('Pending');
    m.apply(claimPod('p', 'c'));
    const node = m.get({ kind: 'Pod', name: 'p' })!.spec.nodeName;
    expect(claim(m, 'c').spec.volumeName).toBe(node === 'course-worker' ? 'on-w1' : 'on-w2');
  });

  it('WaitForFirstConsumer honours the pod\'s own node constraints when picking the PV', () => {
    const m = newModel();
    m.apply([noProv('WaitForFirstConsumer'), pv('on-w1', { cls: 'local', node: 'course-worker' }), pv('on-w2', { cls: 'local', node: 'course-worker2', size: '5Gi' }), pvc('c', { cls: 'local' })]);
    m.apply({ ...claimPod('p', 'c'), spec: { ...claimPod('p', 'c').spec, nodeSelector: { 'kubernetes.io/hostname': 'course-worker2' } } });
    expect(claim(m, 'c').spec.volumeName).toBe('on-w2');
  });

  it('Immediate: a static PV binds as soon as the claim exists, before any pod', () => {
    const m = newModel();
    m.apply([noProv('Immediate'), pv('x', { cls: 'local', node: 'course-worker2' }), pvc('c', { cls: 'local' })]);
    expect(claim(m, 'c').spec.volumeName).toBe('x');
    m.apply(claimPod('p', 'c'));
    expect(m.get({ kind: 'Pod', name: 'p' })!.spec.nodeName).toBe('course-worker2');
  });

  it('a pod with an unbound Immediate claim stays Pending', () => {
    const m = newModel();
    m.apply([pvc('c'), claimPod('p', 'c')]);
    expect(m.podProblem('default', 'p')?.message).toContain('pod has unbound immediate PersistentVolumeClaims');
  });

  it('a WaitForFirstConsumer class without provisioner and no fitting PV leaves the pod unschedulable', () => {
    const m = newModel();
    m.apply([noProv('WaitForFirstConsumer'), pvc('c', { cls: 'local' }), claimPod('p', 'c')]);
    expect(m.podProblem('default', 'p')?.message).toContain("2 node(s) didn't find available persistent volumes to bind");
  });

  it('a bound PV with node affinity pins the pod to that node', () => {
    const m = newModel();
    m.apply([pv('x', { node: 'course-worker2' }), pvc('c'), claimPod('p', 'c'), { ...claimPod('q', 'c'), spec: { ...claimPod('q', 'c').spec, nodeSelector: { 'kubernetes.io/hostname': 'course-worker' } } }]);
    expect(m.get({ kind: 'Pod', name: 'p' })!.spec.nodeName).toBe('course-worker2');
    // Every node is filtered, first failure wins, as kube-scheduler v1.35 printed it on the real
    // cluster for a Pod sent away from its local-path volume (demos/pv-delete-other-node.ts).
    expect(m.podProblem('default', 'q')?.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match PersistentVolume's node affinity, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('a bound PV whose node affinity uses another label fails the volume filter on the other nodes', () => {
    const m = newModel();
    m.labelNode('course-worker2', { 'storage-course/role': 'data' });
    const byRole = pv('x');
    byRole.spec.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'storage-course/role', operator: 'In', values: ['data'] }] }] } };
    const q = claimPod('q', 'c');
    m.apply([byRole, pvc('c'), { ...q, spec: { ...q.spec, nodeSelector: { 'kubernetes.io/hostname': 'course-worker' } } }]);
    expect(m.podProblem('default', 'q')?.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match PersistentVolume's node affinity, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('two bound PVs pinned to different hosts leave no node that fits both', () => {
    const m = newModel();
    const both = claimPod('p', 'a');
    both.spec.volumes.push({ name: 'second', persistentVolumeClaim: { claimName: 'b' } });
    m.apply([pv('x', { node: 'course-worker' }), pv('y', { node: 'course-worker2' }), pvc('a'), pvc('b')]);
    expect(claim(m, 'a').status.phase).toBe('Bound');
    expect(claim(m, 'b').status.phase).toBe('Bound');
    m.apply(both);
    expect(m.podProblem('default', 'p')?.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match PersistentVolume's node affinity. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });
});
