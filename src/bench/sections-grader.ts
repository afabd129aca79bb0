/**
 * The grader's figures as report sections: time to first static error (cold processes), the
 * static phase per lesson (in-process) and the six scenarios on the model (in-process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fill, type Localized } from '../i18n/lang.ts';
import { makeStaticErrorSubmission, timeFirstError, type FirstErrorRun } from './first-error.ts';
import type { Metric, Section } from './report.ts';
import { scenarioPass, type ScenarioPass } from './scenarios.ts';
import { measureStaticPhase } from './static-phase.ts';
import { formatMs, median } from './stats.ts';
import { TARGETS } from './targets.ts';

const T = {
  firstTitle: { en: 'Time to first static error (cold process, lesson 1, unknown field)', 'zh-cn': '首个静态错误出现的时间（冷启动进程，第 1 课，未知字段）' },
  viaNpm: { en: 'npm run grade -- lesson-1 --dir … --cluster model', 'zh-cn': 'npm run grade -- lesson-1 --dir … --cluster model' },
  viaNode: { en: 'node --import tsx scripts/grade.ts lesson-1 …', 'zh-cn': 'node --import tsx scripts/grade.ts lesson-1 …' },
  firstDetail: {
    en: 'median of {n}; min {min}, max {max}; process exit at {exit} (median)',
    'zh-cn': '{n} 次的中位数；最短 {min}，最长 {max}；进程退出于 {exit}（中位数）',
  },
  staticTitle: { en: 'Static phase per lesson (load + validate + static checks of solution/, in-process)', 'zh-cn': '各课的静态阶段（solution/ 的读取、校验和静态检查，进程内）' },
  staticDetail: {
    en: 'median of {n}; first (cold) run {first}; static checks passed {passed}/{total}',
    'zh-cn': '{n} 次的中位数；首次（冷）运行 {first}；静态检查通过 {passed}/{total}',
  },
  scenarioTitle: { en: 'Scenarios on the model (each solution through the runner, in-process)', 'zh-cn': '离线模型上的场景（每课参考答案经由评分运行器，进程内）' },
  scenarioTotal: { en: 'every lesson, one pass', 'zh-cn': '全部课程，运行一遍' },
  scenarioDetail: {
    en: 'median of {n} passes; first pass {first}; per lesson: {lessons}',
    'zh-cn': '{n} 遍的中位数；第一遍 {first}；各课：{lessons}',
  },
  notAll100: { en: 'NOT every solution scored 100: {lessons}', 'zh-cn': '并非所有参考答案都得到 100 分：{lessons}' },
} satisfies Record<string, Localized>;

const both = (text: string): Localized => ({ en: text, 'zh-cn': text });

function firstErrorMetric(id: string, label: Localized, runs: FirstErrorRun[]): Metric {
  const seen = runs.map((r) => r.firstErrorMs).filter((v): v is number => v !== null);
  if (seen.length < runs.length) {
    const bad = runs.find((r) => r.firstErrorMs === null)!;
    return { id, label, value: null, unit: 'ms', target: TARGETS.firstError, error: `no file:line:col error line on stdout (exit ${bad.code})` };
  }
  return {
    id,
    label,
    value: median(seen),
    unit: 'ms',
    target: TARGETS.firstError,
    detail: fill(T.firstDetail, { n: seen.length, min: formatMs(Math.min(...seen)), max: formatMs(Math.max(...seen)), exit: formatMs(median(runs.map((r) => r.exitMs))) }),
  };
}

/** Cold-process time to the first error line, through npm and through node directly. */
export async function firstErrorSection(root: string, runs: number): Promise<Section> {
  const tmp = mkdtempSync(join(tmpdir(), 'bench-first-error-'));
  try {
    const dir = makeStaticErrorSubmission(root, join(tmp, 'submission'));
    const args = ['lesson-1', '--dir', dir, '--cluster', 'model', '--out', join(tmp, 'reports')];
    const npm: FirstErrorRun[] = [];
    const node: FirstErrorRun[] = [];
    for (let i = 0; i < runs; i++) {
      npm.push(await timeFirstError('npm', ['run', 'grade', '--', ...args], root));
      node.push(await timeFirstError(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', ...args], root));
    }
    return {
      id: 'first_error',
      title: T.firstTitle,
      metrics: [firstErrorMetric('first_error.npm', T.viaNpm, npm), firstErrorMetric('first_error.node', T.viaNode, node)],
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The static phase of every graded lesson. */
export async function staticSection(root: string, runs: number): Promise<Section> {
  const results = await measureStaticPhase(root, runs);
  return {
    id: 'static',
    title: T.staticTitle,
    metrics: results.map((r) => ({
      id: `static.${r.lesson}`,
      label: both(r.lesson),
      value: r.error ? null : r.medianMs,
      unit: 'ms' as const,
      target: TARGETS.staticPhase,
      ...(r.error ? { error: r.error } : { detail: fill(T.staticDetail, { n: r.runs, first: formatMs(r.firstMs), passed: r.passed, total: r.total }) }),
    })),
  };
}

/** All six scenarios on the model, `passes` times; the figure is the median pass. */
export async function scenarioSection(root: string, passes: number): Promise<Section> {
  const section: Section = { id: 'scenarios', title: T.scenarioTitle, metrics: [] };
  const all: ScenarioPass[] = [];
  try {
    for (let i = 0; i < passes; i++) all.push(await scenarioPass(root));
  } catch (err) {
    section.metrics.push({ id: 'scenarios.total', label: T.scenarioTotal, value: null, unit: 'ms', target: TARGETS.scenarios, error: err instanceof Error ? err.message : String(err) });
    return section;
  }
  const last = all.at(-1)!;
  const lessons = last.lessons.map((l) => `${l.lesson} ${formatMs(l.ms)} (${l.score}/${l.maxScore})`).join(', ');
  const short = last.lessons.filter((l) => l.score !== l.maxScore).map((l) => `${l.lesson} ${l.score}/${l.maxScore}`);
  const detail = fill(T.scenarioDetail, { n: all.length, first: formatMs(all[0]!.totalMs), lessons });
  const warn = short.length ? fill(T.notAll100, { lessons: short.join(', ') }) : undefined;
  section.metrics.push({
    id: 'scenarios.total',
    label: T.scenarioTotal,
    value: median(all.map((p) => p.totalMs)),
    unit: 'ms',
    target: TARGETS.scenarios,
    detail: warn ? { en: `${warn.en}; ${detail.en}`, 'zh-cn': `${warn['zh-cn']}；${detail['zh-cn']}` } : detail,
  });
  return section;
}
