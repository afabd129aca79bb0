import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COURSE_ROOT } from '../../src/cli/deps.ts';
import { metricStatus } from '../../src/bench/report.ts';
import { classSection, makeBenchClass } from '../../src/bench/sections-class.ts';
import { formatFigure, renderTable } from '../../src/bench/table.ts';

describe('bench: a class at once', () => {
  it('makes a class of lesson 1 answers, the solution and the known mistakes in turn', () => {
    const dir = makeBenchClass(COURSE_ROOT, join(mkdtempSync(join(tmpdir(), 'bench-class-')), 'class'), 12);
    expect(readdirSync(dir)).toEqual(Array.from({ length: 12 }, (_, i) => `student-${String(i + 1).padStart(2, '0')}`));
    expect(readdirSync(join(dir, 'student-01'))).toEqual(readdirSync(join(COURSE_ROOT, 'lessons/01-emptydir/solution')));
  });

  it('measures the model serial and parallel with their ratio; without the course cluster its rows are "not measured", not failures', async () => {
    const section = await classSection(COURSE_ROOT, 4, () => ({ available: false, reason: { en: 'no cluster in this test', 'zh-cn': '本测试没有集群' } }));
    const byId = Object.fromEntries(section.metrics.map((m) => [m.id, m]));
    expect(Object.keys(byId)).toEqual(['class.model.serial', 'class.model.parallel', 'class.model.ratio', 'class.kind.serial', 'class.kind.parallel', 'class.kind.ratio']);
    expect(byId['class.model.serial']!.value).toBeGreaterThan(0);
    expect(byId['class.model.parallel']!.value).toBeGreaterThan(0);
    expect(byId['class.model.ratio']!.unit).toBe('ratio');
    expect(byId['class.model.ratio']!.detail!.en).toContain('same verdict for all 4 students');
    for (const id of ['class.kind.serial', 'class.kind.parallel', 'class.kind.ratio']) {
      expect(byId[id]!.value).toBeNull();
      expect(metricStatus(byId[id]!)).toBe('none');
    }
    const report = { timestamp: 't', node: 'v24', machine: { platform: 'linux', arch: 'x64', release: '', cpus: 2, cpuModel: 'x', memoryGb: 1, loadAverage: 0 }, sections: [section], notes: [], durationMs: 1 };
    expect(renderTable(report, 'en')).toContain('not measured: no cluster in this test');
    expect(renderTable(report, 'zh-cn')).toContain('未测量：本测试没有集群');
    expect(renderTable(report, 'en')).toContain('0 not measured');
  });

  it('formats a ratio', () => {
    expect(formatFigure(3.14159, 'ratio')).toBe('3.14×');
  });
});
