import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IntegrityReport } from '../../src/classroom/integrity.ts';
import { collectResults, courseLabel, integrityResult, lessonResult, MESSAGE_LIMIT, outputLines, readIntegrity, totals } from '../../src/classroom/result.ts';
import { resultSummary } from '../../src/classroom/summary.ts';
import { tempDir } from './helpers.ts';

function resultsJson(score: number[], statuses: ('pass' | 'fail' | 'error')[], backend = 'kind') {
  return {
    version: 3,
    status: statuses.every((s) => s === 'pass') ? 'pass' : 'fail',
    message: null,
    max_score: 100,
    score: score.reduce((a, b) => a + b, 0),
    cluster: { backend, description: backend, is_model: backend === 'model' },
    tests: score.map((s, i) => ({ name: `check ${i}`, status: statuses[i], message: statuses[i] === 'pass' ? null : 'x'.repeat(5000), output: null, test_code: `lesson-1/c${i}`, task_id: 1, score: s, max_score: 50, filename: i ? null : 'exercises/lesson-1/pod.yaml', line_no: i ? null : 7, duration: 12.4 })),
  };
}

function reports(entries: Record<string, unknown>): string {
  const dir = tempDir('reports-');
  for (const [lesson, json] of Object.entries(entries)) {
    mkdirSync(join(dir, lesson));
    writeFileSync(join(dir, lesson, 'results.json'), typeof json === 'string' ? json : JSON.stringify(json));
  }
  return dir;
}

const report = (over: Partial<IntegrityReport> = {}): IntegrityReport => ({
  schemaVersion: 1,
  ok: true,
  course: { repository: 'school/course', ref: 'v1.0.0', commit: 'a'.repeat(40) },
  lessons: ['lesson-1'],
  files: [{ path: 'package.json', status: 'ok', expected: 'e', actual: 'e' }],
  ...over,
});

describe('Classroom results from results.json', () => {
  it('keeps every test with its own score, so partial credit reaches Classroom', () => {
    const dir = reports({ 'lesson-1': resultsJson([50, 0], ['pass', 'fail']) });
    const r = lessonResult(dir, 'lesson-1', 'en');
    expect(r.runner).toBe('lesson1');
    expect(r.backend).toBe('kind');
    expect(r.result).toMatchObject({ version: 1, status: 'fail', max_score: 100 });
    expect(r.result.tests.map((t) => t.score)).toEqual([50, 0]);
    expect(r.result.tests[0]).toMatchObject({ filename: 'exercises/lesson-1/pod.yaml', line_no: 7, duration: 12, message: '', test_code: 'lesson-1/c0' });
    expect(r.result.tests[1]!.message.length).toBe(MESSAGE_LIMIT);
    expect(r.result.tests[1]).toMatchObject({ filename: '', line_no: 0 });
  });

  it('gives a lesson whose step wrote nothing (or garbage) 0 of 100 with an error, in the chosen language', () => {
    const dir = reports({ 'lesson-2': '{ not json' });
    for (const id of ['lesson-2', 'lesson-3']) {
      const r = lessonResult(dir, id, 'zh-cn');
      expect(r.result).toMatchObject({ status: 'error', max_score: 100 });
      expect(r.result.tests).toHaveLength(1);
      expect(r.result.tests[0]).toMatchObject({ status: 'error', score: 0 });
      expect(r.result.tests[0]!.name).toMatch(/没有评分/);
      expect(r.result.tests[0]!.message).toContain(`Grade ${id}`);
    }
  });
});

