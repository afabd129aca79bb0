/**
 * The collect step of the workflow: turns each lesson's results.json and the integrity report into
 * GitHub Classroom v1 results, one per reporter runner (lesson1, lesson2, ..., integrity), so
 * classroom-resources/autograding-grading-reporter can sum `tests[].score` against `max_score`.
 * A lesson whose step wrote nothing still gets a result (0 of 100, status error), so the points
 * always reach Classroom. The integrity runner is worth 0 points: it cannot change the score, but
 * a failure fails the run and is visible to the instructor.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fill, type Lang } from '../i18n/lang.ts';
import type { ClassroomResult } from '../grader/report/classroom.ts';
import { runnerId } from './assignment.ts';
import type { IntegrityReport } from './integrity.ts';
import { classroomMsg as M } from './messages.ts';

/** Longest message kept per test (the reporter prints it; step outputs are limited to 1 MB a job). */
export const MESSAGE_LIMIT = 2000;
export const LESSON_MAX_SCORE = 100;

const Status = z.enum(['pass', 'fail', 'error']);
const ResultsJsonSubset = z.object({
  status: Status,
  max_score: z.number(),
  cluster: z.object({ backend: z.string() }).nullable().optional(),
  tests: z.array(
    z.object({
      name: z.string(),
      status: Status,
      score: z.number(),
      message: z.string().nullable().optional(),
      test_code: z.string().optional(),
      filename: z.string().nullable().optional(),
      line_no: z.number().nullable().optional(),
      duration: z.number().optional(),
    }),
  ),
});

/** One runner's result plus what the summary needs. */
export interface RunnerResult {
  runner: string;
  /** "lesson-1", or "integrity". */
  label: string;
  result: ClassroomResult;
  /** Back end the lesson was graded on, when known. */
  backend?: string;
}

const cut = (text: string) => (text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT - 1)}…` : text);

/** The Classroom result of one lesson from its report folder (an error result when there is none). */
export function lessonResult(reportsDir: string, lessonId: string, lang: Lang): RunnerResult {
  const file = join(reportsDir, lessonId, 'results.json');
  let parsed: z.infer<typeof ResultsJsonSubset> | undefined;
  try {
    parsed = ResultsJsonSubset.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    parsed = undefined;
  }
  if (!parsed) {
    const shown = `${lessonId}/results.json`;
    return {
      runner: runnerId(lessonId),
      label: lessonId,
      result: {
        version: 1,
        status: 'error',
        max_score: LESSON_MAX_SCORE,
        tests: [
          {
            name: fill(M.notGraded, { id: lessonId })[lang],
            status: 'error',
            score: 0,
            message: fill(M.notGradedMessage, { file: shown, id: lessonId })[lang],
            test_code: `${lessonId}/not-graded`,
            filename: '',
            line_no: 0,
            duration: 0,
          },
        ],
      },
    };
  }
  return {
    runner: runnerId(lessonId),
    label: lessonId,
    backend: parsed.cluster?.backend,
    result: {
      version: 1,
      status: parsed.status,
      max_score: parsed.max_score,
      tests: parsed.tests.map((t) => ({
        name: t.name,
        status: t.status,
        score: t.score,
        message: cut(t.message ?? ''),
        test_code: t.test_code ?? '',
        filename: t.filename ?? '',
        line_no: t.line_no ?? 0,
        duration: Math.round(t.duration ?? 0),
      })),
    },
  };
}

/** Reads integrity.json written by `classroom verify`; undefined when it is missing or unreadable. */
export function readIntegrity(file: string): IntegrityReport | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as IntegrityReport;
    return typeof report.ok === 'boolean' && Array.isArray(report.files) ? report : undefined;
  } catch {
    return undefined;
  }
}

/** "owner/repo@ref (commit abc1234)" for messages. */
export function courseLabel(report: IntegrityReport | undefined): string {
  if (!report?.course) return '?';
  const { repository, ref, commit } = report.course;
  return `${repository}@${ref}${commit && commit !== ref ? ` (${commit.slice(0, 12)})` : ''}`;
}

/** The integrity runner: the file check, and (when `backend` is given) that every lesson was graded on it. */
export function integrityResult(report: IntegrityReport | undefined, integrityFile: string, lessons: RunnerResult[], lang: Lang, backend?: string): RunnerResult {
  const tests: ClassroomResult['tests'] = [];
  const base = { score: 0, filename: '', line_no: 0, duration: 0 };
  if (!report) {
    tests.push({ ...base, name: M.integrityTest[lang], status: 'error', message: fill(M.integrityMissing, { file: integrityFile })[lang], test_code: 'integrity/files' });
  } else if (report.error) {
    tests.push({ ...base, name: M.integrityTest[lang], status: 'fail', message: cut(fill(M.verifyError, { reason: report.error })[lang]), test_code: 'integrity/files' });
  } else {
    const bad = report.files.filter((f) => f.status !== 'ok').map((f) => `${f.path} (${f.status})`);
    tests.push({
      ...base,
      name: M.integrityTest[lang],
      status: report.ok ? 'pass' : 'fail',
      message: report.ok ? fill(M.integrityPass, { course: courseLabel(report) })[lang] : cut(fill(M.integrityFail, { course: courseLabel(report), files: bad.join(', ') })[lang]),
      test_code: 'integrity/files',
    });
  }
  if (backend) {
    const other = lessons.filter((l) => l.backend !== undefined && l.backend !== backend).map((l) => `${l.label} (${l.backend})`);
    tests.push({
      ...base,
      name: fill(M.backendTest, { backend })[lang],
      status: other.length ? 'fail' : 'pass',
      message: other.length ? fill(M.backendFail, { backend, lessons: other.join(', ') })[lang] : '',
      test_code: 'integrity/backend',
    });
  }
  const status = tests.some((t) => t.status === 'fail') ? 'fail' : tests.some((t) => t.status === 'error') ? 'error' : 'pass';
  return { runner: 'integrity', label: 'integrity', result: { version: 1, status, max_score: 0, tests } };
}

/** Every runner's result, lessons first (in the given order), integrity last. */
export function collectResults(o: { lessons: string[]; reportsDir: string; integrityFile: string; lang: Lang; backend?: string }): RunnerResult[] {
  const lessons = o.lessons.map((id) => lessonResult(o.reportsDir, id, o.lang));
  return [...lessons, integrityResult(readIntegrity(o.integrityFile), o.integrityFile, lessons, o.lang, o.backend)];
}

/** The $GITHUB_OUTPUT lines: `<runner>=<base64 of the Classroom JSON>` (base64 has no newline). */
export function outputLines(results: RunnerResult[]): string {
  return results.map((r) => `${r.runner}=${Buffer.from(JSON.stringify(r.result), 'utf8').toString('base64')}\n`).join('');
}

/** Points earned and available over the lesson runners (what the reporter sends to Classroom). */
export function totals(results: RunnerResult[]): { score: number; max: number } {
  return results.reduce(
    (t, r) => (r.result.max_score ? { score: t.score + r.result.tests.reduce((s, x) => s + x.score, 0), max: t.max + r.result.max_score } : t),
    { score: 0, max: 0 },
  );
}
