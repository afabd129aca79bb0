/** Shared helpers for the submission tests: fixture paths, temp folders, problem lookup. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Problem } from '../../../src/grader/report/model.ts';
import type { Limits } from '../../../src/grader/submission/limits.ts';
import { loadSubmission, type LoadResult } from '../../../src/grader/submission/load.ts';

export const FIXTURES = 'test/fixtures/submissions';

/** Path of a fixture folder as the loader shows it (relative to the repo root, the test cwd). */
export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** Loads a fixture folder and returns its problems; fails the test if it loaded cleanly. */
export async function problemsOf(name: string): Promise<Problem[]> {
  const result = await loadSubmission(fixture(name));
  if (result.ok) throw new Error(`expected problems in ${name}, but it loaded`);
  return result.problems;
}

/** Narrows a LoadResult to ok, failing with its problems otherwise. */
export function expectOk(result: LoadResult): Extract<LoadResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got:\n${result.problems.map((p) => `${p.code} ${p.message.en}`).join('\n')}`);
  return result;
}

/** "file:line:col" of a problem (or "" without position). */
export function where(p: Problem): string {
  return p.at ? `${p.at.file}:${p.at.line}:${p.at.col}` : '';
}

/**
 * The single problem with this code at this position; checks both languages contain the given
 * fragments and that the Chinese text really is Chinese.
 */
export function expectProblem(problems: Problem[], code: string, at: string, en: string[], zh: string[]): Problem {
  const found = problems.filter((p) => p.code === code && where(p) === at);
  expect(found, `${code} at ${at}; got ${problems.map((p) => `${p.code}@${where(p)}`).join(', ')}`).toHaveLength(1);
  const p = found[0]!;
  for (const part of en) expect(p.message.en).toContain(part);
  for (const part of zh) expect(p.message['zh-cn']).toContain(part);
  expect(p.message['zh-cn']).toMatch(/[\u4e00-\u9fff]/);
  expect(p.message.en).not.toMatch(/[\u4e00-\u9fff]/);
  return p;
}

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'k8s-sub-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Loads a temp folder holding `files` (name -> content); the folder is removed afterwards. */
export async function loadFiles(files: Record<string, string>, limits?: Partial<Limits>): Promise<LoadResult & { dir: string }> {
  const t = tempDir();
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(t.dir, name), content);
    return { ...(await loadSubmission(t.dir, limits)), dir: t.dir };
  } finally {
    t.cleanup();
  }
}

/** The problems of loadFiles, failing the test if the files loaded cleanly. */
export async function problemsOfFiles(files: Record<string, string>, limits?: Partial<Limits>): Promise<{ problems: Problem[]; dir: string }> {
  const result = await loadFiles(files, limits);
  if (result.ok) throw new Error('expected problems, but the files loaded');
  return { problems: result.problems, dir: result.dir };
}
