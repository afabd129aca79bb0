/**
 * Renders a BenchReport as the plain-text table `npm run bench` prints: one row per metric with
 * its figure, its target and a mark (✓ under target, ✗ over, − no target, ! not measured), the
 * measurement note under it, then the method notes. Columns line up in both languages (CJK
 * characters count as two columns, as terminals draw them).
 */
import { fill, type Lang, type Localized } from '../i18n/lang.ts';
import { metricStatus, type BenchReport, type Metric, type MetricStatus } from './report.ts';
import { formatBytes, formatMs } from './stats.ts';
import { displayWidth, padEnd } from '../i18n/display-width.ts';

export const TABLE_TEXT = {
  title: { en: 'k8s-storage-course bench', 'zh-cn': 'k8s-storage-course 基准测试' },
  ranOn: {
    en: '{timestamp} · Node {node} · {platform} {arch}, {cpus} × {cpuModel}, {memory} GB RAM, load average {load} at start',
    'zh-cn': '{timestamp} · Node {node} · {platform} {arch}，{cpus} × {cpuModel}，内存 {memory} GB，开始时负载 {load}',
  },
  metric: { en: 'metric', 'zh-cn': '指标' },
  figure: { en: 'figure', 'zh-cn': '结果' },
  target: { en: 'target', 'zh-cn': '目标' },
  notMeasured: { en: 'not measured: {error}', 'zh-cn': '未能测量：{error}' },
  summary: {
    en: '{ok} of {targeted} figures with a target are under it; {over} over, {failed} not measured. Took {duration}.',
    'zh-cn': '有目标的 {targeted} 项中 {ok} 项达标，{over} 项超标，{failed} 项未能测量。用时 {duration}。',
  },
  written: { en: 'Figures written to {file}', 'zh-cn': '结果已写入 {file}' },
} satisfies Record<string, Localized>;

const MARK: Record<MetricStatus, string> = { ok: '✓', over: '✗', none: '−', failed: '!' };

export { displayWidth, padEnd } from '../i18n/display-width.ts';

/** A figure in its unit ("1.23 s", "36.5 KB", "3.10×"), or "—" when not measured. */
export function formatFigure(value: number | null, unit: Metric['unit']): string {
  if (value === null) return '—';
  if (unit === 'count') return String(value);
  if (unit === 'ratio') return `${value.toFixed(2)}×`;
  return unit === 'ms' ? formatMs(value) : formatBytes(value);
}

function targetText(m: Metric): string {
  return m.target ? `< ${formatFigure(m.target.max, m.unit)}` : '—';
}

/** The whole table, ending with a newline. */
export function renderTable(report: BenchReport, lang: Lang): string {
  const { machine } = report;
  const head = [
    TABLE_TEXT.title[lang],
    fill(TABLE_TEXT.ranOn, {
      timestamp: report.timestamp,
      node: report.node,
      platform: machine.platform,
      arch: machine.arch,
      cpus: machine.cpus,
      cpuModel: machine.cpuModel,
      memory: machine.memoryGb,
      load: machine.loadAverage,
    })[lang],
    '',
  ];
  const rows = report.sections.flatMap((s) => s.metrics.map((m) => ({ m, label: `  ${m.label[lang]}`, figure: formatFigure(m.value, m.unit), target: targetText(m) })));
  const w1 = Math.max(displayWidth(TABLE_TEXT.metric[lang]), ...rows.map((r) => displayWidth(r.label)));
  const w2 = Math.max(displayWidth(TABLE_TEXT.figure[lang]), ...rows.map((r) => displayWidth(r.figure)));
  const w3 = Math.max(displayWidth(TABLE_TEXT.target[lang]), ...rows.map((r) => displayWidth(r.target)));
  const line = (a: string, b: string, c: string, d: string) => `${padEnd(a, w1)}  ${padEnd(b, w2)}  ${padEnd(c, w3)}  ${d}`.trimEnd();
  const out = [...head, line(TABLE_TEXT.metric[lang], TABLE_TEXT.figure[lang], TABLE_TEXT.target[lang], '')];
  out.push('-'.repeat(w1 + w2 + w3 + 7));
  for (const section of report.sections) {
    out.push(section.title[lang]);
    for (const m of section.metrics) {
      const r = rows.find((x) => x.m === m)!;
      out.push(line(r.label, r.figure, r.target, MARK[metricStatus(m)]));
      const note = m.value === null && !m.optional ? fill(TABLE_TEXT.notMeasured, { error: m.error ?? '?' })[lang] : m.detail?.[lang];
      if (note) out.push(`      ${note}`);
    }
  }
  out.push('');
  for (const note of report.notes) out.push(`* ${note[lang]}`);
  const statuses = report.sections.flatMap((s) => s.metrics.map(metricStatus));
  const count = (s: MetricStatus) => statuses.filter((x) => x === s).length;
  out.push(
    '',
    fill(TABLE_TEXT.summary, {
      ok: count('ok'),
      over: count('over'),
      failed: count('failed'),
      targeted: count('ok') + count('over'),
      duration: formatMs(report.durationMs),
    })[lang],
  );
  return out.join('\n') + '\n';
}
