/**
 * .classroom/assignment.json: every choice the generator made for one student repository (course
 * repository and ref, lessons, report language, action pins). The protected files are a pure
 * function of this object and the course at `course.ref`, which is what lets the integrity check
 * regenerate them and compare. Written with sorted, two-space JSON so it is byte-stable.
 */
import { z } from 'zod';

export const ASSIGNMENT_FILE = '.classroom/assignment.json';
export const ASSIGNMENT_SCHEMA_VERSION = 1;

const LessonIdSchema = z.string().regex(/^lesson-[1-9]\d*$/);

export const AssignmentSchema = z.strictObject({
  schemaVersion: z.literal(ASSIGNMENT_SCHEMA_VERSION),
  course: z.strictObject({
    /** owner/name of the course repository on GitHub (the workflow checks it out). */
    repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/),
    /** The git ref the grader comes from: a commit SHA (default) or a tag. */
    ref: z.string().min(1).regex(/^[A-Za-z0-9._/-]+$/),
    /** Where `npm run grade` fetches the course from: a git URL, or a local folder (tests, offline). */
    source: z.string().min(1),
  }),
  lessons: z.array(LessonIdSchema).min(1),
  /** Language of the reports written in CI. */
  gradeLang: z.enum(['en', 'zh-cn']),
  /** Node.js major version used in CI. */
  node: z.string().regex(/^\d+$/),
  /** Action pin overrides: action name -> ref. */
  pins: z.record(z.string(), z.string()),
});

export type Assignment = z.infer<typeof AssignmentSchema>;

/** The default `source` for a GitHub repository. */
export function githubSource(repository: string): string {
  return `https://github.com/${repository}.git`;
}

/** Runner ids of the Classroom reporter: "lesson-3" -> "lesson3" (the reporter wants [A-Za-z0-9]). */
export function runnerId(lessonId: string): string {
  return lessonId.replace(/[^A-Za-z0-9]/g, '');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The file text of an assignment (sorted keys, two-space indent, trailing newline). */
export function renderAssignment(a: Assignment): string {
  return JSON.stringify(sortKeys(AssignmentSchema.parse(a)), null, 2) + '\n';
}

/** Parses assignment.json text; throws an Error saying what is wrong. */
export function parseAssignment(text: string): Assignment {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message}`);
  }
  const parsed = AssignmentSchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}
