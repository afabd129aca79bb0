/**
 * Choices EXERCISES.md leaves to the student (images, commands, extra labels and annotations,
 * comments, file split and order, key order, a metadata.namespace field) do not change the verdict:
 * every variant of every reference answer still scores 100.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { courseLessons, gradeOnModel, summary } from './harness.ts';
import { readObjects, VARIANTS, writeVariant } from './variants.ts';

const work = mkdtempSync(join(tmpdir(), 'grader-variants-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(courseLessons())('$id solution variants', (lesson) => {
  const objects = readObjects(join(lesson.dir, 'solution'));

  it.each(VARIANTS.map((v, i) => [v.name, v, i] as const))('%s scores 100', async (_name, variant, i) => {
    const dir = join(work, `${lesson.folder}-${i}`);
    writeVariant(variant, objects, dir);
    const result = await gradeOnModel(lesson, dir);
    expect(result.error, summary(result)).toBeUndefined();
    expect(result.score, summary(result)).toBe(100);
    if (variant.name === 'metadata.namespace set') {
      expect(result.notes.some((n) => n.en.includes('metadata.namespace "homework"')), JSON.stringify(result.notes)).toBe(true);
    }
  });
});
