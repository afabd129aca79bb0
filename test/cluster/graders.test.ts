/**
 * Every grader on the real cluster: each solution scores 100, each known mistake fails exactly
 * the checks its mistake.yaml names, the variants that change what reaches the cluster still score
 * 100, and on every case the real verdict equals the offline model's (the agreement table of
 * `npm run bench`). Lesson 3 needs an NFS client in the kernel: where there is none its cases are
 * reported as skipped with that reason, and one test proves the grader says so itself.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { courseLessons, failedIds, gradeOnModel, summary } from '../graders/harness.ts';
import { readMistakes } from '../graders/mistake-file.ts';
import { readObjects, VARIANTS, writeVariant } from '../graders/variants.ts';
import type { Lesson } from '../../src/grader/lessons.ts';
import { gradeOnCluster, record, recordProof, tokens, traceFile, useCluster, verdictOf, type Verdict } from './harness.ts';
import { rawCase, reduce, traced, type RawEntry } from './trace.ts';

const cluster = useCluster();
const work = mkdtempSync(join(tmpdir(), 'cluster-variants-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Variants run on the real cluster: the ones that change what is applied or how it runs. Text-only
 * variants (comments, key order, labels) apply the same objects and stay on the model suite; image
 * variants need an image the machine cannot pull (no registry here).
 */
export const REAL_VARIANTS = ['command split into command and args', 'one file per object, files in reverse order', 'metadata.namespace set'];

const NO_NFS = 'not run: this kernel has no NFS client / 未运行：此内核没有 NFS 客户端';

/**
 * Grades dir on the real cluster and on the model with the same tokens, records the verdicts, and
 * the real trace when RECORD_TRACES=1 (`npm run traces:record`). Returns both results and traces.
 */
async function both(kind: Verdict['kind'], name: string, lesson: Lesson, dir: string) {
  const realLog: RawEntry[] = [];
  const modelLog: RawEntry[] = [];
  const started = Date.now();
  const real = await gradeOnCluster(lesson, dir, { wrap: (c) => traced(c, realLog), random: tokens(name) });
  const ms = Date.now() - started;
  const onModel = await gradeOnModel(lesson, dir, { wrap: (c) => traced(c, modelLog), random: tokens(name) });
  record({ case: name, kind, lesson: lesson.id, model: verdictOf(onModel), real: verdictOf(real), ms });
  const realRaw = rawCase(real, realLog);
  if (process.env.RECORD_TRACES === '1') {
    const file = traceFile(lesson.id, kind, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ lesson: lesson.id, kind, case: name, recordedOn: 'kind cluster k8s-storage-course (built by npm run cluster:up)', raw: realRaw }, null, 2)}\n`);
  }
  return { real, onModel, realTrace: reduce(realRaw), modelTrace: reduce(rawCase(onModel, modelLog)) };
}

describe.skipIf(!cluster.available).each(courseLessons())('$id on the real cluster', (lesson) => {
  const skipNfs = lesson.folder === '03-nfs' && cluster.nfsClient?.client === 'none';
  const title = (t: string) => (skipNfs ? `${t} [${NO_NFS}]` : t);
  const solution = join(lesson.dir, 'solution');

  it.skipIf(skipNfs)(title('the solution scores 100, as on the model'), async () => {
    const { real, onModel } = await both('solution', 'solution', lesson, solution);
    // The matrix page says a cell this grader proves was proven on a real cluster only while this passes.
    recordProof('grader', lesson.folder, real.error === undefined && real.score === 100);
    expect(real.error, summary(real)).toBeUndefined();
    expect(real.score, summary(real)).toBe(100);
    expect(failedIds(real)).toEqual(failedIds(onModel));
  });

  for (const m of readMistakes(lesson.dir)) {
    it.skipIf(skipNfs)(title(`mistake ${m.name} fails exactly ${[m.fails, ...m.alsoFails].join(', ')}`), async () => {
      const { real, onModel } = await both('mistake', m.name, lesson, m.submissionDir);
      expect(real.error, summary(real)).toBeUndefined();
      expect(failedIds(real).sort(), summary(real)).toEqual([m.fails, ...m.alsoFails].sort());
      expect(failedIds(real).sort(), `model: ${summary(onModel)}`).toEqual(failedIds(onModel).sort());
    });
  }

  for (const variant of VARIANTS.filter((v) => REAL_VARIANTS.includes(v.name))) {
    it.skipIf(skipNfs)(title(`variant "${variant.name}" scores 100`), async () => {
      const dir = join(work, `${lesson.folder}-${REAL_VARIANTS.indexOf(variant.name)}`);
      writeVariant(variant, readObjects(solution), dir);
      const { real } = await both('variant', variant.name, lesson, dir);
      expect(real.error, summary(real)).toBeUndefined();
      expect(real.score, summary(real)).toBe(100);
    });
  }

  if (skipNfs) {
    it('says lesson 3 was not run, and why, in both languages (the grader detects the missing NFS client)', async () => {
      const real = await gradeOnCluster(lesson, solution);
      const error = real.error;
      expect(error?.kind, summary(real)).toBe('cluster');
      if (error?.kind !== 'cluster') return;
      expect(error.message.en).toContain('Lesson 3 was not run');
      expect(error.message.en).toContain('no NFS client');
      expect(error.message['zh-cn']).toContain('第 3 课没有运行');
      expect(real.checks.filter((c) => c.kind !== 'static').every((c) => c.status === 'skipped'), summary(real)).toBe(true);
      expect(real.checks.some((c) => c.status === 'passed' && c.kind !== 'static')).toBe(false);
    });
  }
});
