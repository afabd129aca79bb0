import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExercise } from '../../../src/grader/run/index.ts';
import podData from '../../fixtures/graders/pod-data.ts';
import { FakeCluster } from './fake-cluster.ts';

const DIR = resolve(import.meta.dirname, '../../fixtures/runner/cache-pod');

// Wiring check: without an injected loader and finder, the runner uses submission/load.ts and safety.ts.
describe('runExercise with the real submission loader', () => {
  it('reads a folder from disk and grades it', async () => {
    const fake = new FakeCluster();
    const result = await runExercise({
      id: 'lesson-1',
      lesson: podData.lesson,
      title: { en: 'Demo', 'zh-cn': '演示' },
      grader: podData,
      submissionDir: DIR,
      cluster: () => fake,
      signal: new AbortController().signal,
    });
    expect(result.error).toBeUndefined();
    expect(result.score).toBe(100);
    expect(fake.calls).toContain('apply Pod/cache-pod');
  });

  it('turns a missing folder into a submission error', async () => {
    let made = false;
    const result = await runExercise({
      id: 'lesson-1',
      lesson: podData.lesson,
      title: { en: 'Demo', 'zh-cn': '演示' },
      grader: podData,
      submissionDir: resolve(DIR, 'does-not-exist'),
      cluster: () => ((made = true), new FakeCluster()),
      signal: new AbortController().signal,
    });
    expect(result.error?.kind).toBe('submission');
    expect(made).toBe(false);
    expect(result.checks.every((c) => c.status === 'skipped')).toBe(true);
  });
});
