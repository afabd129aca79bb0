/**
 * Hand-built RunResults for the reporter tests: every check status, a static failure with a
 * position, a step failure with observed text and diagnostics, an exercise whose cluster never
 * came up, and one whose submission is partly unreadable (a YAML error) and partly invalid.
 */
import type { CheckResult, ExerciseResult, RunResult } from '../../../src/grader/report/model.ts';

export const CWD = '/work/course';

const t = (en: string, zh: string) => ({ en, 'zh-cn': zh });

export function check(over: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult {
  const points = over.points ?? 10;
  return {
    kind: 'step',
    title: t(`Check ${over.id}`, `检查 ${over.id}`),
    points,
    score: over.status === 'passed' ? points : 0,
    diagnostics: [],
    durationMs: 1200,
    ...over,
  };
}

/** lesson-3: 5 checks, 2 passed (35 points), 2 failed, 1 skipped. */
export function nfsExercise(): ExerciseResult {
  const checks: CheckResult[] = [
    check({ id: 'parse', kind: 'static', status: 'passed', points: 10, durationMs: 20 }),
    check({
      id: 'anti-affinity',
      kind: 'static',
      status: 'failed',
      points: 15,
      title: t('Replicas must land on different nodes', '副本必须分布在不同节点上'),
      message: t('The Deployment has no required pod anti-affinity on kubernetes.io/hostname.', 'Deployment 没有基于 kubernetes.io/hostname 的必需 Pod 反亲和性。'),
      hint: t('Add spec.template.spec.affinity.podAntiAffinity.requiredDuringScheduling…', '添加 spec.template.spec.affinity.podAntiAffinity.requiredDuringScheduling…'),
      at: { file: 'deployment.yaml', line: 12, col: 7 },
    }),
    check({ id: 'runs', status: 'passed', points: 25, title: t('Both replicas run', '两个副本都在运行') }),
    check({
      id: 'shared',
      status: 'failed',
      points: 25,
      title: t('A token written in one replica is read in the other', '一个副本写入的令牌能在另一个副本中读到'),
      message: t('nfs-web-b read nothing at /shared/token.', 'nfs-web-b 在 /shared/token 中没有读到内容。'),
      hint: t('Mount the nfs volume at /shared in the container.', '在容器中把 nfs 卷挂载到 /shared。'),
      observed: 'cat: can\'t open \'/shared/token\': No such file or directory',
      diagnostics: [{ title: 'describe pod nfs-web-b', text: 'Events:\n  Warning  FailedMount  kubelet  mount failed: exit status 32' }],
      durationMs: 31_000,
      timing: { kubectlMs: 2_400, waitingMs: 27_500, sleepingMs: 1_000 },
    }),
    check({
      id: 'survives-kill',
      status: 'skipped',
      points: 25,
      message: t('Not run: it needs "A token written in one replica…", which failed.', '未运行：它依赖的检查未通过。'),
      durationMs: 0,
    }),
  ];
  return {
    id: 'lesson-3',
    lesson: '03-nfs',
    title: t('NFS volumes', 'NFS 卷'),
    submissionDir: `${CWD}/exercises/lesson-3`,
    maxScore: 100,
    score: checks.reduce((s, c) => s + c.score, 0),
    checks,
    notes: [t('The namespace field in deployment.yaml was ignored.', 'deployment.yaml 中的 namespace 字段已被忽略。')],
    startedAt: '2026-11-22T10:00:00.000Z',
    durationMs: 45_000,
  };
}

/** lesson-1: every check passed. */
export function passedExercise(): ExerciseResult {
  const checks = [check({ id: 'a', status: 'passed', points: 40 }), check({ id: 'b', status: 'passed', points: 60 })];
  return {
    id: 'lesson-1',
    lesson: '01-emptydir',
    title: t('emptyDir', 'emptyDir 卷'),
    submissionDir: `${CWD}/exercises/lesson-1`,
    maxScore: 100,
    score: 100,
    checks,
    notes: [],
    startedAt: '2026-11-22T10:00:00.000Z',
    durationMs: 9_000,
  };
}

/** lesson-4: the cluster never came up; every check skipped. */
export function clusterErrorExercise(): ExerciseResult {
  const reason = t('Not run: the cluster could not be used.', '未运行：无法使用集群。');
  const checks = [check({ id: 'x', status: 'skipped', points: 50, message: reason }), check({ id: 'y', status: 'skipped', points: 50, message: reason })];
  return {
    id: 'lesson-4',
    lesson: '04-pv-pvc',
    title: t('PV and PVC', '持久卷与持久卷申领'),
    submissionDir: `${CWD}/exercises/lesson-4`,
    maxScore: 100,
    score: 0,
    checks,
    error: { kind: 'cluster', message: t('docker is not running', 'docker 没有运行'), hint: t('Start Docker Desktop.', '启动 Docker Desktop。') },
    notes: [],
    startedAt: '2026-11-22T10:01:00.000Z',
    durationMs: 500,
  };
}

/** lesson-2: a YAML syntax error and an unknown field. */
export function submissionErrorExercise(): ExerciseResult {
  const ex = clusterErrorExercise();
  return {
    ...ex,
    id: 'lesson-2',
    lesson: '02-hostpath',
    submissionDir: `${CWD}/exercises/lesson-2`,
    error: {
      kind: 'submission',
      problems: [
        { code: 'yaml.syntax', message: t('bad indentation of a mapping entry', '映射项缩进错误'), at: { file: 'pod.yaml', line: 7, col: 3 } },
        { code: 'schema.unknownField', message: t('unknown field "volumeMount", did you mean "volumeMounts"?', '未知字段“volumeMount”，你是不是想写“volumeMounts”？'), at: { file: 'pod.yaml', line: 9, col: 5 } },
      ],
    },
  };
}

export function run(exercises: ExerciseResult[], model = true): RunResult {
  return {
    cluster: model
      ? { backend: 'model', description: t('offline model', '离线模型'), isModel: true }
      : { backend: 'kind', description: t('kind cluster k8s-storage-course (Kubernetes v1.35.0)', 'kind 集群 k8s-storage-course（Kubernetes v1.35.0）'), isModel: false },
    exercises,
    startedAt: '2026-11-22T10:00:00.000Z',
    durationMs: 60_000,
  };
}
