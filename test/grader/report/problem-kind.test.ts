import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MISSING_SUBMISSION } from '../../../src/grader/report/next-step.ts';
import { problemKind, submissionVerdict } from '../../../src/grader/report/problem-kind.ts';

const SUBMISSION_SRC = resolve(import.meta.dirname, '../../../src/grader/submission');
const at = { file: 'pod.yaml', line: 1, col: 1 };
const p = (code: string) => ({ code, message: { en: code, 'zh-cn': code }, at });

/** Every problem code the loader and the safety policy can emit, read from their source (problem('code', ...)). */
function emittedCodes(): string[] {
  const codes = new Set<string>();
  for (const name of readdirSync(SUBMISSION_SRC).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(join(SUBMISSION_SRC, name), 'utf8');
    for (const m of text.matchAll(/problem\(\s*'([a-zA-Z]+\.[a-zA-Z]+)'/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

describe('problemKind', () => {
  it('knows every code the submission loader and the safety policy emit', () => {
    const codes = emittedCodes();
    expect(codes.length).toBeGreaterThan(40);
    expect(codes.filter((c) => problemKind(c) === undefined)).toEqual([]);
  });

  it('tells reading problems from validity problems and unsafe specs', () => {
    for (const code of ['submission.unreadable', 'submission.noYaml', MISSING_SUBMISSION, 'file.encoding', 'yaml.syntax', 'yaml.duplicateKey', 'limits.fileSize', 'limits.depth']) {
      expect(problemKind(code), code).toBe('unreadable');
    }
    for (const code of ['schema.unknownField', 'schema.type', 'schema.required', 'api.unknownKind', 'object.missingName', 'server.accessModes', 'submission.empty']) {
      expect(problemKind(code), code).toBe('invalid');
    }
    expect(problemKind('safety.hostPath')).toBe('unsafe');
    expect(problemKind('limits.problems')).toBeNull();
  });
});

describe('submissionVerdict', () => {
  it('one verdict per submission; "N more not shown" does not change it', () => {
    expect(submissionVerdict([p('yaml.syntax')])).toBe('unreadable');
    expect(submissionVerdict([p('schema.unknownField'), p('limits.problems')])).toBe('invalid');
    expect(submissionVerdict([p('yaml.syntax'), p('schema.unknownField')])).toBe('partlyUnreadable');
    expect(submissionVerdict([p('safety.privileged')])).toBe('unsafe');
  });

  it('a code it does not know keeps the old wording', () => {
    expect(submissionVerdict([p('grader.somethingNew')])).toBe('unreadable');
    expect(submissionVerdict([])).toBe('unreadable');
  });
});
