import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricStatus } from '../../src/bench/report.ts';
import { agrees, clusterSection } from '../../src/bench/sections-cluster.ts';

function setup(verdicts: object[] | undefined, ups: Record<string, object>, suite?: object) {
  const root = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
  const cache = join(root, 'cache');
  mkdirSync(cache, { recursive: true });
  for (const [kind, rec] of Object.entries(ups)) writeFileSync(join(cache, `up-${kind}.json`), JSON.stringify(rec));
  if (verdicts) {
    mkdirSync(join(root, 'reports', 'test-cluster'), { recursive: true });
    writeFileSync(join(root, 'reports', 'test-cluster', 'verdicts.jsonl'), verdicts.map((v) => JSON.stringify(v)).join('\n') + '\n');
  }
  if (suite) writeFileSync(join(root, 'reports', 'test-cluster', 'suite.json'), JSON.stringify(suite));
  return { root, env: { K8S_STORAGE_COURSE_CLUSTER_CACHE: cache } };
}

const v = (lesson: string, kind: string, model: string[], real: string[], ms: number, error?: string) => ({ case: `${kind}-${lesson}`, kind, lesson, model: { score: 0, failed: model }, real: { score: 0, failed: real, ...(error ? { error } : {}) }, ms });

describe('bench: real cluster section', () => {
  it('reports cold and warm cluster:up, the suite\'s wall time against its 8-minute target, and how many cases agree', () => {
    const { root, env } = setup(
      [v('lesson-1', 'solution', [], [], 16_000), v('lesson-1', 'mistake', ['a'], ['a'], 5_000), v('lesson-2', 'mistake', ['b'], ['c'], 7_000), v('lesson-2', 'variant', [], [], 1_000, 'cluster lost')],
      { cold: { kind: 'cold', at: 't1', totalMs: 1_200_000, built: ['go:kubernetes'] }, warm: { kind: 'warm', at: 't2', totalMs: 40_000, built: [] } },
      { at: '2026-12-07T08:00:00.000Z', wallMs: 305_000, cases: 4, jobs: 3 },
    );
    const s = clusterSection(root, env);
    const by = Object.fromEntries(s.metrics.map((m) => [m.id, m]));
    expect(by['cluster.up.cold']!.value).toBe(1_200_000);
    expect(by['cluster.up.warm']!.value).toBe(40_000);
    expect(by['cluster.suite']!.value).toBe(305_000);
    expect(by['cluster.suite']!.target!.max).toBe(480_000);
    expect(by['cluster.suite']!.detail!.en).toBe('4 cases, 3 at a time, recorded 2026-12-07T08:00:00.000Z');
    expect(by['cluster.agree']!.value).toBe(2);
    expect(by['cluster.agree']!.detail!.en).toContain('2 of 4 agree');
    expect(by['cluster.agree']!.detail!.en).toContain('lesson-2/mistake-lesson-2');
    expect(by['cluster.agree']!.detail!['zh-cn']).toContain('4 个中有 2 个一致');
  });

  it('a run narrowed to some files or tests is not the suite\'s figure: not measured, with what to run', () => {
    const { root, env } = setup([v('lesson-6', 'solution', [], [], 16_000)], {}, { at: '2026-12-07T11:27:45.243Z', wallMs: 91_000, cases: 10, jobs: 3, whole: false });
    const suite = clusterSection(root, env).metrics.find((m) => m.id === 'cluster.suite')!;
    expect(suite.value).toBeNull();
    expect(metricStatus(suite)).toBe('none');
    expect(suite.detail!.en).toBe('not measured: the last test:cluster run was narrowed to some files or tests (10 cases, recorded 2026-12-07T11:27:45.243Z); run npm run test:cluster');
    expect(suite.detail!['zh-cn']).toContain('只运行了部分文件或用例');
  });

  it('says what to run when nothing was recorded, instead of a figure, and counts that as not measured', () => {
    const { root, env } = setup(undefined, {});
    const s = clusterSection(root, env);
    expect(s.metrics.map((m) => m.value)).toEqual([null, null, null, null]);
    expect(s.metrics.map((m) => metricStatus(m))).toEqual(['none', 'none', 'none', 'none']);
    expect(s.metrics[0]!.detail!.en).toContain('npm run cluster:up');
    expect(s.metrics[2]!.detail!['zh-cn']).toContain('npm run test:cluster');
  });

  it('a case agrees only with the same failed checks and no error on the real cluster', () => {
    expect(agrees(v('l', 'mistake', ['a', 'b'], ['b', 'a'], 0))).toBe(true);
    expect(agrees(v('l', 'mistake', ['a'], [], 0))).toBe(false);
    expect(agrees(v('l', 'solution', [], [], 0, 'x'))).toBe(false);
  });
});

describe('bench: walk-through figures', () => {
  it('sums the captured commands\' seconds per lesson, and says why a lesson has none', () => {
    const root = mkdtempSync(join(tmpdir(), 'bench-wt-'));
    const base = { capturedBy: 'npm run walkthroughs:capture', capturedAt: '2026-12-03T12:00:00.000Z', cluster: { kindConfig: 'lab/kind-course.yaml', kindVersion: 'v0.31.0', kubernetesVersion: 'v1.35.4', nodeImage: 'img' } };
    const write = (folder: string, steps: object[]) => {
      mkdirSync(join(root, 'lessons', folder, 'walkthrough'), { recursive: true });
      writeFileSync(join(root, 'lessons', folder, 'walkthrough', 'captured.json'), JSON.stringify({ lesson: folder, ...base, steps }));
    };
    write('01-a', [{ step: '01-x', status: 'captured', commands: [{ command: 'a', exitCode: 0, output: '', seconds: 1.5 }, { command: 'b', exitCode: 1, output: '', seconds: 2.25 }] }]);
    write('02-b', [{ step: '01-x', status: 'not-captured', commands: ['a'], reason: { en: 'no NFS client', 'zh-cn': '没有 NFS 客户端' } }]);
    const s = clusterSection(root, { K8S_STORAGE_COURSE_CLUSTER_CACHE: join(root, 'none') });
    const by = Object.fromEntries(s.metrics.map((m) => [m.id, m]));
    expect(by['cluster.walkthrough.01-a']!.value).toBe(3750);
    expect(by['cluster.walkthrough.01-a']!.detail!.en).toBe('2 commands in 1 steps, captured 2026-12-03');
    expect(by['cluster.walkthrough.02-b']!.value).toBeNull();
    expect(by['cluster.walkthrough.02-b']!.detail!['zh-cn']).toBe('未捕获：没有 NFS 客户端');
    expect(metricStatus(by['cluster.walkthrough.02-b']!)).toBe('none');
  });
});
