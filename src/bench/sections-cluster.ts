/**
 * The real cluster's figures, read from what the last runs recorded (the bench never builds or
 * grades on a cluster itself, which would take minutes): cold and warm `npm run cluster:up` from
 * <cache>/up-{cold,warm}.json, and from the last `npm run test:cluster` its wall time
 * (reports/test-cluster/suite.json) and how many cases the model and the real cluster agree on
 * (reports/test-cluster/verdicts.jsonl). Also how long each lesson's walk-through took on the lab
 * cluster, summed from the seconds its committed capture records. A figure with no record yet (a
 * fresh clone) is "not measured", never a failure of the bench. (Each lesson's own time is
 * measured live, one at a time, by sections-solutions.ts: the suite runs cases concurrently, so its
 * per-case times say how loaded the cluster was, not how fast one grade is.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fill, type Localized } from '../i18n/lang.ts';
import { clusterPaths } from '../local-cluster/paths.ts';
import { listLessonFolders } from '../site/lessons.ts';
import { readCaptureFile } from '../walkthrough/capture-file.ts';
import { captureFilePath } from '../walkthrough/lesson-steps.ts';
import type { Metric, Section } from './report.ts';
import { TARGETS } from './targets.ts';

interface UpRecord {
  kind: 'cold' | 'warm';
  at: string;
  totalMs: number;
  built: string[];
}

/** What test/cluster/setup.ts writes when the suite ends. */
interface SuiteRecord {
  at: string;
  wallMs: number;
  cases: number;
  jobs: number;
  /** False for a run narrowed to some files or test names; absent in records of older runs. */
  whole?: boolean;
}

interface VerdictLine {
  case: string;
  kind: string;
  lesson: string;
  model: { score: number; failed: string[] };
  real: { score: number; failed: string[]; error?: string };
  ms: number;
}

