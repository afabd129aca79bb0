/**
 * Writes a rendered repository into the --out folder and nowhere else: every path must be
 * relative and stay inside the folder, and no folder on the way may be a link that leads out of it.
 * A folder that already has files is refused unless `force` is set (then generated files are
 * overwritten and the others are left alone).
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { FileMap } from './render/repo.ts';

/** Why the output folder cannot be written. */
export type WriteRefusal =
  | { kind: 'not-empty'; dir: string; entries: string[] }
  | { kind: 'not-a-directory'; dir: string }
  | { kind: 'escapes'; path: string };

export class WriteRefusedError extends Error {
  constructor(readonly refusal: WriteRefusal) {
    super(`refused to write: ${refusal.kind}`);
    this.name = 'WriteRefusedError';
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Checks a generated path: relative, forward slashes, no "." or ".." segments. */
export function isSafeRelativePath(path: string): boolean {
  if (!path || isAbsolute(path) || path.includes('\\') || /^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** Writes every file under outDir; returns the paths written (sorted). Throws WriteRefusedError. */
export function writeRepository(outDir: string, files: FileMap, force: boolean): string[] {
  const out = resolve(outDir);
  if (existsSync(out)) {
    if (!lstatSync(out).isDirectory()) throw new WriteRefusedError({ kind: 'not-a-directory', dir: out });
    const entries = readdirSync(out);
    if (entries.length > 0 && !force) throw new WriteRefusedError({ kind: 'not-empty', dir: out, entries: entries.sort().slice(0, 5) });
  }
  for (const path of files.keys()) {
    if (!isSafeRelativePath(path) || !inside(out, resolve(out, path))) throw new WriteRefusedError({ kind: 'escapes', path });
  }
  mkdirSync(out, { recursive: true });
  const realOut = realpathSync(out);
  const targets = [...files].sort(([x], [y]) => x.localeCompare(y)).map(([path, content]) => ({ path, content, target: join(out, ...path.split('/')) }));
  // Before writing anything: no existing folder on the way may be a link leading out of the
  // output folder, and no existing target may be a link (writing would follow it).
  for (const { path, target } of targets) {
    let existing = dirname(target);
    while (!existsSync(existing)) existing = dirname(existing);
    const real = realpathSync(existing);
    if (real !== realOut && !inside(realOut, real)) throw new WriteRefusedError({ kind: 'escapes', path });
    if (isLink(target)) throw new WriteRefusedError({ kind: 'escapes', path });
  }
  const written: string[] = [];
  for (const { path, content, target } of targets) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    written.push(path);
  }
  return written;
}
