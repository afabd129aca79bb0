import { describe, it, expect } from 'vitest';
import { renderResultsJson, toResultsJson } from '../../../src/grader/report/json.ts';
import { ResultsSchema } from './results-schema.ts';
import { CWD, clusterErrorExercise, nfsExercise, passedExercise, run, submissionErrorExercise } from './sample-run.ts';

describe('results.json', () => {
  it('validates against the Exercism v3 + Classroom field list', () => {
    for (const r of [run([nfsExercise()]), run([passedExercise(), nfsExercise(), clusterErrorExercise(), submissionErrorExercise()], false)]) {
      for (const lang of ['en', 'zh-cn'] as const) {
        const parsed = ResultsSchema.safeParse(JSON.parse(renderResultsJson(r, lang, CWD)));
        expect(parsed.error?.issues ?? []).toEqual([]);
      }
    }
  });

  it('gives a step the time it spent in kubectl, waiting and sleeping, and a static check none', () => {
    const tests = toResultsJson(run([nfsExercise()]), 'en', CWD).tests;
    expect(tests.find((x) => x.test_code === 'lesson-3/shared')!.timing).toEqual({ kubectl: 2_400, waiting: 27_500, sleeping: 1_000 });
    expect(tests.find((x) => x.test_code === 'lesson-3/parse')!.timing).toBeNull();
  });

  it('maps check statuses and scores, in grader order', () => {
    const r = toResultsJson(run([nfsExercise()]), 'en', CWD);
    expect(r.tests.map((t) => t.status)).toEqual(['pass', 'fail', 'pass', 'fail', 'error']);
    expect(r.tests.map((t) => t.score)).toEqual([10, 0, 25, 0, 0]);
    expect(r.score).toBe(35);
    expect(r.max_score).toBe(100);
    expect(r.status).toBe('fail');
    expect(r.message).toBeNull();
    expect(r.lesson).toBe('lesson-3');
    expect(r.tests.every((t) => t.task_id === 3)).toBe(true);
    expect(r.tests[1]!.test_code).toBe('lesson-3/anti-affinity');
  });

  it('puts message, hint and a cwd-relative file:line:col in a failed test', () => {
    const failed = toResultsJson(run([nfsExercise()]), 'en', CWD).tests[1]!;
    expect(failed.message).toContain('no required pod anti-affinity');
    expect(failed.message).toContain('Hint: Add spec.template');
    expect(failed.message).toContain('exercises/lesson-3/deployment.yaml:12:7');
    expect(failed.filename).toBe('exercises/lesson-3/deployment.yaml');
    expect(failed.line_no).toBe(12);
  });

  it('localizes names and messages', () => {
    const zh = toResultsJson(run([nfsExercise()]), 'zh-cn', CWD);
    expect(zh.lang).toBe('zh-cn');
    expect(zh.tests[1]!.name).toBe('副本必须分布在不同节点上');
    expect(zh.tests[1]!.message).toContain('提示：添加');
    expect(zh.warnings[0]).toContain('离线模型');
  });

  it('keeps output under 500 characters with observed text first', () => {
    const ex = nfsExercise();
    ex.checks[3]!.diagnostics.push({ title: 'logs', text: 'x'.repeat(5000) });
    const t = toResultsJson(run([ex]), 'en', CWD).tests[3]!;
    expect(t.output!.length).toBeLessThanOrEqual(500);
    expect(t.output!.startsWith("cat: can't open")).toBe(true);
    expect(t.output!.endsWith('…')).toBe(true);
  });

  it('--all: one file, task_id per exercise, one section each, names prefixed', () => {
    const r = toResultsJson(run([passedExercise(), nfsExercise(), clusterErrorExercise()], false), 'en', CWD);
    expect(r.lesson).toBe('all');
    expect(new Set(r.tests.map((t) => t.task_id))).toEqual(new Set([1, 3, 4]));
    expect(r.exercises.map((e) => [e.id, e.status, e.score])).toEqual([
      ['lesson-1', 'pass', 100],
      ['lesson-3', 'fail', 35],
      ['lesson-4', 'error', 0],
    ]);
    expect(r.tests[0]!.name).toMatch(/^lesson-1: /);
    expect(r.max_score).toBe(300);
    expect(r.score).toBe(135);
    expect(r.cluster).toEqual({ backend: 'kind', description: 'kind cluster k8s-storage-course (Kubernetes v1.35.0)', is_model: false });
    expect(r.warnings).toEqual([]);
  });

  it('cluster never came up: status error with the reason and hint as message', () => {
    const r = toResultsJson(run([clusterErrorExercise()], false), 'en', CWD);
    expect(r.status).toBe('error');
    expect(r.message).toContain('docker is not running');
    expect(r.message).toContain('Start Docker Desktop.');
    expect(r.exercises[0]!.error).toEqual({ kind: 'cluster' });
    expect(r.tests.every((t) => t.status === 'error' && t.message)).toBe(true);
  });

  it('description is in the report language; backend and is_model are what programs read', () => {
    expect(toResultsJson(run([nfsExercise()], false), 'zh-cn', CWD).cluster).toEqual({
      backend: 'kind',
      description: 'kind 集群 k8s-storage-course（Kubernetes v1.35.0）',
      is_model: false,
    });
    expect(toResultsJson(run([nfsExercise()]), 'zh-cn', CWD).cluster).toEqual({ backend: 'model', description: '离线模型', is_model: true });
  });

  it('submission error: problems with positions', () => {
    const r = toResultsJson(run([submissionErrorExercise()]), 'en', CWD);
    expect(r.status).toBe('error');
    expect(r.message).toContain('exercises/lesson-2/pod.yaml:7:3: bad indentation');
    expect(r.exercises[0]!.error!.problems![1]).toEqual({
      code: 'schema.unknownField',
      message: 'unknown field "volumeMount", did you mean "volumeMounts"?',
      filename: 'exercises/lesson-2/pod.yaml',
      line_no: 9,
      col: 5,
    });
  });

  it('all passed: status pass, no message', () => {
    const r = toResultsJson(run([passedExercise()], false), 'en', CWD);
    expect([r.status, r.message, r.score, r.max_score]).toEqual(['pass', null, 100, 100]);
  });
});