describe('the integrity runner', () => {
  it('is worth no points and passes when the files match', () => {
    const r = integrityResult(report(), 'i.json', [], 'en');
    expect(r.result).toMatchObject({ max_score: 0, status: 'pass' });
    expect(r.result.tests[0]!.message).toContain('school/course@v1.0.0 (aaaaaaaaaaaa)');
  });

  it('fails naming the changed, missing and extra files', () => {
    const bad = report({ ok: false, files: [{ path: 'package.json', status: 'changed' }, { path: '.classroom/grade.ts', status: 'missing' }, { path: '.github/workflows/x.yml', status: 'unexpected' }] });
    const r = integrityResult(bad, 'i.json', [], 'en');
    expect(r.result.status).toBe('fail');
    expect(r.result.tests[0]!.message).toContain('package.json (changed), .classroom/grade.ts (missing), .github/workflows/x.yml (unexpected)');
    expect(integrityResult(report({ ok: false, error: 'assignment.json: the file is missing', files: [] }), 'i.json', [], 'en').result.status).toBe('fail');
  });

  it('is an error when the check never ran', () => {
    const r = integrityResult(undefined, '/tmp/none.json', [], 'en');
    expect(r.result).toMatchObject({ status: 'error', max_score: 0 });
    expect(r.result.tests[0]!.message).toContain('/tmp/none.json');
  });

  it('fails when a lesson was graded on another back end than the workflow asks for', () => {
    const dir = reports({ 'lesson-1': resultsJson([50, 50], ['pass', 'pass'], 'model') });
    const lessons = [lessonResult(dir, 'lesson-1', 'en')];
    const r = integrityResult(report(), 'i.json', lessons, 'en', 'kind');
    expect(r.result.status).toBe('fail');
    expect(r.result.tests[1]).toMatchObject({ status: 'fail', test_code: 'integrity/backend' });
    expect(r.result.tests[1]!.message).toContain('lesson-1 (model)');
    expect(integrityResult(report(), 'i.json', lessons, 'en', 'model').result.status).toBe('pass');
  });

  it('reads integrity.json and ignores a file that is not one', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.json'), JSON.stringify(report()));
    writeFileSync(join(dir, 'bad.json'), '{"hello": 1}');
    expect(readIntegrity(join(dir, 'good.json'))?.ok).toBe(true);
    expect(readIntegrity(join(dir, 'bad.json'))).toBeUndefined();
    expect(readIntegrity(join(dir, 'none.json'))).toBeUndefined();
    expect(courseLabel(undefined)).toBe('?');
  });
});

describe('what the reporter receives', () => {
  it('writes one base64 output per runner that decodes to the Classroom JSON', () => {
    const dir = reports({ 'lesson-1': resultsJson([50, 50], ['pass', 'pass']), 'lesson-2': resultsJson([20, 0], ['pass', 'fail']) });
    const integrityFile = join(dir, 'integrity.json');
    writeFileSync(integrityFile, JSON.stringify(report()));
    const results = collectResults({ lessons: ['lesson-1', 'lesson-2'], reportsDir: dir, integrityFile, lang: 'en', backend: 'kind' });
    const lines = outputLines(results).trimEnd().split('\n');
    expect(lines.map((l) => l.split('=')[0])).toEqual(['lesson1', 'lesson2', 'integrity']);
    const decoded = lines.map((l) => JSON.parse(Buffer.from(l.slice(l.indexOf('=') + 1), 'base64').toString('utf8')));
    expect(decoded.map((d) => d.max_score)).toEqual([100, 100, 0]);
    expect(decoded[1].tests.map((t: { score: number }) => t.score)).toEqual([20, 0]);
    for (const line of lines) expect(line).toMatch(/^[a-z0-9]+=[A-Za-z0-9+/=]+$/);
  });

  it('totals like the reporter: sum of test scores over runners with a max_score', () => {
    const dir = reports({ 'lesson-1': resultsJson([50, 50], ['pass', 'pass']), 'lesson-2': resultsJson([20, 0], ['pass', 'fail']) });
    const results = collectResults({ lessons: ['lesson-1', 'lesson-2', 'lesson-3'], reportsDir: dir, integrityFile: join(dir, 'none.json'), lang: 'en' });
    expect(totals(results)).toEqual({ score: 120, max: 300 });
    const md = resultSummary(results, 'en');
    expect(md).toContain('| ✅ lesson-1 | 100 / 100 |');
    expect(md).toContain('| ❌ lesson-2 | 20 / 100 |');
    expect(md).toContain('| ⚠️ lesson-3 | 0 / 100 |');
    expect(md).toContain('**120 / 300**');
    expect(resultSummary(results, 'zh-cn')).toContain('## Classroom 结果');
  });
});
