import { describe, it, expect } from 'vitest';
import { KubectlArgs } from '../../../../src/grader/cluster/common/kubectl.ts';
import { READ_SCRIPT, WRITE_SCRIPT } from '../../../../src/grader/cluster/common/file-scripts.ts';

const KC = '/home/u/.cache/k8s-storage-course/kubeconfig';
const kind = new KubectlArgs({ kubeconfig: KC }, 'course-lesson-1-abc');
const current = new KubectlArgs({ context: 'k3d-school' }, 'course-lesson-1-abc');

describe('KubectlArgs golden argv', () => {
  it('targets our kubeconfig (kind) or the pinned context (current), never both implicitly', () => {
    expect(kind.base()).toEqual(['--kubeconfig', KC]);
    expect(current.base()).toEqual(['--context', 'k3d-school']);
  });

  it('apply: server-side, our field manager, forced, JSON on stdin', () => {
    expect(kind.apply()).toEqual(['--kubeconfig', KC, 'apply', '--server-side', '--field-manager=k8s-storage-course', '--force-conflicts', '--request-timeout=30s', '-f', '-']);
  });

  it('get: fully qualified resource, run namespace for namespaced kinds only', () => {
    expect(kind.get('Pod', 'cache-pod')).toEqual(['--kubeconfig', KC, 'get', 'pods', 'cache-pod', '-n', 'course-lesson-1-abc', '-o', 'json', '--ignore-not-found', '--request-timeout=30s']);
    expect(kind.get('StorageClass', 'course-fast')).toEqual(['--kubeconfig', KC, 'get', 'storageclasses.storage.k8s.io', 'course-fast', '-o', 'json', '--ignore-not-found', '--request-timeout=30s']);
    expect(kind.get('StatefulSet', 'web')).toContain('statefulsets.apps');
    expect(kind.get('Namespace', 'course-fixtures')).not.toContain('-n');
  });

  it('list: label selector validated and joined', () => {
    expect(current.list('Pod', { app: 'nfs-web', 'storage-course/role': 'data' })).toEqual([
      '--context', 'k3d-school', 'get', 'pods', '-n', 'course-lesson-1-abc', '-l', 'app=nfs-web,storage-course/role=data', '-o', 'json', '--request-timeout=30s',
    ]);
    expect(kind.list('PersistentVolume')).toEqual(['--kubeconfig', KC, 'get', 'persistentvolumes', '-o', 'json', '--request-timeout=30s']);
    expect(kind.list('Pod', {}, 'course-fixtures')).toEqual(['--kubeconfig', KC, 'get', 'pods', '-n', 'course-fixtures', '-o', 'json', '--request-timeout=30s']);
  });

  it('delete and deletePod', () => {
    expect(kind.delete('PersistentVolumeClaim', 'course-pvc', { wait: false })).toEqual(['--kubeconfig', KC, 'delete', 'persistentvolumeclaims', 'course-pvc', '-n', 'course-lesson-1-abc', '--ignore-not-found', '--wait=false']);
    expect(kind.delete('PersistentVolume', 'course-pv', { wait: true })).toEqual(['--kubeconfig', KC, 'delete', 'persistentvolumes', 'course-pv', '--ignore-not-found', '--wait=true', '--timeout=120s']);
    expect(kind.deletePod('cache-pod')).toEqual(['--kubeconfig', KC, 'delete', 'pods', 'cache-pod', '-n', 'course-lesson-1-abc', '--grace-period=1', '--wait=true', '--ignore-not-found', '--timeout=120s']);
    expect(kind.deleteAllPods()).toEqual(['--kubeconfig', KC, 'delete', 'pods', '--all', '-n', 'course-lesson-1-abc', '--grace-period=1', '--wait=false', '--ignore-not-found']);
    expect(kind.deleteLabelled(['PersistentVolume', 'StorageClass'], { 'storage-course/run': 'lesson-1-abc' })).toEqual([
      '--kubeconfig', KC, 'delete', 'persistentvolumes,storageclasses.storage.k8s.io', '-l', 'storage-course/run=lesson-1-abc', '--ignore-not-found', '--wait=false',
    ]);
    expect(kind.deleteRunNamespaces()).toEqual(['--kubeconfig', KC, 'delete', 'namespaces', '-l', 'storage-course/run', '--ignore-not-found', '--wait=true', '--timeout=90s']);
  });

  it('scale, label and unlabel nodes', () => {
    expect(kind.scale('StatefulSet', 'web', 1)).toEqual(['--kubeconfig', KC, 'scale', 'statefulsets.apps/web', '--replicas=1', '-n', 'course-lesson-1-abc', '--request-timeout=30s']);
    expect(kind.labelNode('k8s-storage-course-worker', { 'storage-course/role': 'data' })).toEqual([
      '--kubeconfig', KC, 'label', 'nodes', 'k8s-storage-course-worker', 'storage-course/role=data', '--overwrite', '--request-timeout=30s',
    ]);
    expect(kind.unlabelNode('k8s-storage-course-worker', ['storage-course/role'])).toEqual(['--kubeconfig', KC, 'label', 'nodes', 'k8s-storage-course-worker', 'storage-course/role-', '--request-timeout=30s']);
    expect(() => kind.scale('Deployment', 'x', -1)).toThrow(TypeError);
  });

  it('exec: fixed script, path as a positional argument after --, stdin only for writes', () => {
    const path = `/cache/a'; rm -rf / #`;
    expect(kind.exec('cache-pod', 'writer', WRITE_SCRIPT, [path, 'tok-1'], false)).toEqual([
      '--kubeconfig', KC, 'exec', 'cache-pod', '-n', 'course-lesson-1-abc', '-c', 'writer', '--', 'sh', '-c', 'printf "%s" "$2" > "$1"', '--', path, 'tok-1',
    ]);
    expect(kind.exec('cache-pod', 'reader', READ_SCRIPT, ['/cache/token'], false)).toEqual([
      '--kubeconfig', KC, 'exec', 'cache-pod', '-n', 'course-lesson-1-abc', '-c', 'reader', '--', 'sh', '-c', READ_SCRIPT, '--', '/cache/token',
    ]);
  });

  it('diagnostics: describe, events by field selector, logs with --previous', () => {
    expect(kind.describe('Pod', 'cache-pod')).toEqual(['--kubeconfig', KC, 'describe', 'pods', 'cache-pod', '-n', 'course-lesson-1-abc', '--request-timeout=30s']);
    expect(kind.events('Pod', 'cache-pod')).toEqual([
      '--kubeconfig', KC, 'get', 'events', '-n', 'course-lesson-1-abc', '--field-selector', 'involvedObject.kind=Pod,involvedObject.name=cache-pod', '-o', 'json', '--request-timeout=30s',
    ]);
    expect(kind.events('PersistentVolume', 'course-pv')).toContain('--all-namespaces');
    expect(kind.logs('cache-pod', 'writer', true)).toEqual(['--kubeconfig', KC, 'logs', 'cache-pod', '-n', 'course-lesson-1-abc', '-c', 'writer', '--tail=80', '--previous', '--request-timeout=30s']);
    expect(kind.podWarnings()).toEqual(['--kubeconfig', KC, 'get', 'events', '-n', 'course-lesson-1-abc', '--field-selector', 'involvedObject.kind=Pod,type=Warning', '-o', 'json', '--request-timeout=30s']);
  });

  it('refuses names, labels and namespaces that kubectl could read as options', () => {
    expect(() => kind.get('Pod', '--all-namespaces')).toThrow(TypeError);
    expect(() => kind.exec('-it', 'c', WRITE_SCRIPT, ['/x'], true)).toThrow(TypeError);
    expect(() => kind.exec('p', '--privileged', WRITE_SCRIPT, ['/x'], true)).toThrow(TypeError);
    expect(() => kind.list('Pod', { app: 'a,b=c' })).toThrow(TypeError);
    expect(() => kind.labelNode('n', { 'a b': 'c' })).toThrow(TypeError);
    expect(() => new KubectlArgs({}, '-A').get('Pod', 'x')).toThrow(TypeError);
  });
});
