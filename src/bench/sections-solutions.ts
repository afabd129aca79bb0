/**
 * Each lesson's solution graded on the reused course cluster (issue 21: under 20 s each), one at a
 * time, through the real `npm run grade -- lesson-N --dir <solution> --cluster kind` command. The
 * figure is the command's wall time; its detail splits the steps' time into kubectl, waiting for
 * the cluster and fixed sleeps (results.json tests[].timing), the rest being the grader's own work,
 * setup and cleanup. Measured only when the course cluster answers (the class section's probe);
 * otherwise, and for a lesson this cluster cannot run (lesson 3 on a kernel without an NFS
 * client), the row says "not measured", which is not a failure. A solution that does not score
 * 100 gives no figure: a fast wrong verdict is not a speed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDeps } from '../cli/deps.ts';
import type { CliIo } from '../cli/io.ts';
import { run } from '../cli/main.ts';
import type { ResultsJson } from '../grader/report/json.ts';
import { fill, type Localized } from '../i18n/lang.ts';
import { listLessonFolders } from '../site/lessons.ts';
import { notMeasured, type Metric, type Section } from './report.ts';
import { courseClusterProbe } from './sections-class.ts';
import { formatMs } from './stats.ts';
import { TARGETS } from './targets.ts';

type Probe = ReturnType<typeof courseClusterProbe>;

const T = {
  title: { en: "Each lesson's solution on the reused course cluster, one at a time", 'zh-cn': '在复用的课程集群上逐个为各课参考答案评分' },
  grade: { en: 'npm run grade -- {lesson} (its solution), wall time', 'zh-cn': 'npm run grade -- {lesson}（参考答案）的总用时' },
  split: {
    en: 'steps: kubectl {kubectl}, waiting for the cluster {waiting}, fixed sleeps {sleeping}; the rest ({rest}) is start-up, setup, cleanup and the grader itself',
    'zh-cn': '各步骤：kubectl {kubectl}，等待集群 {waiting}，固定等待 {sleeping}；其余 {rest} 是启动、准备、清理和评分程序自身',
  },
  wrong: { en: 'the solution scored {score}/100 with exit code {code}, not 100', 'zh-cn': '参考答案得分 {score}/100，退出码 {code}，不是 100' },
} satisfies Record<string, Localized>;


/** Grades one solution through the CLI, silently; the wall time and the results.json it wrote. */
async function gradeSolution(root: string, lessonId: string, dir: string, lang: 'en' | 'zh-cn'): Promise<{ ms: number; code: number; results?: ResultsJson }> {
  const out = mkdtempSync(join(tmpdir(), `bench-${lessonId}-`));
  try {
    const sink = { write: () => true };
    const io: CliIo = { stdout: sink, stderr: sink, env: { ...process.env, CI: undefined }, cwd: root, isTTY: false };
    const started = performance.now();
    const code = await run([lessonId, '--dir', dir, '--cluster', 'kind', '--out', out, '--reporter', 'json', '--lang', lang], io, defaultDeps(root));
    const ms = performance.now() - started;
    const file = join(out, 'results.json');
    return { ms, code, results: existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ResultsJson) : undefined };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** One row from one graded solution (exported for tests). */
export function solutionMetric(lessonId: string, graded: { ms: number; code: number; results?: ResultsJson }, other?: ResultsJson): Metric {
  const id = `cluster.solution.${lessonId}`;
  const label = fill(T.grade, { lesson: lessonId });
  const r = graded.results;
  const exercise = r?.exercises[0];
  if (exercise?.error?.kind === 'cluster') {
    // The first line only: the rest of the message is the hint for a student, not for this table.
    const first = (text: string | null | undefined) => text?.split('\n')[0];
    return notMeasured(id, label, { en: first(exercise.message) ?? 'the cluster could not run it', 'zh-cn': first(other?.exercises[0]?.message) ?? first(exercise.message) ?? '集群无法运行它' });
  }
  if (!r || graded.code !== 0 || r.score !== 100) {
    return { id, label, value: null, unit: 'ms', error: fill(T.wrong, { score: r?.score ?? '?', code: graded.code }).en, target: TARGETS.lessonOnCluster };
  }
  const sum = { kubectl: 0, waiting: 0, sleeping: 0 };
  for (const test of r.tests) {
    if (!test.timing) continue;
    sum.kubectl += test.timing.kubectl;
    sum.waiting += test.timing.waiting;
    sum.sleeping += test.timing.sleeping;
  }
  const rest = Math.max(0, graded.ms - sum.kubectl - sum.waiting - sum.sleeping);
  return {
    id,
    label,
    value: Math.round(graded.ms),
    unit: 'ms',
    target: TARGETS.lessonOnCluster,
    detail: fill(T.split, { kubectl: formatMs(sum.kubectl), waiting: formatMs(sum.waiting), sleeping: formatMs(sum.sleeping), rest: formatMs(rest) }),
  };
}

/** The section: every graded lesson's solution, when the course cluster answers. */
export async function solutionsSection(root: string, probe: () => Probe = courseClusterProbe): Promise<Section> {
  const lessons = listLessonFolders(root).filter((l) => existsSync(join(root, 'lessons', l.folder, 'exercise.yaml')) && existsSync(join(root, 'lessons', l.folder, 'solution')));
  const found = probe();
  const metrics: Metric[] = [];
  for (const l of lessons) {
    const lessonId = `lesson-${l.number}`;
    if (!found.available) {
      metrics.push(notMeasured(`cluster.solution.${lessonId}`, fill(T.grade, { lesson: lessonId }), found.reason));
      continue;
    }
    const dir = join(root, 'lessons', l.folder, 'solution');
    const graded = await gradeSolution(root, lessonId, dir, 'en');
    // A lesson the cluster cannot run says why in both languages: ask once more in Chinese for the reason.
    const zh = graded.results?.exercises[0]?.error?.kind === 'cluster' ? (await gradeSolution(root, lessonId, dir, 'zh-cn')).results : undefined;
    metrics.push(solutionMetric(lessonId, graded, zh));
  }
  return { id: 'solutions', title: T.title, metrics };
}
