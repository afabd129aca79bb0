/**
 * The GitHub Classroom v1 result that classroom-resources/autograding-grading-reporter reads from
 * a step output (`result=<base64 of this JSON>`): one test per check, each with its own `score`,
 * so partial credit reaches Classroom (the reporter sums tests[].score against max_score).
 *
 * {"version":1,"status":"pass|fail|error","max_score":100,
 *  "tests":[{"name","status","score","message","test_code","filename","line_no","duration"}]}
 */
import type { Lang } from '../../i18n/lang.ts';
import { runScore, runStatus, testEntries, type TestStatus } from './entries.ts';
import type { RunResult } from './model.ts';

export interface ClassroomResult {
  version: 1;
  status: TestStatus;
  max_score: number;
  tests: {
    name: string;
    status: TestStatus;
    score: number;
    message: string;
    test_code: string;
    filename: string;
    line_no: number;
    duration: number;
  }[];
}

/** Builds the Classroom v1 result of a run. */
export function toClassroomResult(run: RunResult, lang: Lang, cwd: string): ClassroomResult {
  return {
    version: 1,
    status: runStatus(run),
    max_score: runScore(run).max,
    tests: testEntries(run, lang, cwd).map((t) => ({
      name: t.name,
      status: t.status,
      score: t.score,
      message: t.message ?? '',
      test_code: t.testCode,
      filename: t.file ?? '',
      line_no: t.line ?? 0,
      duration: Math.round(t.durationMs),
    })),
  };
}

/** The `result=<base64>` line for $GITHUB_OUTPUT (base64 has no newline, so the simple form is safe). */
export function classroomOutputLine(run: RunResult, lang: Lang, cwd: string): string {
  const json = JSON.stringify(toClassroomResult(run, lang, cwd));
  return `result=${Buffer.from(json, 'utf8').toString('base64')}\n`;
}
