import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseMessage } from '../../../src/grader/report/entries.ts';
import { runExercise } from '../../../src/grader/run/index.ts';
import podData from '../../fixtures/graders/pod-data.ts';
import { FakeCluster } from './fake-cluster.ts';

const DIR = resolve(import.meta.dirname, '../../fixtures/runner/cache-pod');
// Positions are relative to the working directory, the repository root under vitest.
const SUBMISSIONS = 'test/fixtures/submissions';

function grade(submissionDir: string) {
  return runExercise({
    id: 'lesson-1',
    lesson: podData.lesson,
    title: { en: 'Demo', 'zh-cn': '演示' },
    grader: podData,
    submissionDir,
    cluster: () => new FakeCluster(),
    signal: new AbortController().signal,
  });
}

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

  it('introduces an unknown field as a submission that was read but is not valid, in both languages', async () => {
    const result = await grade(resolve(SUBMISSIONS, 'schema-unknown-field'));
    expect(result.error).toMatchObject({ kind: 'submission', problems: expect.arrayContaining([expect.objectContaining({ code: 'schema.unknownField' })]) });
    const en = exerciseMessage(result, 'en', process.cwd())!.split('\n');
    const zh = exerciseMessage(result, 'zh-cn', process.cwd())!.split('\n');
    expect(en[0]).toBe('The submission in test/fixtures/submissions/schema-unknown-field was read, but it is not valid:');
    expect(zh[0]).toBe('test/fixtures/submissions/schema-unknown-field 中提交的文件已读取，但内容无效：');
    expect(en.join('\n')).not.toContain('could not be read');
    expect(zh.join('\n')).not.toContain('无法读取');
    expect(en[1]).toMatch(/^- test\/fixtures\/submissions\/schema-unknown-field\/pod\.yaml:9:5: unknown field "volumeMount" .*\(schema\.unknownField\)$/);
    expect(result.checks.every((c) => c.status === 'skipped' && c.message?.en.startsWith('not checked: the submission is not valid'))).toBe(true);
    expect(result.checks[0]!.message!['zh-cn']).toBe('未检查：提交的文件内容无效（具体问题列在得分旁）');
  });

  it('still introduces a YAML syntax error as a submission that could not be read, in both languages', async () => {
    const result = await grade(resolve(SUBMISSIONS, 'yaml-indent'));
    expect(result.error).toMatchObject({ kind: 'submission', problems: [expect.objectContaining({ code: expect.stringMatching(/^yaml\./) })] });
    expect(exerciseMessage(result, 'en', process.cwd())!.split('\n')[0]).toBe('The submission in test/fixtures/submissions/yaml-indent could not be read:');
    expect(exerciseMessage(result, 'zh-cn', process.cwd())!.split('\n')[0]).toBe('无法读取 test/fixtures/submissions/yaml-indent 中提交的文件：');
    expect(exerciseMessage(result, 'en', process.cwd())!.split('\n')[1]).toMatch(/^- test\/fixtures\/submissions\/yaml-indent\/pod\.yaml:5:1: .*\(yaml\.indent\)$/);
    expect(result.checks.every((c) => c.message?.en.startsWith('not checked: the submission could not be read'))).toBe(true);
  });
});
