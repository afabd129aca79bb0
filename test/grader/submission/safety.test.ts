import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCourseHostPath, normaliseHostPath, systemPathHit } from '../../../src/grader/submission/host-paths.ts';
import { loadSubmission } from '../../../src/grader/submission/load.ts';
import { findUnsafe, MAX_REPLICAS } from '../../../src/grader/submission/safety.ts';
import { expectOk, expectProblem, fixture, FIXTURES, loadFiles, tempDir, where } from './helpers.ts';

const F = (file: string) => `${FIXTURES}/safety/${file}`;

describe('findUnsafe', () => {
  it('sorts each finding into always or shared-cluster, with file:line:col and both languages', async () => {
    const { submission } = expectOk(await loadSubmission(fixture('safety')));
    const found = findUnsafe(submission);
    const scopes = Object.fromEntries(found.map((u) => [`${u.problem.code}@${where(u.problem)}`, u.scope]));
    expect(scopes).toEqual({
      [`safety.hostPathSystem@${F('pods.yaml')}:23:16`]: 'always',
      [`safety.hostPathSystem@${F('pods.yaml')}:25:16`]: 'always',
      [`safety.hostPathSystem@${F('pods.yaml')}:27:16`]: 'always',
      [`safety.hostPath@${F('pods.yaml')}:29:16`]: 'shared-cluster',
      [`safety.hostNamespace@${F('pods.yaml')}:6:3`]: 'shared-cluster',
      [`safety.hostNamespace@${F('pods.yaml')}:7:3`]: 'shared-cluster',
      [`safety.privileged@${F('pods.yaml')}:12:7`]: 'shared-cluster',
      [`safety.capabilities@${F('pods.yaml')}:14:9`]: 'shared-cluster',
      [`safety.hostPathSystem@${F('pods.yaml')}:40:14`]: 'always',
      [`safety.rbac@${F('rbac.yaml')}:1:1`]: 'always',
      [`safety.namespace@${F('rbac.yaml')}:14:1`]: 'always',
      [`safety.clusterScoped@${F('rbac.yaml')}:19:1`]: 'always',
    });
    const problems = found.map((u) => u.problem);
    expectProblem(problems, 'safety.hostPathSystem', `${F('pods.yaml')}:25:16`, ['/var/run/docker.sock', '/var/local/'], ['系统文件']);
    expectProblem(problems, 'safety.privileged', `${F('pods.yaml')}:12:7`, ['"shell" runs privileged', '--allow-unsafe'], ['特权模式', '--allow-unsafe']);
    expectProblem(problems, 'safety.rbac', `${F('rbac.yaml')}:1:1`, ['ClusterRoleBinding "me-admin"', 'RBAC'], ['访问权限']);
    expectProblem(problems, 'safety.namespace', `${F('rbac.yaml')}:14:1`, ['Namespace "mine"'], ['命名空间']);
  });

  it('finds nothing in a course answer (hostPath under /var/local, PV, StorageClass, StatefulSet)', async () => {
    const { submission } = expectOk(await loadSubmission(fixture('valid-course')));
    expect(findUnsafe(submission)).toEqual([]);
  });

  it('checks Deployment templates and init containers too', async () => {
    const t = tempDir();
    try {
      writeFileSync(path.join(t.dir, 'd.yaml'), [
        'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  selector: {matchLabels: {app: d}}', '  template:',
        '    metadata: {labels: {app: d}}', '    spec:', '      initContainers:', '      - name: init', '        image: busybox:1.36',
        '        securityContext: {privileged: true}', '      containers:', '      - name: app', '        image: busybox:1.36', '',
      ].join('\n'));
      const { submission } = expectOk(await loadSubmission(t.dir));
      expect(findUnsafe(submission).map((u) => `${u.scope} ${u.problem.code} ${u.problem.at?.line}:${u.problem.at?.col}`)).toEqual(['shared-cluster safety.privileged 12:27']);
    } finally {
      t.cleanup();
    }
  });
});

