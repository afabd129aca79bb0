/**
 * A throwaway course for CLI tests: a temp root with lesson folders (exercise.yaml + starter/),
 * grader files the registry can see, and CliDeps whose registry is the real one over that root
 * while graders, runner, cluster selection and signals are fakes the test scripts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterUnavailableError, type Cluster } from '../../src/grader/cluster/cluster.ts';
import type { ClusterSelection, SelectOptions } from '../../src/grader/cluster/select.ts';
import { defineGrader, type Grader } from '../../src/grader/define.ts';
import type { CheckResult, ExerciseResult } from '../../src/grader/report/model.ts';
import type { RunOptions } from '../../src/grader/run/options.ts';
import { defaultDeps, type CliDeps } from '../../src/cli/deps.ts';
import type { CliIo } from '../../src/cli/io.ts';

const LESSONS = [
  { folder: '01-emptydir', n: 1, en: 'emptyDir: scratch space for one pod', zh: 'emptyDir：一个 Pod 的临时空间', starter: ['pod.yaml'] },
  { folder: '02-hostpath', n: 2, en: '', zh: '', starter: [] }, // no exercise yet
  { folder: '03-nfs', n: 3, en: 'NFS volumes shared across nodes', zh: '跨节点共享的 NFS 卷', starter: ['deployment.yaml', 'service.yaml'] },
];

/** Creates the temp course; returns its root. */
export function makeCourse(): string {
  const root = mkdtempSync(join(tmpdir(), 'course-'));
  mkdirSync(join(root, 'graders'));
  for (const l of LESSONS) {
    const dir = join(root, 'lessons', l.folder);
    mkdirSync(dir, { recursive: true });
    if (!l.starter.length) continue;
    mkdirSync(join(dir, 'starter'));
    for (const f of l.starter) writeFileSync(join(dir, 'starter', f), `# starter ${f}\napiVersion: v1\n`);
    writeFileSync(
      join(dir, 'exercise.yaml'),
      [
        'schemaVersion: 1',
        `id: lesson-${l.n}`,
        `title: { en: "${l.en}", zh-cn: "${l.zh}" }`,
        'summary: { en: "A summary.", zh-cn: "一段摘要。" }',
        'task: { en: "Do the task.", zh-cn: "完成任务。" }',
        `files: [${l.starter.join(', ')}]`,
        'minutes: 20',
        '',
      ].join('\n'),
    );
    writeFileSync(join(root, 'graders', `${l.folder}.ts`), '// the tests inject the grader\n');
  }
  return root;
}

const t = (en: string) => ({ en, 'zh-cn': `「${en}」` });

/** A 100-point grader: one static check, two steps. */
export function fakeGrader(folder: string): Grader {
  return defineGrader({
    lesson: folder,
    staticChecks: [{ id: 'shape', points: 20, title: t('Manifest shape'), hint: t('Fix the shape'), check: () => [] }],
    steps: [
      { id: 'runs', points: 40, title: t('Pod runs'), hint: t('Check the image'), run: async () => {} },
      { id: 'keeps', points: 40, title: t('Data survives'), hint: t('Mount the volume'), needs: ['runs'], run: async () => {} },
    ],
    lifetime: [],
  });
}

/**
 * How the fake runner ends an exercise. 'late-interrupt': every check passes, then the runner
 * waits for Ctrl-C (as if it came during cleanup) and still returns the passing result.
 */
export type Script = 'pass' | 'fail' | 'cluster' | 'hang' | 'late-interrupt';

