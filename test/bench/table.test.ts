import { describe, it, expect } from 'vitest';
import type { BenchReport, Metric } from '../../src/bench/report.ts';
import { allMetrics, metricStatus, toResultsJson } from '../../src/bench/report.ts';
import { displayWidth, formatFigure, padEnd, renderTable } from '../../src/bench/table.ts';

const target = (max: number) => ({ max, source: { en: 'issue 10', 'zh-cn': 'issue 10' } });

const METRICS: Metric[] = [
  { id: 'first_error.npm', label: { en: 'npm run grade', 'zh-cn': 'npm run grade（冷启动）' }, value: 1234.5, unit: 'ms', target: target(1500), detail: { en: 'median of 5', 'zh-cn': '5 次的中位数' } },
  { id: 'scenarios.total', label: { en: 'every lesson', 'zh-cn': '全部课程' }, value: 1800, unit: 'ms', target: target(1000) },
  { id: 'html.en.landing', label: { en: '/ HTML', 'zh-cn': '/ 的 HTML' }, value: 36_545, unit: 'bytes' },
  { id: 'site.build', label: { en: 'astro build', 'zh-cn': 'astro build（临时目录）' }, value: null, unit: 'ms', target: target(60_000), error: 'the site did not build' },
];

const REPORT: BenchReport = {
  timestamp: '2026-11-22T03:00:00.000Z',
  node: 'v20.20.2',
  machine: { platform: 'linux', arch: 'x64', release: '6.1', cpus: 2, cpuModel: 'AMD EPYC', memoryGb: 23.5, loadAverage: 0.5 },
  sections: [
    { id: 'grader', title: { en: 'Grader', 'zh-cn': '评分程序' }, metrics: METRICS.slice(0, 2) },
    { id: 'site', title: { en: 'Site', 'zh-cn': '站点' }, metrics: METRICS.slice(2) },
  ],
  notes: [{ en: 'JS is measured statically.', 'zh-cn': 'JS 是静态统计的。' }],
  durationMs: 65_000,
};

describe('bench table', () => {
  it('counts CJK and full-width characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('全部六课')).toBe(8);
    expect(displayWidth('（冷启动）')).toBe(10);
    expect(displayWidth('✓ −')).toBe(3);
    expect(padEnd('中文', 6)).toBe('中文  ');
  });

  it('formats figures in their unit', () => {
    expect(formatFigure(1234.5, 'ms')).toBe('1.23 s');
    expect(formatFigure(850, 'ms')).toBe('850 ms');
    expect(formatFigure(6.14, 'ms')).toBe('6.1 ms');
    expect(formatFigure(65_000, 'ms')).toBe('1 m 05 s');
    expect(formatFigure(36_545, 'bytes')).toBe('36.5 KB');
    expect(formatFigure(512, 'bytes')).toBe('512 B');
    expect(formatFigure(1_234_567, 'bytes')).toBe('1.23 MB');
    expect(formatFigure(null, 'ms')).toBe('—');
  });

  it('marks each figure against its target: under, over, no target, not measured', () => {
    expect(METRICS.map(metricStatus)).toEqual(['ok', 'over', 'none', 'failed']);
    expect(metricStatus({ ...METRICS[0]!, value: 1500 })).toBe('over');
    expect(metricStatus({ ...METRICS[0]!, value: Number.NaN })).toBe('failed');
  });

  for (const lang of ['en', 'zh-cn'] as const) {
    it(`${lang}: lines the columns up, with marks, notes and a summary`, () => {
      const text = renderTable(REPORT, lang);
      const lines = text.split('\n');
      const rows = METRICS.map((m) => lines.find((l) => l.startsWith(`  ${m.label[lang]} `))!);
      expect(rows.every(Boolean)).toBe(true);
      // The figure column starts at the same display column on the header and on every row.
      const header = lines.find((l) => l.startsWith(lang === 'en' ? 'metric' : '指标'))!;
      const figureCol = displayWidth(header.slice(0, header.indexOf(lang === 'en' ? 'figure' : '结果')));
      for (const [i, row] of rows.entries()) {
        const figure = formatFigure(METRICS[i]!.value, METRICS[i]!.unit);
        expect(displayWidth(row.slice(0, row.indexOf(figure, METRICS[i]!.label[lang].length + 2))), row).toBe(figureCol);
      }
      expect(rows.map((r) => r.trimEnd().at(-1))).toEqual(['✓', '✗', '−', '!']);
      expect(rows[0]).toContain('< 1.50 s');
      expect(rows[2]).toMatch(/36\.5 KB\s+—\s+−$/);
      expect(text).toContain(lang === 'en' ? 'not measured: the site did not build' : '未能测量：the site did not build');
      expect(text).toContain(lang === 'en' ? '      median of 5' : '      5 次的中位数');
      expect(text).toContain(`* ${REPORT.notes[0]![lang]}`);
      expect(text).toContain(lang === 'en' ? 'load average 0.5 at start' : '开始时负载 0.5');
      expect(text).toContain(lang === 'en' ? '1 of 2 figures with a target are under it; 1 over, 1 not measured. Took 1 m 05 s.' : '有目标的 2 项中 1 项达标，1 项超标，1 项未能测量。用时 1 m 05 s。');
      expect(text.endsWith('\n')).toBe(true);
    });
  }
});

describe('bench/results.json', () => {
  it('keeps every figure with its unit, target, status and both languages, and survives JSON', () => {
    const json = JSON.parse(JSON.stringify(toResultsJson(REPORT))) as {
      schema_version: number;
      timestamp: string;
      node: string;
      machine: { cpus: number; loadAverage: number };
      duration_ms: number;
      sections: { id: string; metrics: { id: string; value: number | null; unit: string; status: string; target: { max: number } | null; label: { en: string; 'zh-cn': string }; error: string | null }[] }[];
    };
    expect([json.schema_version, json.timestamp, json.node, json.machine.cpus, json.machine.loadAverage, json.duration_ms]).toEqual([1, REPORT.timestamp, 'v20.20.2', 2, 0.5, 65_000]);
    const metrics = json.sections.flatMap((s) => s.metrics);
    expect(metrics.map((m) => [m.id, m.value, m.unit, m.status, m.target?.max ?? null])).toEqual([
      ['first_error.npm', 1234.5, 'ms', 'ok', 1500],
      ['scenarios.total', 1800, 'ms', 'over', 1000],
      ['html.en.landing', 36_545, 'bytes', 'none', null],
      ['site.build', null, 'ms', 'failed', 60_000],
    ]);
    expect(metrics[0]!.label).toEqual(METRICS[0]!.label);
    expect(metrics[3]!.error).toBe('the site did not build');
    expect(allMetrics(REPORT)).toHaveLength(4);
  });
});