describe('replicas', () => {
  const workload = (kind: string, name: string, replicas: number) => [
    `apiVersion: ${kind === 'ReplicationController' ? 'v1' : 'apps/v1'}`, `kind: ${kind}`, `metadata: {name: ${name}}`, 'spec:', `  replicas: ${replicas}`,
    ...(kind === 'StatefulSet' ? ['  serviceName: s'] : []),
    kind === 'ReplicationController' ? '  selector: {app: x}' : '  selector: {matchLabels: {app: x}}',
    '  template:', '    metadata: {labels: {app: x}}', '    spec:', '      containers: [{name: c, image: busybox:1.36}]', '',
  ].join('\n');

  it('refuses more than 10 replicas of any workload on every cluster, at the replicas line', async () => {
    expect(MAX_REPLICAS).toBe(10);
    const files = {
      'a.yaml': workload('Deployment', 'miner', 100000000),
      'b.yaml': workload('StatefulSet', 'farm', 11),
      'c.yaml': workload('ReplicaSet', 'rs', 12),
      'd.yaml': workload('ReplicationController', 'rc', 50),
    };
    const result = await loadFiles(files);
    const { submission } = expectOk(result);
    const found = findUnsafe(submission);
    expect(found.every((u) => u.scope === 'always')).toBe(true);
    const problems = found.map((u) => u.problem);
    const at = (f: string) => `${path.join(result.dir, f)}:5:3`;
    expectProblem(problems, 'safety.replicas', at('a.yaml'),
      ['spec.replicas is 100000000; the grader runs at most 10 replicas of a workload', 'Deployment "miner"'],
      ['spec.replicas 是 100000000；评分程序最多为一个工作负载运行 10 个副本', 'Deployment "miner"']);
    expectProblem(problems, 'safety.replicas', at('b.yaml'), ['spec.replicas is 11', 'StatefulSet "farm"'], ['spec.replicas 是 11']);
    expectProblem(problems, 'safety.replicas', at('c.yaml'), ['spec.replicas is 12'], ['spec.replicas 是 12']);
    expectProblem(problems, 'safety.replicas', at('d.yaml'), ['spec.replicas is 50'], ['spec.replicas 是 50']);
    expect(problems).toHaveLength(4);
  });

  it('allows up to 10 replicas, and no replicas at all', async () => {
    const files = {
      'a.yaml': workload('Deployment', 'ten', 10),
      'b.yaml': workload('StatefulSet', 'two', 2),
      'c.yaml': workload('Deployment', 'none', 1).replace('  replicas: 1\n', ''),
    };
    const { submission } = expectOk(await loadFiles(files));
    expect(findUnsafe(submission)).toEqual([]);
  });
});

describe('host paths', () => {
  it('normalises paths before judging them', () => {
    expect(normaliseHostPath('/var/local/../lib/kubelet/')).toBe('/var/lib/kubelet');
    expect(normaliseHostPath('etc')).toBe('/etc');
    expect(normaliseHostPath('///')).toBe('/');
  });

  it('treats system paths, their parents and their children as system paths', () => {
    expect(systemPathHit('/')).toBe('/');
    expect(systemPathHit('/var')).toBe('/var/run');
    expect(systemPathHit('/var/lib')).toBe('/var/lib/kubelet');
    expect(systemPathHit('/run/containerd/containerd.sock')).toBe('/run');
    expect(systemPathHit('/proc/1/root')).toBe('/proc');
    expect(systemPathHit('/var/local/course-data')).toBeUndefined();
    expect(systemPathHit('/tmp/data')).toBeUndefined();
    expect(systemPathHit('/etcetera')).toBeUndefined();
  });

  it('knows the course area', () => {
    expect(isCourseHostPath('/var/local')).toBe(true);
    expect(isCourseHostPath('/var/local/course-pv/')).toBe(true);
    expect(isCourseHostPath('/var/localx')).toBe(false);
    expect(isCourseHostPath('/var/local/../lib')).toBe(false);
  });
});
