/**
 * Known-wrong variants of the reference answers misbehave in the model the way they do on kind,
 * so a wrong answer cannot pass on the model.
 */
import { describe, it, expect } from 'vitest';
import { fixture, newModel, waitRunning } from './helpers.ts';

describe('wrong answers fail in the model as on a real cluster', () => {
  it('lesson 1: a busybox container without a command exits at once and crash-loops; nothing can be written', () => {
    const m = newModel();
    const objs = fixture('lesson-1');
    delete objs[0]!.spec.containers[0].command;
    m.apply(objs);
    m.advance(30_000);
    expect(m.get({ kind: 'Pod', name: 'cache-pod' })!.status.containerStatuses[0].state.waiting.reason).toBe('CrashLoopBackOff');
  });

  it('lesson 1: restartPolicy Never means a killed writer never comes back', () => {
    const m = newModel();
    const objs = fixture('lesson-1');
    objs[0]!.spec.restartPolicy = 'Never';
    m.apply(objs);
    m.killContainer('default', 'cache-pod', 'writer');
    m.advance(90_000);
    expect(m.get({ kind: 'Pod', name: 'cache-pod' })!.status.containerStatuses[0]).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 137 } } });
  });

  it('lesson 2: type Directory on a fresh node hangs in ContainerCreating with FailedMount', () => {
    const m = newModel();
    m.labelNode('course-worker', { 'storage-course/role': 'data' });
    const objs = fixture('lesson-2');
    objs[0]!.spec.volumes[0].hostPath.type = 'Directory';
    m.apply(objs);
    m.advance(90_000);
    expect(m.podProblem('default', 'hostpath-pod')?.reason).toBe('FailedMount');
  });

  it('lesson 3: an NFS server given by its Service DNS name never mounts', () => {
    const m = newModel();
    m.installNfsServer();
    const objs = fixture('lesson-3');
    objs[0]!.spec.template.spec.volumes[0].nfs.server = 'nfs-server.default.svc.cluster.local';
    m.apply(objs);
    m.advance(90_000);
    const pods = m.list('Pod', { labels: { app: 'nfs-web' } });
    expect(pods.every((p) => p.status.phase === 'Pending')).toBe(true);
  });

  it('lesson 4: a claim without storageClassName gets `standard` and never binds to course-pv', () => {
    const m = newModel();
    m.labelNode('course-worker', { 'storage-course/role': 'data' });
    m.makeNodeDir('course-worker', '/var/local/course-pv');
    const objs = fixture('lesson-4');
    delete objs[1]!.spec.storageClassName;
    m.apply(objs);
    waitRunning(m, 'pv-pod');
    expect(m.get({ kind: 'PersistentVolumeClaim', name: 'course-pvc' })!.spec.volumeName).not.toBe('course-pv');
    expect(m.get({ kind: 'PersistentVolume', name: 'course-pv' })!.status.phase).toBe('Available');
  });

  it('lesson 4: a claim asking for more than the PV offers stays Pending', () => {
    const m = newModel();
    const objs = fixture('lesson-4');
    objs[1]!.spec.resources.requests.storage = '2Gi';
    m.apply(objs);
    m.advance(90_000);
    expect(m.get({ kind: 'PersistentVolumeClaim', name: 'course-pvc' })!.status.phase).toBe('Pending');
    expect(m.get({ kind: 'Pod', name: 'pv-pod' })!.status.phase).toBe('Pending');
  });

  it('lesson 4: Delete instead of Retain leaves the static PV Failed, not Released', () => {
    const m = newModel();
    m.labelNode('course-worker', { 'storage-course/role': 'data' });
    m.makeNodeDir('course-worker', '/var/local/course-pv');
    const objs = fixture('lesson-4');
    objs[0]!.spec.persistentVolumeReclaimPolicy = 'Delete';
    m.apply(objs);
    m.delete({ kind: 'Pod', name: 'pv-pod' }, { gracePeriodSeconds: 0 });
    m.delete({ kind: 'PersistentVolumeClaim', name: 'course-pvc' });
    expect(m.get({ kind: 'PersistentVolume', name: 'course-pv' })!.status.phase).toBe('Failed');
  });

  it('lesson 5: an Immediate local-path class never provisions', () => {
    const m = newModel();
    const objs = fixture('lesson-5');
    const sc = objs.find((o) => o.kind === 'StorageClass')!;
    delete sc.volumeBindingMode;
    m.apply(objs);
    m.advance(90_000);
    expect(m.get({ kind: 'PersistentVolumeClaim', name: 'dyn-pvc' })!.status.phase).toBe('Pending');
    expect(m.get({ kind: 'Pod', name: 'dyn-pod' })!.status.phase).toBe('Pending');
  });

  it('lesson 5: a typo in the provisioner leaves the claim waiting for a provisioner that does not exist', () => {
    const m = newModel();
    const objs = fixture('lesson-5');
    objs.find((o) => o.kind === 'StorageClass')!.provisioner = 'rancher.io/localpath';
    m.apply(objs);
    m.advance(90_000);
    expect(m.get({ kind: 'Pod', name: 'dyn-pod' })!.status.phase).toBe('Pending');
    expect(m.events({ kind: 'PersistentVolumeClaim', name: 'dyn-pvc' }).map((e) => e.reason)).toContain('ExternalProvisioning');
  });

  it('lesson 6: storageClassName "" in the claim template leaves the claims (and web-0) Pending', () => {
    const m = newModel();
    const objs = fixture('lesson-6');
    objs[1]!.spec.volumeClaimTemplates[0].spec.storageClassName = '';
    m.apply(objs);
    m.advance(90_000);
    expect(m.get({ kind: 'PersistentVolumeClaim', name: 'www-web-0' })!.status.phase).toBe('Pending');
    expect(m.get({ kind: 'Pod', name: 'web-1' })).toBeUndefined();
  });
});
