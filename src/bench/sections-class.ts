/**
 * The class figure (issue 21): a class of `size` submissions of lesson 1 graded by the real
 * `grade --class` command, once one at a time (--jobs 1) and once N at a time (the default
 * --jobs of the back end), in the same bench run; the figure pair and their ratio. On the model
 * it always runs (in-process, virtual time, after an untimed warm-up pass). On the real
 * course cluster it runs only when `npm run cluster:up`'s cluster answers with three Ready nodes
 * (the probe of test/cluster/setup.ts); otherwise its rows say "not measured", which is not a
 * failure of the bench. Both runs must give every student the same verdict, or the figure is
 * refused: a fast wrong answer is not a speed-up.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultJobs } from '../cli/commands/grade-class.ts';
import { defaultDeps } from '../cli/deps.ts';
import type { CliIo } from '../cli/io.ts';
import { run } from '../cli/main.ts';
import { fill, type Localized } from '../i18n/lang.ts';
import { clusterPaths } from '../local-cluster/paths.ts';
import { readState } from '../local-cluster/state.ts';
import { notMeasured, type Metric, type Section } from './report.ts';
import { formatMs } from './stats.ts';

export type ClassBackend = 'model' | 'kind';
type Probe = { available: true } | { available: false; reason: Localized };

const T = {
  title: { en: 'A class of {size} submissions of lesson 1 (npm run grade -- lesson-1 --class …)', 'zh-cn': '全班 {size} 份第 1 课提交（npm run grade -- lesson-1 --class …）' },
  serial: { en: '{backend}: one at a time (--jobs 1)', 'zh-cn': '{backend}：逐个评分（--jobs 1）' },
  parallel: { en: '{backend}: {jobs} at a time (--jobs {jobs})', 'zh-cn': '{backend}：同时评 {jobs} 份（--jobs {jobs}）' },
  ratio: { en: '{backend}: one at a time ÷ {jobs} at a time', 'zh-cn': '{backend}：逐个评分用时 ÷ 同时评 {jobs} 份用时' },
  ratioDetail: {
    en: '{serial} vs {parallel}; same verdict for all {size} students; aim on a 3-node kind cluster: at least 3×',
    'zh-cn': '{serial} 对 {parallel}；{size} 位学生的结论全部一致；在 3 节点 kind 集群上的目标：至少 3 倍',
  },
  modelNote: {
    en: 'in-process model (virtual time, one thread): any gain can only come from overlapping asynchronous work (reading submissions, writing reports), not from more CPU',
    'zh-cn': '进程内的离线模型（虚拟时间，单线程）：任何加速都只能来自异步工作（读取提交、写入报告）的重叠，而不是更多的 CPU',
  },
  kind: { en: 'real course cluster', 'zh-cn': '真实课程集群' },
  model: { en: 'offline model', 'zh-cn': '离线模型' },
  noState: { en: 'no course cluster here (run `npm run cluster:up`)', 'zh-cn': '这里没有课程集群（请运行 `npm run cluster:up`）' },
  notReady: { en: 'the course cluster does not answer with 3 Ready nodes (run `npm run cluster:up`)', 'zh-cn': '课程集群没有 3 个就绪节点响应（请运行 `npm run cluster:up`）' },
} satisfies Record<string, Localized>;

/** Is the course cluster of `npm run cluster:up` there and answering with three Ready nodes? */
export function courseClusterProbe(env: Record<string, string | undefined> = process.env): Probe {
  const state = readState(clusterPaths(env).state);
  if (!state) return { available: false, reason: T.noState };
  try {
    const jsonpath = 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}';
    const out = execFileSync(`${state.bin}/kubectl`, ['--kubeconfig', state.kubeconfig, 'get', 'nodes', '-o', jsonpath, '--request-timeout=20s'], { encoding: 'utf8', timeout: 30_000 });
    if (out.split('\n').filter((l) => l === 'True').length === 3) return { available: true };
  } catch {
    // not answering: not measured
  }
  return { available: false, reason: T.notReady };
}

/** Fills <dir>/student-01… with lesson 1's solution and known mistakes in turn; returns the folder. */
export function makeBenchClass(root: string, dir: string, size: number): string {
  const lesson = join(root, 'lessons', '01-emptydir');
  const mistakes = join(lesson, 'mistakes');
  const sources = [join(lesson, 'solution'), ...readdirSync(mistakes).sort().map((m) => join(mistakes, m, 'submission')).filter(existsSync)];
  for (let i = 0; i < size; i++) cpSync(sources[i % sources.length]!, join(dir, `student-${String(i + 1).padStart(2, '0')}`), { recursive: true });
  return dir;
}

