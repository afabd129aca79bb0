/** Every lesson's reference answer scores 100 on the model, through the real loader and runner. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseLessons, gradeOnModel, summary } from './harness.ts';

describe('course lessons', () => {
  it('are the seven lessons, each with an exercise and a grader', () => {
    expect(courseLessons().map((l) => `${l.id} ${l.folder}`)).toEqual([
      'lesson-1 01-emptydir',
      'lesson-2 02-hostpath',
      'lesson-3 03-nfs',
      'lesson-4 04-pv-pvc',
      'lesson-5 05-storageclass',
      'lesson-6 06-statefulset',
      'lesson-7 07-snapshots-expansion',
    ]);
  });
});

describe.each(courseLessons())('$id solution', (lesson) => {
  it('scores 100 with every check passed', async () => {
    const result = await gradeOnModel(lesson, join(lesson.dir, 'solution'));
    expect(result.error, summary(result)).toBeUndefined();
    expect(result.checks.filter((c) => c.status !== 'passed').map((c) => c.id), summary(result)).toEqual([]);
    expect(result.score).toBe(100);
    expect(result.maxScore).toBe(100);
  });
});
