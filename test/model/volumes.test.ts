/** Volume lifetimes and mount semantics: emptyDir, hostPath types, NFS, configMap, local PVs. */
import { describe, it, expect } from 'vitest';
import type { K8sObject } from '../../src/grader/cluster/cluster.ts';
import type { StorageModel } from '../../src/model/index.ts';
import { deletePodAndWait, newModel, sleeper, waitRunning } from './helpers.ts';

function withVolume(name: string, volume: object, mountPath = '/data', spec: object = {}, containers = ['app']): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      ...spec,
      containers: containers.map((c) => ({ name: c, image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], volumeMounts: [{ name: 'v', mountPath }] })),
      volumes: [{ name: 'v', ...volume }],
    },
  };
}
const phase = (m: StorageModel, n: string) => m.get({ kind: 'Pod', name: n })?.status?.phase;
const mountEvents = (m: StorageModel, n: string) => m.events({ kind: 'Pod', name: n }).filter((e) => e.reason === 'FailedMount');

describe('emptyDir', () => {
  it('lives on the node under /var/lib/kubelet/pods/<pod uid>/volumes/kubernetes.io~empty-dir/<name>', () => {
    const m = newModel();
    m.apply(withVolume('p', { emptyDir: {} }));
    const pod = waitRunning(m, 'p');
    m.writeFile('default', 'p', 'app', '/data/f', 'x');
    expect(m.readNodeFile(pod.spec.nodeName, `/var/lib/kubelet/pods/${pod.metadata.uid}/volumes/kubernetes.io~empty-dir/v/f`)).toBe('x');
  });

  it("is shared by the pod's containers", () => {
    const m = newModel();
    m.apply(withVolume('p', { emptyDir: {} }, '/cache', {}, ['a', 'b']));
    m.writeFile('default', 'p', 'a', '/cache/t', 'shared');
    expect(m.readFile('default', 'p', 'b', '/cache/t')).toBe('shared');
  });

  it('is gone on pod delete: a re-created pod (new uid) starts empty', () => {
    const m = newModel();
    m.apply(withVolume('p', { emptyDir: {} }));
    const first = waitRunning(m, 'p');
    m.writeFile('default', 'p', 'app', '/data/f', 'x');
    deletePodAndWait(m, 'p');
    expect(m.listNodeDir(first.spec.nodeName, `/var/lib/kubelet/pods/${first.metadata.uid}`)).toBeUndefined();
    m.apply(withVolume('p', { emptyDir: {} }));
    expect(waitRunning(m, 'p').metadata.uid).not.toBe(first.metadata.uid);
    expect(m.readFile('default', 'p', 'app', '/data/f')).toBeUndefined();
  });

  it('medium Memory is noted (tmpfs) and has the same lifetime', () => {
    const m = newModel();
    m.apply(withVolume('p', { emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }));
    const vol = m.snapshot().nodes.flatMap((n) => n.pods).find((p) => p.name === 'p')!.volumes[0]!;
    expect(vol).toMatchObject({ type: 'emptyDir', medium: 'Memory', mounted: true });
  });
});

