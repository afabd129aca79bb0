/**
 * Every known mistake fails exactly the check it names plus its declared alsoFails (no other check
 * fails), and the failing check's message or hint carries the expected fragment in both languages.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGrader } from '../../src/grader/lessons.ts';
import { courseLessons, failedIds, gradeOnModel, ROOT, summary } from './harness.ts';
import { readMistakes } from './mistake-file.ts';

const lessons = courseLessons();

describe.each(lessons)('$id mistakes', (lesson) => {
  const mistakes = readMistakes(lesson.dir);

  it('has at least three, each naming checks the grader has', async () => {
    expect(mistakes.length).toBeGreaterThanOrEqual(3);
    const grader = await loadGrader(ROOT, lesson);
    const ids = [...grader.staticChecks, ...grader.steps].map((c) => c.id);
    for (const m of mistakes) {
      expect(ids, `${m.name}: fails`).toContain(m.fails);
      for (const id of m.alsoFails) expect(ids, `${m.name}: alsoFails`).toContain(id);
      expect(m.alsoFails, `${m.name}: fails is also in alsoFails`).not.toContain(m.fails);
    }
  });

  it.each(mistakes.map((m) => [m.name, m] as const))('%s fails as declared', async (_name, m) => {
    const result = await gradeOnModel(lesson, m.submissionDir);
    expect(result.error, summary(result)).toBeUndefined();
    expect(failedIds(result).sort(), summary(result)).toEqual([m.fails, ...m.alsoFails].sort());
    const check = result.checks.find((c) => c.id === m.fails)!;
    for (const lang of ['en', 'zh-cn'] as const) {
      const text = `${check.message?.[lang] ?? ''}\n${check.hint?.[lang] ?? ''}`;
      expect(text, `${m.name} (${lang})`).toContain(m.expect[lang]);
    }
    expect(result.score).toBeLessThan(100);
    if (check.kind === 'static') {
      expect(check.at, `${m.name}: a static finding points at the file`).toBeDefined();
      expect(check.at!.file).toContain(join('mistakes', m.name, 'submission'));
    }
  });
});