interface ClassTiming {
  ms: number;
  code: number;
  /** "student,score,status,failed" per row: what must not depend on --jobs. */
  verdicts: string[];
}

/** Runs the real class command once, silently; returns its wall time, exit code and verdicts. */
export async function timeClass(root: string, cwd: string, backend: ClassBackend, jobs: number, out: string): Promise<ClassTiming> {
  const sink = { write: () => true };
  const io: CliIo = { stdout: sink, stderr: sink, env: { ...process.env, CI: undefined }, cwd, isTTY: false };
  const started = performance.now();
  const code = await run(['lesson-1', '--class', 'class', '--cluster', backend, '--jobs', String(jobs), '--out', out, '--reporter', 'json,junit'], io, defaultDeps(root));
  const ms = performance.now() - started;
  const csv = join(cwd, out, 'class-summary.csv');
  const verdicts = existsSync(csv)
    ? readFileSync(csv, 'utf8')
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',').filter((_, i) => i !== 5).join(','))
    : [];
  return { ms, code, verdicts };
}


/** The three rows of one back end: serial, parallel, ratio. */
async function backendRows(root: string, backend: ClassBackend, size: number, probe: () => Probe): Promise<Metric[]> {
  const name = T[backend];
  // The model: its default --jobs (at least 2, so there is something to compare). The real
  // cluster: 4, the most the default picks there, whatever this machine's CPUs (the work is the
  // cluster's Pods starting, not the grader's CPU; the aim of 3x needs at least 3).
  const jobs = backend === 'kind' ? 4 : Math.max(2, defaultJobs(backend, availableParallelism()));
  const label = (m: Localized) => ({ en: fill(m, { backend: name.en, jobs }).en, 'zh-cn': fill(m, { backend: name['zh-cn'], jobs })['zh-cn'] });
  const ids = { serial: `class.${backend}.serial`, parallel: `class.${backend}.parallel`, ratio: `class.${backend}.ratio` };
  if (backend === 'kind') {
    const found = probe();
    if (!found.available) {
      return [
        notMeasured(ids.serial, label(T.serial), found.reason),
        notMeasured(ids.parallel, label(T.parallel), found.reason),
        notMeasured(ids.ratio, label(T.ratio), found.reason, 'ratio'),
      ];
    }
  }
  const tmp = mkdtempSync(join(tmpdir(), `bench-class-${backend}-`));
  try {
    makeBenchClass(root, join(tmp, 'class'), size);
    if (backend === 'model') {
      // Warm-up (not timed): the first class in this process imports the model, the graders and
      // the schema validators each mistake needs, and JIT-compiles them (measured: its first pass
      // takes 5x a warm one, which would flatter the parallel figure).
      await timeClass(root, tmp, backend, 1, 'out-warm-up');
    }
    const serial = await timeClass(root, tmp, backend, 1, 'out-serial');
    const parallel = await timeClass(root, tmp, backend, jobs, 'out-parallel');
    const failure =
      serial.code !== 0 || parallel.code !== 0
        ? `the class run exited ${serial.code} (serial) and ${parallel.code} (parallel), not 0`
        : serial.verdicts.length !== size || JSON.stringify(serial.verdicts) !== JSON.stringify(parallel.verdicts)
          ? 'the parallel run did not give every student the same verdict as the serial run'
          : undefined;
    if (failure) {
      return [ids.serial, ids.parallel, ids.ratio].map((id, i) => ({
        id,
        label: label([T.serial, T.parallel, T.ratio][i]!),
        value: null,
        unit: i === 2 ? ('ratio' as const) : ('ms' as const),
        error: failure,
      }));
    }
    const ratio = Math.round((serial.ms / parallel.ms) * 100) / 100;
    const detail = fill(T.ratioDetail, { serial: formatMs(serial.ms), parallel: formatMs(parallel.ms), size });
    const note = backend === 'model' ? { en: `${detail.en}; ${T.modelNote.en}`, 'zh-cn': `${detail['zh-cn']}；${T.modelNote['zh-cn']}` } : detail;
    return [
      { id: ids.serial, label: label(T.serial), value: Math.round(serial.ms), unit: 'ms' },
      { id: ids.parallel, label: label(T.parallel), value: Math.round(parallel.ms), unit: 'ms' },
      { id: ids.ratio, label: label(T.ratio), value: ratio, unit: 'ratio', detail: note },
    ];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The class section: the model always, the real course cluster when it is up. */
export async function classSection(root: string, size: number, probe: () => Probe = courseClusterProbe): Promise<Section> {
  const metrics = [...(await backendRows(root, 'model', size, probe)), ...(await backendRows(root, 'kind', size, probe))];
  return { id: 'class', title: fill(T.title, { size }), metrics };
}