describe('hostPath', () => {
  it('is per node: the same path on another node holds other files', () => {
    const m = newModel();
    m.apply(withVolume('a', { hostPath: { path: '/var/local/h', type: 'DirectoryOrCreate' } }, '/data', { nodeName: 'course-worker' }));
    m.apply(withVolume('b', { hostPath: { path: '/var/local/h', type: 'DirectoryOrCreate' } }, '/data', { nodeName: 'course-worker2' }));
    m.writeFile('default', 'a', 'app', '/data/f', 'on-worker');
    expect(m.readFile('default', 'b', 'app', '/data/f')).toBeUndefined();
    expect(m.readNodeFile('course-worker', '/var/local/h/f')).toBe('on-worker');
  });

  it('survives pod delete on the same node', () => {
    const m = newModel();
    const pod = withVolume('a', { hostPath: { path: '/var/local/h', type: 'DirectoryOrCreate' } }, '/data', { nodeName: 'course-worker' });
    m.apply(pod);
    m.writeFile('default', 'a', 'app', '/data/f', 'kept');
    deletePodAndWait(m, 'a');
    m.apply(pod);
    expect(m.readFile('default', 'a', 'app', '/data/f')).toBe('kept');
  });

  it('DirectoryOrCreate creates the directory (and parents)', () => {
    const m = newModel();
    m.apply(withVolume('a', { hostPath: { path: '/srv/deep/new', type: 'DirectoryOrCreate' } }, '/data', { nodeName: 'course-worker' }));
    expect(phase(m, 'a')).toBe('Running');
    expect(m.listNodeDir('course-worker', '/srv/deep/new')).toEqual([]);
  });

  it('Directory on a missing path fails to mount: the pod stays Pending with a FailedMount event, then mounts once it exists', () => {
    const m = newModel();
    m.apply(withVolume('a', { hostPath: { path: '/var/local/missing', type: 'Directory' } }, '/data', { nodeName: 'course-worker' }));
    m.advance(30_000);
    expect(phase(m, 'a')).toBe('Pending');
    expect(mountEvents(m, 'a')[0]!.message).toBe('MountVolume.SetUp failed for volume "v" : hostPath type check failed: /var/local/missing is not a directory');
    expect(m.get({ kind: 'Pod', name: 'a' })?.status?.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    expect(m.podProblem('default', 'a')).toMatchObject({ reason: 'FailedMount' });
    m.makeNodeDir('course-worker', '/var/local/missing');
    m.advance(1_000);
    expect(phase(m, 'a')).toBe('Running');
  });

  it('FileOrCreate creates an empty file but not its parent directory', () => {
    const m = newModel();
    m.apply(withVolume('ok', { hostPath: { path: '/var/local/app.log', type: 'FileOrCreate' } }, '/log/app.log', { nodeName: 'course-worker' }));
    expect(phase(m, 'ok')).toBe('Running');
    m.writeFile('default', 'ok', 'app', '/log/app.log', 'line');
    expect(m.readNodeFile('course-worker', '/var/local/app.log')).toBe('line');
    m.apply(withVolume('bad', { hostPath: { path: '/no/such/dir/app.log', type: 'FileOrCreate' } }, '/log/app.log', { nodeName: 'course-worker' }));
    expect(phase(m, 'bad')).toBe('Pending');
    expect(mountEvents(m, 'bad')[0]!.message).toContain('no such file or directory');
  });

  it('File and Directory check the kind of what exists', () => {
    const m = newModel();
    m.makeNodeDir('course-worker', '/var/local/d');
    m.writeNodeFile('course-worker', '/var/local/f', 'x');
    m.apply(withVolume('file-on-dir', { hostPath: { path: '/var/local/d', type: 'File' } }, '/data', { nodeName: 'course-worker' }));
    m.apply(withVolume('dir-on-file', { hostPath: { path: '/var/local/f', type: 'Directory' } }, '/data', { nodeName: 'course-worker' }));
    m.apply(withVolume('file', { hostPath: { path: '/var/local/f', type: 'File' } }, '/data/f', { nodeName: 'course-worker' }));
    expect(mountEvents(m, 'file-on-dir')[0]!.message).toContain('is not a file');
    expect(mountEvents(m, 'dir-on-file')[0]!.message).toContain('is not a directory');
    expect(m.readFile('default', 'file', 'app', '/data/f')).toBe('x');
  });

  it('no type: a missing path is created as a directory', () => {
    const m = newModel();
    m.apply(withVolume('a', { hostPath: { path: '/var/local/plain' } }, '/data', { nodeName: 'course-worker' }));
    expect(phase(m, 'a')).toBe('Running');
    expect(m.listNodeDir('course-worker', '/var/local/plain')).toEqual([]);
  });
});

describe('nfs', () => {
  const nfs = (server: string, path = '/') => ({ nfs: { server, path } });

  it('there is no NFS server until one is installed: an IP with no server times out', () => {
    const m = newModel();
    m.apply(withVolume('a', nfs('10.96.100.100')));
    expect(phase(m, 'a')).toBe('Pending');
    expect(mountEvents(m, 'a')[0]!.message).toContain('mount.nfs: Connection timed out');
    m.installNfsServer();
    m.advance(1_000);
    expect(phase(m, 'a')).toBe('Running');
  });

  it('the installed export is backed by a Service with ClusterIP 10.96.100.100', () => {
    const m = newModel();
    m.installNfsServer({ namespace: 'course-x' });
    const svc = m.get({ kind: 'Service', name: 'nfs-server', namespace: 'course-x' });
    expect(svc?.spec.clusterIP).toBe('10.96.100.100');
    m.delete({ kind: 'Service', name: 'nfs-server', namespace: 'course-x' });
    m.apply(withVolume('a', nfs('10.96.100.100')));
    expect(phase(m, 'a')).toBe('Pending');
  });

  it('an export is shared read-write across nodes and outlives the pods', () => {
    const m = newModel();
    m.installNfsServer();
    m.apply(withVolume('a', nfs('10.96.100.100'), '/shared', { nodeName: 'course-worker' }));
    m.apply(withVolume('b', nfs('10.96.100.100'), '/shared', { nodeName: 'course-worker2' }));
    m.writeFile('default', 'a', 'app', '/shared/t', 'both');
    expect(m.readFile('default', 'b', 'app', '/shared/t')).toBe('both');
    m.writeFile('default', 'b', 'app', '/shared/t', 'b-wrote');
    deletePodAndWait(m, 'a');
    deletePodAndWait(m, 'b');
    m.apply(withVolume('c', nfs('10.96.100.100'), '/shared'));
    expect(m.readFile('default', 'c', 'app', '/shared/t')).toBe('b-wrote');
  });

  it('a DNS name as server fails to mount: the node does not use cluster DNS', () => {
    const m = newModel();
    m.installNfsServer();
    m.apply(withVolume('a', nfs('nfs-server.default.svc.cluster.local')));
    m.advance(5_000);
    expect(phase(m, 'a')).toBe('Pending');
    const msg = mountEvents(m, 'a')[0]!.message;
    expect(msg).toContain('mount failed: exit status 32');
    expect(msg).toContain('Failed to resolve server nfs-server.default.svc.cluster.local: Name or service not known');
    expect(m.podProblem('default', 'a')?.reason).toBe('FailedMount');
  });

  it('a path that is not exported or does not exist is refused', () => {
    const m = newModel();
    m.installNfsServer();
    m.apply(withVolume('a', nfs('10.96.100.100', '/missing')));
    expect(mountEvents(m, 'a')[0]!.message).toContain('No such file or directory');
  });

  it('a subdirectory of the export can be mounted once it exists', () => {
    const m = newModel();
    m.installNfsServer();
    m.apply(withVolume('a', nfs('10.96.100.100'), '/shared'));
    m.apply(withVolume('b', nfs('10.96.100.100', '/sub')));
    expect(phase(m, 'b')).toBe('Pending');
    expect(() => m.writeFile('default', 'a', 'app', '/shared/sub/y', '2')).toThrow(/nonexistent directory/);
    m.makeDir('default', 'a', 'app', '/shared/sub');
    m.writeFile('default', 'a', 'app', '/shared/sub/y', '2');
    m.advance(1_000);
    expect(phase(m, 'b')).toBe('Running');
    expect(m.readFile('default', 'b', 'app', '/data/y')).toBe('2');
  });

  it('readOnly nfs refuses writes', () => {
    const m = newModel();
    m.installNfsServer();
    m.apply(withVolume('a', { nfs: { server: '10.96.100.100', path: '/', readOnly: true } }));
    expect(() => m.writeFile('default', 'a', 'app', '/data/x', '1')).toThrow(/Read-only file system/);
  });
});

describe('configMap', () => {
  it('is mounted read-only with one file per key; a missing ConfigMap fails to mount', () => {
    const m = newModel();
    m.apply(withVolume('a', { configMap: { name: 'cfg' } }, '/etc/cfg'));
    expect(mountEvents(m, 'a')[0]!.message).toContain('configmap "cfg" not found');
    m.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'app.conf': 'debug=1' } });
    m.advance(1_000);
    expect(m.readFile('default', 'a', 'app', '/etc/cfg/app.conf')).toBe('debug=1');
    expect(() => m.writeFile('default', 'a', 'app', '/etc/cfg/new', 'x')).toThrow(/Read-only/);
  });
});