/** The fake runner: emits events like the real one and builds a result per its script. */
export function fakeRunner(scripts: Record<string, Script>, seen: RunOptions[], cleanedUp: string[]) {
  return async (opts: RunOptions): Promise<ExerciseResult> => {
    seen.push(opts);
    const ev = opts.events ?? {};
    ev.exerciseStart?.({ id: opts.id, title: opts.title });
    const script = scripts[opts.id] ?? 'pass';
    const all = [...opts.grader.staticChecks.map((c) => ({ c, kind: 'static' as const })), ...opts.grader.steps.map((c) => ({ c, kind: 'step' as const }))];
    const result = (c: (typeof all)[number], status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
      id: c.c.id,
      kind: c.kind,
      title: c.c.title,
      points: c.c.points,
      score: status === 'passed' ? c.c.points : 0,
      status,
      diagnostics: [],
      durationMs: 5,
      ...extra,
    });
    const checks: CheckResult[] = [];
    let error: ExerciseResult['error'];
    let cluster: Cluster | undefined;
    try {
      cluster = opts.cluster();
    } catch (err) {
      if (!(err instanceof ClusterUnavailableError)) throw err;
      error = { kind: 'cluster', message: err.reason, hint: err.hint };
    }
    if (!error && script === 'hang') {
      await new Promise((resolve) => opts.signal.addEventListener('abort', resolve, { once: true }));
      cleanedUp.push(opts.id);
      error = { kind: 'interrupted' };
    }
    if (!error && script === 'late-interrupt') {
      await new Promise((resolve) => opts.signal.addEventListener('abort', resolve, { once: true }));
      cleanedUp.push(opts.id);
    }
    for (const [i, c] of all.entries()) {
      let r: CheckResult;
      if (error) r = result(c, 'skipped', { message: { en: 'Not run.', 'zh-cn': '未运行。' } });
      else if (script === 'fail' && i === 1) {
        r = result(c, 'failed', {
          message: { en: 'The pod is Pending.', 'zh-cn': 'Pod 处于 Pending 状态。' },
          hint: c.c.hint,
          at: { file: 'pod.yaml', line: 4, col: 3 },
          observed: 'phase=Pending reason=Unschedulable',
        });
      } else if (script === 'fail' && i === 2) r = result(c, 'skipped', { message: { en: 'Needs "Pod runs".', 'zh-cn': '依赖“Pod runs”。' } });
      else r = result(c, 'passed');
      checks.push(r);
      ev.checkEnd?.(r);
    }
    const ex: ExerciseResult = {
      id: opts.id,
      lesson: opts.lesson,
      title: opts.title,
      submissionDir: opts.submissionDir,
      maxScore: 100,
      score: checks.reduce((s, c) => s + c.score, 0),
      checks,
      ...(error ? { error } : {}),
      notes: [],
      startedAt: new Date(0).toISOString(),
      durationMs: 10,
    };
    void cluster;
    ev.exerciseEnd?.(ex);
    return ex;
  };
}

export interface Harness {
  root: string;
  deps: CliDeps;
  seen: RunOptions[];
  selects: SelectOptions[];
  cleanedUp: string[];
  exits: number[];
  deleted: number;
  /** Simulates Ctrl-C. */
  interrupt(): void;
  io(env?: Record<string, string | undefined>, isTTY?: boolean): CliIo & { out(): string; err(): string };
}

/** Builds a harness; `select` replaces the fake cluster selection (default: the model). */
export function harness(opts: { scripts?: Record<string, Script>; select?: (o: SelectOptions) => Promise<ClusterSelection>; root?: string } = {}): Harness {
  const root = opts.root ?? makeCourse();
  const seen: RunOptions[] = [];
  const selects: SelectOptions[] = [];
  const cleanedUp: string[] = [];
  const exits: number[] = [];
  let handlers: (() => void)[] = [];
  let ids = 0;
  const h: Harness = {
    root,
    seen,
    selects,
    cleanedUp,
    exits,
    deleted: 0,
    interrupt: () => handlers.forEach((f) => f()),
    io(env = {}, isTTY = false) {
      let out = '';
      let err = '';
      return {
        stdout: { write: (s: string) => ((out += s), true) },
        stderr: { write: (s: string) => ((err += s), true) },
        env: { LANG: 'C.UTF-8', ...env },
        cwd: root,
        isTTY,
        out: () => out,
        err: () => err,
      };
    },
    deps: {
      ...defaultDeps(root),
      loadGrader: async (lesson) => fakeGrader(lesson.folder),
      runExercise: fakeRunner(opts.scripts ?? {}, seen, cleanedUp),
      selectCluster: async (o) => {
        selects.push(o);
        if (opts.select) return opts.select(o);
        return {
          backend: 'model',
          factory: () => ({ info: { backend: 'model', description: { en: 'offline model', 'zh-cn': '离线模型' }, isModel: true } }) as unknown as Cluster,
        };
      },
      deleteCourseCluster: async () => {
        h.deleted += 1;
      },
      onInterrupt: (f) => {
        handlers.push(f);
        return () => (handlers = handlers.filter((x) => x !== f));
      },
      exitNow: (code) => void exits.push(code),
      runId: (id) => `${id}-run${++ids}`,
    },
  };
  return h;
}

/** Creates exercises/lesson-N with one file, so the CLI finds a submission folder. */
export function submit(root: string, id: string): string {
  const dir = join(root, 'exercises', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\n');
  return dir;
}
