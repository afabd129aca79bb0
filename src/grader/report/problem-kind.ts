/**
 * What went wrong with a submission, told from its problems' codes, so reports introduce the
 * problems with a sentence that says what happened: the files could not be read (missing folder,
 * unreadable file, encoding, YAML syntax, a limit), they were read but are not valid (schema, API
 * and object rules), or they were refused as unsafe (on every cluster).
 */
import type { Problem } from './model.ts';

export type ProblemKind = 'unreadable' | 'invalid' | 'unsafe';

/** How the problems of one submission are introduced; `partlyUnreadable` is unreadable and invalid problems together. */
export type SubmissionVerdict = ProblemKind | 'partlyUnreadable';

/** By the code's prefix ("yaml.syntax" -> yaml). */
const KIND_OF_PREFIX: Record<string, ProblemKind> = {
  submission: 'unreadable',
  file: 'unreadable',
  yaml: 'unreadable',
  limits: 'unreadable',
  schema: 'invalid',
  api: 'invalid',
  object: 'invalid',
  server: 'invalid',
  internal: 'invalid',
  safety: 'unsafe',
};

/** Codes whose kind differs from their prefix's. */
const KIND_OF_CODE: Record<string, ProblemKind | null> = {
  // Every file was read; there is just nothing in them.
  'submission.empty': 'invalid',
  // "N more problems are not shown": says nothing about what went wrong.
  'limits.problems': null,
};

/** The kind of one problem code; null for limits.problems, undefined for a code this table does not know. */
export function problemKind(code: string): ProblemKind | null | undefined {
  if (code in KIND_OF_CODE) return KIND_OF_CODE[code];
  return KIND_OF_PREFIX[code.split('.')[0]!];
}

/** How to introduce a submission's problems. Codes this table does not know count as unreadable, the old wording. */
export function submissionVerdict(problems: readonly Problem[]): SubmissionVerdict {
  const kinds = new Set(problems.map((p) => problemKind(p.code)).map((k) => (k === undefined ? 'unreadable' : k)));
  if (kinds.has('unsafe')) return 'unsafe';
  if (kinds.has('unreadable')) return kinds.has('invalid') ? 'partlyUnreadable' : 'unreadable';
  return kinds.has('invalid') ? 'invalid' : 'unreadable';
}
