/**
 * results.json: a superset of the Exercism test-runner interface v3 and of the GitHub Classroom
 * v1 result, so either kind of consumer can read it. One file per run; with --all every
 * exercise's tests are in `tests` (task_id = exercise number) and `exercises` has one section each.
 *
 * {
 *   "version": 3,                      Exercism interface version
 *   "status": "pass" | "fail" | "error", error only when no exercise could be graded at all
 *   "message": string | null,          required when status is error: why nothing was graded
 *   "tests": [{
 *     "name": string,                  check title in `lang` ("lesson-3: ..." when several exercises)
 *     "status": "pass" | "fail" | "error",   error = the check could not run (skipped)
 *     "message": string | null,        why it failed / did not run, hint, file:line:col, observed
 *     "output": string | null,         what the grader observed + diagnostics, <= 500 characters
 *     "test_code": string,             stable check id, "lesson-3/spread"
 *     "task_id": number,               exercise number (lesson-3 -> 3)
 *     "score": number,                 Classroom: points earned
 *     "max_score": number,             points this check is worth
 *     "filename": string | null,       Classroom: submission file the check points at
 *     "line_no": number | null,        Classroom
 *     "duration": number,              Classroom: milliseconds
 *     "timing": { "kubectl": ms, "waiting": ms, "sleeping": ms } | null   a scenario step's time:
 *                                      its own cluster calls, polling until a condition held, fixed
 *                                      sleeps (the rest of duration is the grader's own); null for static checks
 *   }],
 *   "max_score": number,               Classroom: sum of every exercise's maximum (100 each)
 *   "score": number,                   sum of the exercises' scores (= sum of tests[].score)
 *   "schema_version": 1,               this file's own version
 *   "lesson": "lesson-3" | "all",
 *   "lang": "en" | "zh-cn",
 *   "cluster": {
 *     "backend": "kind" | "current" | "model",   what graded: read this, not description
 *     "description": string,           e.g. "kind cluster k8s-storage-course (Kubernetes v1.35.0)", in `lang`
 *     "is_model": boolean
 *   } | null,
 *   "warnings": string[],              e.g. the offline-model banner
 *   "exercises": [{ "id", "lesson", "task_id", "title", "status", "message", "score", "max_score",
 *                   "submission_dir", "error": null | { "kind", "problems"?: [{ "code", "message",
 *                   "filename", "line_no", "col" }] }, "notes": string[], "duration" }],
 *   "started_at": ISO time, "duration": milliseconds
 * }
 */
import type { Lang } from '../../i18n/lang.ts';
import { displayFile, exerciseNumber } from './format.ts';
import { exerciseMessage, runScore, runStatus, testEntries, type TestStatus } from './entries.ts';
import { exerciseStatus, type RunResult } from './model.ts';
import { msg } from './messages.ts';

export interface ResultsJsonTest {
  name: string;
  status: TestStatus;
  message: string | null;
  output: string | null;
  test_code: string;
  task_id: number;
  score: number;
  max_score: number;
  filename: string | null;
  line_no: number | null;
  duration: number;
  timing: { kubectl: number; waiting: number; sleeping: number } | null;
}

export interface ResultsJsonExercise {
  id: string;
  lesson: string;
  task_id: number;
  title: string;
  status: TestStatus;
  message: string | null;
  score: number;
  max_score: number;
  submission_dir: string;
  error: null | {
    kind: 'submission' | 'cluster' | 'interrupted';
    problems?: { code: string; message: string; filename: string | null; line_no: number | null; col: number | null }[];
  };
  notes: string[];
  duration: number;
}

export interface ResultsJson {
  version: 3;
  status: TestStatus;
  message: string | null;
  tests: ResultsJsonTest[];
  max_score: number;
  score: number;
  schema_version: 1;
  lesson: string;
  lang: Lang;
  cluster: { backend: 'kind' | 'current' | 'model'; description: string; is_model: boolean } | null;
  warnings: string[];
  exercises: ResultsJsonExercise[];
  started_at: string;
  duration: number;
}

/** Builds the results.json object for a run, in one language, with paths relative to cwd. */
export function toResultsJson(run: RunResult, lang: Lang, cwd: string): ResultsJson {
  const status = runStatus(run);
  const { score, max } = runScore(run);
  const exercises = run.exercises.map((ex): ResultsJsonExercise => {
    const err = ex.error;
    return {
      id: ex.id,
      lesson: ex.lesson,
      task_id: exerciseNumber(ex.id),
      title: ex.title[lang],
      status: exerciseStatus(ex),
      message: exerciseMessage(ex, lang, cwd) ?? null,
      score: ex.score,
      max_score: ex.maxScore,
      submission_dir: displayFile(ex.submissionDir, ex.submissionDir, cwd),
      error: !err
        ? null
        : err.kind === 'submission'
          ? {
              kind: err.kind,
              problems: err.problems.map((p) => ({
                code: p.code,
                message: p.message[lang],
                filename: p.at ? displayFile(p.at.file, ex.submissionDir, cwd) : null,
                line_no: p.at?.line ?? null,
                col: p.at?.col ?? null,
              })),
            }
          : { kind: err.kind },
      notes: ex.notes.map((n) => n[lang]),
      duration: ex.durationMs,
    };
  });
  const errorMessages = exercises.map((e) => e.message).filter((m): m is string => m !== null);
  return {
    version: 3,
    status,
    message: status === 'error' ? errorMessages.join('\n\n') || msg.statusError[lang] : null,
    tests: testEntries(run, lang, cwd).map((t) => ({
      name: t.name,
      status: t.status,
      message: t.message ?? null,
      output: t.output ?? null,
      test_code: t.testCode,
      task_id: t.taskId,
      score: t.score,
      max_score: t.points,
      filename: t.file ?? null,
      line_no: t.line ?? null,
      duration: Math.round(t.durationMs),
      timing: t.check.timing ? { kubectl: t.check.timing.kubectlMs, waiting: t.check.timing.waitingMs, sleeping: t.check.timing.sleepingMs } : null,
    })),
    max_score: max,
    score,
    schema_version: 1,
    lesson: run.exercises.length === 1 ? run.exercises[0]!.id : 'all',
    lang,
    cluster: run.cluster
      ? { backend: run.cluster.backend, description: run.cluster.description[lang], is_model: run.cluster.isModel }
      : null,
    warnings: run.cluster?.isModel ? [msg.modelBanner[lang]] : [],
    exercises,
    started_at: run.startedAt,
    duration: Math.round(run.durationMs),
  };
}

/** results.json as text (two-space indented, trailing newline). */
export function renderResultsJson(run: RunResult, lang: Lang, cwd: string): string {
  return JSON.stringify(toResultsJson(run, lang, cwd), null, 2) + '\n';
}
