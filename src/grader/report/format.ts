/**
 * Small text helpers shared by the reporters: durations, submission paths, truncation.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { SourcePos } from '../cluster/cluster.ts';

/** "850 ms", "3.2 s", "2 min 5 s": short and stable, for humans. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms - min * 60_000) / 1000)} s`;
}

/**
 * The path a student should open, relative to cwd with forward slashes. A SourcePos file may be
 * absolute, relative to cwd (already inside the submission folder) or relative to the folder.
 */
export function displayFile(file: string, submissionDir: string, cwd: string): string {
  const dir = resolve(cwd, submissionDir);
  let abs: string;
  if (isAbsolute(file)) abs = file;
  else {
    const fromCwd = resolve(cwd, file);
    abs = fromCwd === dir || fromCwd.startsWith(dir + sep) ? fromCwd : resolve(dir, file);
  }
  const rel = relative(cwd, abs);
  return (rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel).split(sep).join('/');
}

/** "exercises/lesson-3/deploy.yaml:12:5". */
export function formatPos(at: SourcePos, submissionDir: string, cwd: string): string {
  return `${displayFile(at.file, submissionDir, cwd)}:${at.line}:${at.col}`;
}

/** Cuts text to at most max characters (counting code points), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** First line of a text, for one-line places (JUnit message attribute, annotation titles). */
export function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0]!.trim();
}

/** The exercise number of an id like "lesson-3" (0 when it has none). */
export function exerciseNumber(id: string): number {
  const m = /(\d+)$/.exec(id);
  return m ? Number(m[1]) : 0;
}