const T = {
  title: { en: 'Real cluster (from the last cluster:up and test:cluster runs)', 'zh-cn': '真实集群（取自最近一次 cluster:up 与 test:cluster）' },
  upCold: { en: 'npm run cluster:up, cold (something built)', 'zh-cn': 'npm run cluster:up，冷启动（有构建）' },
  upWarm: { en: 'npm run cluster:up, warm (everything cached)', 'zh-cn': 'npm run cluster:up，热启动（全部来自缓存）' },
  upDetail: { en: 'recorded {at}; built: {built}', 'zh-cn': '记录于 {at}；构建了：{built}' },
  suite: { en: 'npm run test:cluster, wall time (every case on the real cluster and the model)', 'zh-cn': 'npm run test:cluster 的总用时（每个用例都在真实集群和离线模型上评分）' },
  suiteDetail: { en: '{n} cases, {jobs} at a time, recorded {at}', 'zh-cn': '{n} 个用例，同时运行 {jobs} 个，记录于 {at}' },
  suitePartial: {
    en: 'not measured: the last test:cluster run was narrowed to some files or tests ({n} cases, recorded {at}); run npm run test:cluster',
    'zh-cn': '未测量：最近一次 test:cluster 只运行了部分文件或用例（{n} 个用例，记录于 {at}）；请运行 npm run test:cluster',
  },
  agree: { en: 'cases where the model and the real cluster give the same verdict', 'zh-cn': '离线模型与真实集群结论一致的用例' },
  agreeDetail: { en: '{agree} of {total} agree (same failed checks); disagreeing: {list}', 'zh-cn': '{total} 个中有 {agree} 个一致（失败的检查相同）；不一致的：{list}' },
  none: { en: 'not recorded yet: run {command}', 'zh-cn': '尚无记录：请运行 {command}' },
  walkthrough: { en: "run {lesson}'s walk-through on the lab cluster (its commands' time)", 'zh-cn': '在实验集群上运行 {lesson} 的演练（各命令用时之和）' },
  walkthroughDetail: { en: '{commands} commands in {steps} steps, captured {at}', 'zh-cn': '{steps} 个步骤共 {commands} 条命令，捕获于 {at}' },
  walkthroughNot: { en: 'not captured: {reason}', 'zh-cn': '未捕获：{reason}' },
} satisfies Record<string, Localized>;

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The verdict lines of the last test:cluster run (empty when none). */
export function readVerdicts(root: string): VerdictLine[] {
  const file = join(root, 'reports', 'test-cluster', 'verdicts.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as VerdictLine);
}

/** Same verdict: the same failed checks on both. */
export function agrees(v: VerdictLine): boolean {
  return JSON.stringify([...v.model.failed].sort()) === JSON.stringify([...v.real.failed].sort()) && !v.real.error;
}

const missing = (id: string, label: Localized, command: string): Metric => ({ id, label, value: null, unit: 'ms', optional: true, error: fill(T.none, { command }).en, detail: fill(T.none, { command }) });

export function clusterSection(root: string, env: Record<string, string | undefined> = process.env): Section {
  const paths = clusterPaths(env);
  const metrics: Metric[] = [];
  for (const kind of ['cold', 'warm'] as const) {
    const label = kind === 'cold' ? T.upCold : T.upWarm;
    const rec = readJson<UpRecord>(join(paths.root, `up-${kind}.json`));
    metrics.push(
      rec
        ? { id: `cluster.up.${kind}`, label, value: rec.totalMs, unit: 'ms', detail: fill(T.upDetail, { at: rec.at, built: rec.built.join(', ') || '-' }) }
        : missing(`cluster.up.${kind}`, label, 'npm run cluster:up'),
    );
  }
  metrics.push(...walkthroughMetrics(root));
  const suite = readJson<SuiteRecord>(join(root, 'reports', 'test-cluster', 'suite.json'));
  if (!suite) metrics.push(missing('cluster.suite', T.suite, 'npm run test:cluster'));
  else if (suite.whole === false) {
    const detail = fill(T.suitePartial, { n: suite.cases, at: suite.at });
    metrics.push({ id: 'cluster.suite', label: T.suite, value: null, unit: 'ms', optional: true, error: detail.en, detail });
  } else {
    metrics.push({ id: 'cluster.suite', label: T.suite, value: suite.wallMs, unit: 'ms', target: TARGETS.clusterSuite, detail: fill(T.suiteDetail, { n: suite.cases, jobs: suite.jobs, at: suite.at }) });
  }
  const verdicts = readVerdicts(root);
  if (verdicts.length === 0) {
    metrics.push({ ...missing('cluster.agree', T.agree, 'npm run test:cluster'), unit: 'count' });
    return { id: 'cluster', title: T.title, metrics };
  }
  const disagree = verdicts.filter((v) => !agrees(v));
  metrics.push({
    id: 'cluster.agree',
    label: T.agree,
    value: verdicts.length - disagree.length,
    unit: 'count',
    detail: fill(T.agreeDetail, { agree: verdicts.length - disagree.length, total: verdicts.length, list: disagree.map((v) => `${v.lesson}/${v.case}`).join(', ') || '-' }),
  });
  return { id: 'cluster', title: T.title, metrics };
}

/** One figure per lesson with a capture: the summed time of its captured commands. */
export function walkthroughMetrics(root: string): Metric[] {
  const metrics: Metric[] = [];
  for (const { folder } of listLessonFolders(root)) {
    const file = captureFilePath(folder);
    if (!existsSync(join(root, file))) continue;
    const capture = readCaptureFile(join(root, file), file);
    const label = fill(T.walkthrough, { lesson: folder });
    const captured = capture.steps.flatMap((s) => (s.status === 'captured' ? s.commands : []));
    const skipped = capture.steps.find((s) => s.status === 'not-captured');
    if (captured.length === 0 && skipped?.status === 'not-captured') {
      metrics.push({ id: `cluster.walkthrough.${folder}`, label, value: null, unit: 'ms', optional: true, error: fill(T.walkthroughNot, { reason: skipped.reason.en }).en, detail: { en: fill(T.walkthroughNot, { reason: skipped.reason.en }).en, 'zh-cn': fill(T.walkthroughNot, { reason: skipped.reason['zh-cn'] })['zh-cn'] } });
      continue;
    }
    const ms = Math.round(captured.reduce((sum, c) => sum + c.seconds, 0) * 1000);
    metrics.push({ id: `cluster.walkthrough.${folder}`, label, value: ms, unit: 'ms', detail: fill(T.walkthroughDetail, { commands: captured.length, steps: capture.steps.length, at: capture.capturedAt.slice(0, 10) }) });
  }
  return metrics;
}
