import { describe, expect, it } from 'vitest';
import { assertScopedDir, RunScope, runOfScopedKey } from '../../../../src/grader/cluster/common/run-scope.ts';

const pv = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'course-pv', labels: { 'storage-course/run': 'r1' } },
  spec: {
    storageClassName: '',
    local: { path: '/var/local/course-pv' },
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'storage-course/role', operator: 'In', values: ['data'] }] }] } },
  },
};
const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'course-pvc' }, spec: { storageClassName: 'course-fast', volumeName: 'course-pv' } };
const klass = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'course-fast' }, provisioner: 'rancher.io/local-path' };
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'host-pod' },
  spec: {
    nodeSelector: { 'storage-course/role': 'data' },
    containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo course-pv /var/local/course-data'], volumeMounts: [{ name: 'course-pv', mountPath: '/data' }] }],
    volumes: [{ name: 'course-pv', hostPath: { path: '/var/local/course-data/sub/', type: 'DirectoryOrCreate' } }],
  },
};

function scoped() {
  const scope = new RunScope('lesson-4-abc');
  scope.registerLabelKey('storage-course/role');
  return { scope, out: scope.forApply([pv, claim, klass, pod]) };
}

describe('RunScope: what goes to the cluster', () => {
  it('gives cluster-scoped objects, node directories and node label keys the run suffix', () => {
    const { out } = scoped();
    const [p, c, k, po] = out as any[];
    expect(p.metadata.name).toBe('course-pv.lesson-4-abc');
    expect(p.spec.local.path).toBe('/var/local/course-pv.lesson-4-abc');
    expect(p.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'storage-course/role.lesson-4-abc', operator: 'In', values: ['data'] });
    expect(k.metadata.name).toBe('course-fast.lesson-4-abc');
    // References follow the objects they name.
    expect(c.spec).toEqual({ storageClassName: 'course-fast.lesson-4-abc', volumeName: 'course-pv.lesson-4-abc' });
    expect(po.spec.nodeSelector).toEqual({ 'storage-course/role.lesson-4-abc': 'data' });
    expect(po.spec.volumes[0].hostPath.path).toBe('/var/local/course-data.lesson-4-abc/sub');
  });

  it('leaves everything else as written: namespaced names, a volume named like a PV, commands, the run label, the empty class', () => {
    const { out } = scoped();
    const [p, c, , po] = out as any[];
    expect(c.metadata.name).toBe('course-pvc');
    expect(po.metadata.name).toBe('host-pod');
    expect(po.spec.volumes[0].name).toBe('course-pv');
    expect(po.spec.containers[0].volumeMounts[0].name).toBe('course-pv');
    expect(po.spec.containers[0].command).toEqual(pod.spec.containers[0].command);
    expect(p.metadata.labels).toEqual({ 'storage-course/run': 'r1' });
    expect(p.spec.storageClassName).toBe('');
  });

  it('a class the run did not make (kind\'s "standard") is not scoped, and the input objects are not changed', () => {
    const scope = new RunScope('r1');
    const before = structuredClone(claim);
    const [c] = scope.forApply([{ ...claim, spec: { storageClassName: 'standard' } }]) as any[];
    expect(c.spec.storageClassName).toBe('standard');
    expect(claim).toEqual(before);
  });

  it('paths: only below /var/local, never a parent or an escape', () => {
    const scope = new RunScope('r1');
    scope.registerPath('/var/local/course-data');
    expect(scope.path('/var/local/course-data/grader-token')).toBe('/var/local/course-data.r1/grader-token');
    expect(scope.path('/var/local/course-data')).toBe('/var/local/course-data.r1');
    expect(scope.path('/var/local/course-data-2/x')).toBe('/var/local/course-data-2/x');
    expect(scope.path('/var/local')).toBe('/var/local');
    expect(scope.path('/etc/passwd')).toBe('/etc/passwd');
    expect(scope.registerPath('/var/local/../etc')).toBe('/var/local/../etc');
    expect(scope.scopedDirs()).toEqual(['/var/local/course-data.r1']);
  });

  it('labels for a selector: node label keys scoped, values as applied', () => {
    const { scope } = scoped();
    expect(scope.labels({ 'storage-course/role': 'data', app: 'course-fast' })).toEqual({ 'storage-course/role.lesson-4-abc': 'data', app: 'course-fast' });
    expect(scope.labels(undefined)).toBeUndefined();
  });

  it('refuses a run id that is not normalised (a dot would make the suffix ambiguous)', () => {
    expect(() => new RunScope('a.b')).toThrow(TypeError);
  });
});

describe('RunScope: what comes back', () => {
  it('turns every scoped name, key and path back, also inside messages, and round-trips', () => {
    const { scope, out } = scoped();
    expect(scope.fromCluster(out)).toEqual([pv, claim, klass, { ...pod, spec: { ...pod.spec, volumes: [{ ...pod.spec.volumes[0], hostPath: { ...pod.spec.volumes[0].hostPath, path: '/var/local/course-data/sub' } }] } }]);
    expect(scope.text('PersistentVolume "course-pv.lesson-4-abc" not found; node(s) didn\'t match storage-course/role.lesson-4-abc')).toBe(
      'PersistentVolume "course-pv" not found; node(s) didn\'t match storage-course/role',
    );
    expect(scope.text('/var/local/course-data.lesson-4-abc/grader-token')).toBe('/var/local/course-data/grader-token');
  });

  it('leaves names of other runs alone', () => {
    const { scope } = scoped();
    expect(scope.text('course-pv.lesson-4-xyz')).toBe('course-pv.lesson-4-xyz');
  });
});

describe('scoped keys and directories', () => {
  it('runOfScopedKey reads the run of a scoped label key', () => {
    expect(runOfScopedKey('storage-course/role.lesson-4-abc')).toBe('lesson-4-abc');
    expect(runOfScopedKey('storage-course/role')).toBeUndefined();
  });

  it('assertScopedDir accepts only /var/local/<dir>.<runId>', () => {
    expect(assertScopedDir('/var/local/course-pv.r1')).toBe('/var/local/course-pv.r1');
    for (const bad of ['/var/local', '/var/local/', '/var/local/course-pv', '/', '/var/local/a.r1/..', '/var/local/../x.r1', '/etc/x.r1', '/var/local/a/b.r1']) {
      expect(() => assertScopedDir(bad), bad).toThrow(TypeError);
    }
  });
});
