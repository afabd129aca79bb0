import { describe, expect, it } from 'vitest';
import { metricStatus } from '../../src/bench/report.ts';
import { solutionMetric, solutionsSection } from '../../src/bench/sections-solutions.ts';
import type { ResultsJson } from '../../src/grader/report/json.ts';
import { ROOT } from '../graders/harness.ts';

const results = (over: Partial<ResultsJson> & { timings?: ({ kubectl: number; waiting: number; sleeping: number } | null)[] }): ResultsJson =>
  ({
    score: 100,
    exercises: [{ error: null, message: null }],
    tests: (over.timings ?? []).map((timing) => ({ timing })),
    ...over,
  }) as unknown as ResultsJson;

describe('bench: each solution on the course cluster', () => {
  it('gives the wall time against the 20 s target, with the steps split into kubectl, waiting and sleeping', () => {
    const m = solutionMetric('lesson-6', { ms: 34_650, code: 0, results: results({ timings: [null, { kubectl: 400, waiting: 10_800, sleeping: 3_000 }, { kubectl: 1_100, waiting: 1_400, sleeping: 2_000 }] }) });
    expect(m.value).toBe(34_650);
    expect(m.target!.max).toBe(20_000);
    expect(metricStatus(m)).toBe('over');
    expect(m.detail!.en).toBe('steps: kubectl 1.50 s, waiting for the cluster 12.20 s, fixed sleeps 5.00 s; the rest (15.95 s) is start-up, setup, cleanup and the grader itself');
    expect(m.detail!['zh-cn']).toContain('等待集群 12.20 s');
  });

  it('refuses a figure for a solution that did not score 100, and says "not measured" when the cluster cannot run the lesson', () => {
    const wrong = solutionMetric('lesson-2', { ms: 9_000, code: 1, results: results({ score: 65 }) });
    expect(wrong.value).toBeNull();
    expect(metricStatus(wrong)).toBe('failed');
    const nfs = (message: string) => results({ score: 35, exercises: [{ error: { kind: 'cluster' }, message }] as unknown as ResultsJson['exercises'] });
    const skipped = solutionMetric('lesson-3', { ms: 2_000, code: 3, results: nfs('no NFS client\nHint: grade it elsewhere') }, nfs('没有 NFS 客户端\n提示：换一台机器'));
    expect(metricStatus(skipped)).toBe('none');
    expect(skipped.detail).toEqual({ en: 'not measured: no NFS client', 'zh-cn': '未测量：没有 NFS 客户端' });
  });

  it('without a course cluster, every lesson is not measured, which is no failure', async () => {
    const s = await solutionsSection(ROOT, () => ({ available: false, reason: { en: 'no course cluster here', 'zh-cn': '这里没有课程集群' } }));
    expect(s.metrics.map((m) => m.id)).toEqual(['lesson-1', 'lesson-2', 'lesson-3', 'lesson-4', 'lesson-5', 'lesson-6', 'lesson-7'].map((l) => `cluster.solution.${l}`));
    expect(s.metrics.every((m) => metricStatus(m) === 'none')).toBe(true);
  });
});
