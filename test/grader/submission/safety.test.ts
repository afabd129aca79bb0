import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/grader/report/model.ts';
import { isCourseHostPath, normaliseHostPath, systemPathHit } from '../../../src/grader/submission/host-paths.ts';
import { loadSubmission } from '../../../src/grader/submission/load.ts';
import { findUnsafe, MAX_REPLICAS } from '../../../src/grader/submission/safety.ts';
import { expectOk, expectProblem, fixture, FIXTURES, loadFiles, tempDir, where } from './helpers.ts';

const F = (file: string) => `${FIXTURES}/safety/${file}`;

const LESSON_2 = { lesson: 'lesson-2', hostPaths: ['/var/local/course-data'] };
const NO_HOST_PATHS = { lesson: 'lesson-1', hostPaths: [] };
const at = (u: Problem) => `${u.code}@${where(u)}`;

describe('findUnsafe', () => {
  it('refuses every escape to the node, with file:line:col, in both languages, whatever the cluster', async () => {
    const { submission } = expectOk(await loadSubmission(fixture('safety')));
    const found = findUnsafe(submission, LESSON_2);
    expect(found.map(at).sort()).toEqual([
      `safety.appArmor@${F('baseline.yaml')}:11:9`,
      `safety.appArmor@${F('baseline.yaml')}:25:29`,
      `safety.capabilities@${F('pods.yaml')}:14:9`,
      `safety.claimRefNamespace@${F('baseline.yaml')}:66:14`,
      `safety.defaultClass@${F('baseline.yaml')}:77:5`,
      `safety.secretRef@${F('baseline.yaml')}:70:5`,
      `safety.classParameters@${F('baseline.yaml')}:47:1`,
      `safety.clusterScoped@${F('rbac.yaml')}:19:1`,
      `safety.externalIPs@${F('baseline.yaml')}:40:3`,
      `safety.hostNamespace@${F('pods.yaml')}:6:3`,
      `safety.hostNamespace@${F('pods.yaml')}:7:3`,
      `safety.hostPath@${F('pods.yaml')}:29:16`,
      `safety.hostPathSystem@${F('pods.yaml')}:23:16`,
      `safety.hostPathSystem@${F('pods.yaml')}:25:16`,
      `safety.hostPathSystem@${F('pods.yaml')}:27:16`,
      `safety.hostPathSystem@${F('pods.yaml')}:40:14`,
      `safety.hostPort@${F('baseline.yaml')}:22:31`,
      `safety.hostProcess@${F('baseline.yaml')}:26:28`,
      `safety.namespace@${F('rbac.yaml')}:14:1`,
      `safety.nodeCodeVolume@${F('baseline.yaml')}:29:9`,
      `safety.nodeCodeVolume@${F('baseline.yaml')}:31:9`,
      `safety.nodeCodeVolume@${F('baseline.yaml')}:57:3`,
      `safety.privileged@${F('pods.yaml')}:12:7`,
      `safety.procMount@${F('baseline.yaml')}:24:11`,
      `safety.rbac@${F('rbac.yaml')}:1:1`,
      `safety.seLinux@${F('baseline.yaml')}:17:26`,
      `safety.seccomp@${F('baseline.yaml')}:14:26`,
      `safety.sysctls@${F('baseline.yaml')}:15:9`,
    ].sort());
    expectProblem(found, 'safety.hostPathSystem', `${F('pods.yaml')}:25:16`, ['/var/run/docker.sock', 'lesson-2 mounts only /var/local/course-data'], ['系统文件', 'lesson-2 只挂载 /var/local/course-data']);
    expectProblem(found, 'safety.privileged', `${F('pods.yaml')}:12:7`, ['"shell" runs privileged', 'the machine that grades', 'on every cluster', 'no exercise needs it'], ['特权模式', '评分机器', '任何集群']);
    expectProblem(found, 'safety.hostNamespace', `${F('pods.yaml')}:7:3`, ["hostNetwork: true lets the Pod see the node's own network"], ['hostNetwork: true 会让 Pod 看到节点自身的网络']);
    expectProblem(found, 'safety.hostPath', `${F('pods.yaml')}:29:16`, ['host path /tmp/shared: lesson-2 mounts only /var/local/course-data', 'write exactly /var/local/course-data'], ['请准确写成 /var/local/course-data']);
    expectProblem(found, 'safety.classParameters', `${F('baseline.yaml')}:47:1`, ['StorageClass "anywhere" sets parameters (nodePath)'], ['parameters（nodePath）']);
    expectProblem(found, 'safety.nodeCodeVolume', `${F('baseline.yaml')}:29:9`, ['Volume "repo" is of type gitRepo, which runs git on the node as root'], ['gitRepo，它会在节点上以 root 身份运行 git']);
    expectProblem(found, 'safety.rbac', `${F('rbac.yaml')}:1:1`, ['ClusterRoleBinding "me-admin"', 'RBAC'], ['访问权限']);
    expectProblem(found, 'safety.claimRefNamespace', `${F('baseline.yaml')}:66:14`, ['namespace "kube-system"', 'set spec.volumeName on the claim instead'], ['名字空间 "kube-system"', 'spec.volumeName']);
    expectProblem(found, 'safety.defaultClass', `${F('baseline.yaml')}:77:5`, ['storageclass.kubernetes.io/is-default-class', 'default class of the whole cluster'], ['默认存储类']);
    expectProblem(found, 'safety.secretRef', `${F('baseline.yaml')}:70:5`, ['refers to a Secret (spec.csi.nodePublishSecretRef)'], ['引用了一个 Secret']);
    expect(found.some((u) => /allow-unsafe/.test(u.message.en + u.message['zh-cn']))).toBe(false);
  });

  it('finds nothing in a course answer (hostPath the lesson uses, PV, StorageClass, StatefulSet)', async () => {
    const { submission } = expectOk(await loadSubmission(fixture('valid-course')));
    expect(findUnsafe(submission, { lesson: 'lesson-x', hostPaths: ['/var/local/course-data', '/var/local/course-pv'] })).toEqual([]);
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
      expect(findUnsafe(submission, NO_HOST_PATHS).map((u) => `${u.code} ${u.at?.line}:${u.at?.col}`)).toEqual(['safety.privileged 12:27']);
    } finally {
      t.cleanup();
    }
  });

  it("allows a lesson's own host path exactly, never its parent, child, sibling or a lesson that uses none", async () => {
    const pod = (p: string) => ['apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: c, image: busybox:1.36}]', `  volumes: [{name: v, hostPath: {path: "${p}"}}]`, ''].join('\n');
    const verdict = async (p: string, policy: { lesson: string; hostPaths: string[] }) => {
      const { submission } = expectOk(await loadFiles({ 'p.yaml': pod(p) }));
      return findUnsafe(submission, policy).map((u) => u.code).join(',') || 'ok';
    };
    expect(await verdict('/var/local/course-data', LESSON_2)).toBe('ok');
    expect(await verdict('/var/local/course-data/', LESSON_2)).toBe('ok');
    expect(await verdict('/var/local//x/../course-data', LESSON_2)).toBe('ok');
    for (const p of ['/var/local', '/var/local/course-data/link', '/var/local/course-datax', '/var/local/other', '/tmp', '/kind', '/kind/bin/mount-product-files.sh']) {
      expect(await verdict(p, LESSON_2), p).toMatch(/^safety\.hostPath/);
    }
    expect(await verdict('/kind', LESSON_2)).toBe('safety.hostPathSystem');
    const { submission } = expectOk(await loadFiles({ 'p.yaml': pod('/var/local/cache') }));
    const refused = findUnsafe(submission, NO_HOST_PATHS);
    expectProblem(refused, 'safety.hostPath', where(refused[0]!), ['lesson-1 mounts no host path', 'use the volume type the lesson teaches instead'], ['lesson-1 不挂载任何主机路径', '请改用本课讲授的卷类型']);
  });

  it('allows what the baseline allows: no seccomp/AppArmor change, RuntimeDefault, container SELinux types, hostPort 0, empty parameters', async () => {
    const files = {
      'p.yaml': [
        'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:',
        '  securityContext: {seccompProfile: {type: RuntimeDefault}, seLinuxOptions: {type: container_t, level: "s0:c1,c2"}, runAsNonRoot: true, runAsUser: 1000}',
        '  containers:', '  - name: c', '    image: busybox:1.36', '    ports: [{containerPort: 80, hostPort: 0}]',
        '    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, appArmorProfile: {type: RuntimeDefault}, privileged: false, readOnlyRootFilesystem: true}', '',
      ].join('\n'),
      's.yaml': ['apiVersion: storage.k8s.io/v1', 'kind: StorageClass', 'metadata: {name: s}', 'provisioner: rancher.io/local-path', 'parameters: {}', ''].join('\n'),
    };
    const { submission } = expectOk(await loadFiles(files));
    expect(findUnsafe(submission, NO_HOST_PATHS)).toEqual([]);
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
    const problems = findUnsafe(submission, NO_HOST_PATHS);
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
    expect(findUnsafe(submission, NO_HOST_PATHS)).toEqual([]);
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

  it('takes only direct children of /var/local as lesson host paths', () => {
    expect(isCourseHostPath('/var/local/course-pv/')).toBe(true);
    expect(isCourseHostPath('/var/local')).toBe(false);
    expect(isCourseHostPath('/var/local/course-pv/sub')).toBe(false);
    expect(isCourseHostPath('/var/localx')).toBe(false);
    expect(isCourseHostPath('/var/local/../lib')).toBe(false);
  });

  it('treats kind\'s own files on the node as system files', () => {
    expect(systemPathHit('/kind/bin')).toBe('/kind');
  });
});
