/**
 * The starter files load, carry TODOs in both languages, and fail only static checks, each with a
 * message, a hint and a file:line; no check crashes and no cluster is started.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../src/grader/lessons.ts';
import { courseLessons, failedIds, gradeOnModel, ROOT, summary } from './harness.ts';

describe.each(courseLessons())('$id starter', (lesson) => {
  const dir = join(lesson.dir, 'starter');

  it('lists exactly its files in exercise.yaml and has TODOs in English and Chinese', () => {
    const files = readdirSync(dir).sort();
    expect([...loadExercise(ROOT, lesson).files].sort()).toEqual(files);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).toMatch(/TODO:/);
      expect(text, file).toMatch(/TODO：\S*[\u4e00-\u9fff]/u);
    }
  });

  it('fails static checks with helpful messages and never crashes', async () => {
    const result = await gradeOnModel(lesson, dir);
    expect(result.error, summary(result)).toBeUndefined();
    expect(failedIds(result).length, summary(result)).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(100);
    for (const c of result.checks.filter((x) => x.status === 'failed')) {
      expect(c.kind, summary(result)).toBe('static');
      expect(c.message?.en).toBeTruthy();
      expect(c.message?.['zh-cn']).toMatch(/[\u4e00-\u9fff]/u);
      expect(c.hint?.en).toBeTruthy();
      expect(c.at?.file, `${c.id} points at a file`).toContain('starter');
      expect(c.message?.en).not.toMatch(/crashed|unexpected error/);
    }
    for (const c of result.checks.filter((x) => x.kind === 'step')) expect(c.status).toBe('skipped');
  });
});
