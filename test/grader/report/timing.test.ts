import { describe, expect, it } from 'vitest';
import { graderShare, timingLine, withTimingLines } from '../../../src/grader/report/timing.ts';
import { check } from './sample-run.ts';

const step = check({ id: 'scale-down', status: 'passed', durationMs: 6_300, timing: { kubectlMs: 2_100, waitingMs: 3_500, sleepingMs: 500 } });

describe('step timing lines', () => {
  it('accounts for every second of a step, in both languages', () => {
    expect(timingLine(step, 'en')).toBe('time of scale-down: 6.3 s = kubectl 2.1 s + waiting for the cluster 3.5 s + fixed sleeps 500 ms + grader 200 ms');
    expect(timingLine(step, 'zh-cn')).toBe('scale-down 用时：6.3 s = kubectl 2.1 s + 等待集群 3.5 s + 固定等待 500 ms + 评分程序自身 200 ms');
  });

  it('gives no line for a static check, and never a negative grader share', () => {
    expect(timingLine(check({ id: 'parse', kind: 'static', status: 'passed' }), 'en')).toBeUndefined();
    expect(graderShare(1_000, { kubectlMs: 800, waitingMs: 0, sleepingMs: 400 })).toBe(0);
  });

  it('prints the line after the inner events have shown the check', () => {
    const out: string[] = [];
    const events = withTimingLines({ checkEnd: (r) => void out.push(`end ${r.id}`) }, (l) => void out.push(l), 'en');
    events.checkEnd!(step);
    expect(out).toEqual(['end scale-down', timingLine(step, 'en')]);
  });
});
