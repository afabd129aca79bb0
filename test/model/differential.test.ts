/**
 * The model held to the real cluster: for every trace recorded on the real kind cluster
 * (test/fixtures/real-traces, written by `npm run traces:record` on a machine with the cluster),
 * the same submission graded on the model, with the same tokens, gives the same trace: every
 * step's status and message, and the settled state the grader saw before each action (pod phases,
 * nodes, restart counts, claim and volume phases, which files exist and what they hold).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { courseLessons, gradeOnModel } from '../graders/harness.ts';
import { readObjects, VARIANTS, writeVariant } from '../graders/variants.ts';
import { tokens, TRACES_DIR } from '../cluster/harness.ts';
import { rawCase, reduce, traced, type RawCase, type RawEntry } from '../cluster/trace.ts';

interface Recorded {
  lesson: string;
  kind: 'solution' | 'mistake' | 'variant';
  case: string;
  raw: RawCase;
}

const recorded: Recorded[] = existsSync(TRACES_DIR)
  ? readdirSync(TRACES_DIR).flatMap((l) => readdirSync(join(TRACES_DIR, l)).map((f) => JSON.parse(readFileSync(join(TRACES_DIR, l, f), 'utf8')) as Recorded))
  : [];
const work = mkdtempSync(join(tmpdir(), 'differential-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the model against traces recorded on the real cluster', () => {
  it('has recorded traces for every graded lesson the real cluster could run (all but lesson 3 here)', () => {
    const lessons = new Set(recorded.map((r) => r.lesson));
    for (const l of courseLessons().filter((x) => x.folder !== '03-nfs')) expect(lessons.has(l.id), l.id).toBe(true);
    expect(recorded.filter((r) => r.kind === 'solution').length).toBeGreaterThanOrEqual(5);
  });

  it.each(recorded.map((r) => [`${r.lesson} ${r.kind} ${r.case}`, r] as const))('%s', async (_name, r) => {
    const lesson = courseLessons().find((l) => l.id === r.lesson)!;
    let dir = join(lesson.dir, 'solution');
    if (r.kind === 'mistake') dir = join(lesson.dir, 'mistakes', r.case, 'submission');
    if (r.kind === 'variant') {
      dir = join(work, `${lesson.folder}-${r.case.replace(/\W+/g, '-')}`);
      writeVariant(VARIANTS.find((v) => v.name === r.case)!, readObjects(join(lesson.dir, 'solution')), dir);
    }
    const log: RawEntry[] = [];
    const result = await gradeOnModel(lesson, dir, { wrap: (c) => traced(c, log), random: tokens(r.case) });
    expect(reduce(rawCase(result, log))).toEqual(reduce(r.raw));
  });
});