describe('local PersistentVolume', () => {
  it('fails to mount while its path does not exist on the node', () => {
    const m = newModel();
    m.apply([
      { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'lpv' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: '', local: { path: '/var/local/lpv' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['course-worker'] }] }] } } } },
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { storageClassName: '', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      withVolume('a', { persistentVolumeClaim: { claimName: 'c' } }),
    ]);
    expect(m.get({ kind: 'Pod', name: 'a' })?.spec.nodeName).toBe('course-worker');
    expect(mountEvents(m, 'a')[0]!.message).toBe('MountVolume.NewMounter initialization failed for volume "lpv" : path "/var/local/lpv" does not exist');
    m.makeNodeDir('course-worker', '/var/local/lpv');
    m.advance(1_000);
    expect(phase(m, 'a')).toBe('Running');
  });

  it('a pod forced onto another node with nodeName fails the node affinity check', () => {
    const m = newModel();
    m.makeNodeDir('course-worker2', '/var/local/lpv');
    m.apply([
      { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'lpv' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: '', local: { path: '/var/local/lpv' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['course-worker'] }] }] } } } },
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { storageClassName: '', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      withVolume('a', { persistentVolumeClaim: { claimName: 'c' } }, '/data', { nodeName: 'course-worker2' }),
    ]);
    expect(mountEvents(m, 'a')[0]!.message).toContain('NodeAffinity check failed');
  });
});

describe('pod volume references', () => {
  it('a pod whose claim does not exist stays Pending (scheduler) with the reason', () => {
    const m = newModel();
    m.apply(sleeper('a', { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'nope' } }] }, { volumeMounts: [{ name: 'v', mountPath: '/d' }] }));
    expect(m.podProblem('default', 'a')?.message).toContain('persistentvolumeclaim "nope" not found');
  });
});
