import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSafeRelativePath, writeRepository, WriteRefusedError } from '../../src/classroom/write.ts';
import { tempDir } from './helpers.ts';

const files = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([k, v]) => [k, Buffer.from(v)]));

function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof WriteRefusedError) return err.refusal;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('writing the repository', () => {
  it('creates the folder and every file', () => {
    const out = join(tempDir(), 'new', 'repo');
    expect(writeRepository(out, files({ 'a.txt': 'A', 'x/y/b.txt': 'B' }), false)).toEqual(['a.txt', 'x/y/b.txt']);
    expect(readFileSync(join(out, 'x/y/b.txt'), 'utf8')).toBe('B');
  });

  it('writes into an empty folder but refuses one that has files, unless forced', () => {
    const out = tempDir();
    writeRepository(out, files({ 'a.txt': 'A' }), false);
    expect(refusal(() => writeRepository(out, files({ 'a.txt': 'new' }), false))).toMatchObject({ kind: 'not-empty', entries: ['a.txt'] });
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('A');
    writeFileSync(join(out, 'mine.txt'), 'keep');
    writeRepository(out, files({ 'a.txt': 'new' }), true);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('new');
    expect(readFileSync(join(out, 'mine.txt'), 'utf8')).toBe('keep');
  });

  it('refuses a file in place of the folder', () => {
    const out = join(tempDir(), 'file');
    writeFileSync(out, 'x');
    expect(refusal(() => writeRepository(out, files({ 'a.txt': 'A' }), true))).toMatchObject({ kind: 'not-a-directory' });
  });

  it('never writes outside the folder: no "..", no absolute path, no link out, nothing written on refusal', () => {
    expect(isSafeRelativePath('../x')).toBe(false);
    expect(isSafeRelativePath('/etc/x')).toBe(false);
    expect(isSafeRelativePath('a/./b')).toBe(false);
    expect(isSafeRelativePath('a\\b')).toBe(false);
    expect(isSafeRelativePath('.github/workflows/classroom.yml')).toBe(true);
    const base = tempDir();
    const out = join(base, 'out');
    mkdirSync(out);
    expect(refusal(() => writeRepository(out, files({ 'ok.txt': '1', '../evil.txt': 'x' }), true))).toMatchObject({ kind: 'escapes', path: '../evil.txt' });
    const elsewhere = join(base, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, 'exercises'));
    expect(refusal(() => writeRepository(out, files({ 'a.txt': '1', 'exercises/lesson-1/pod.yaml': 'x' }), true))).toMatchObject({ kind: 'escapes' });
    symlinkSync(join(elsewhere, 'target.txt'), join(out, 'README.md'));
    expect(refusal(() => writeRepository(out, files({ 'README.md': 'x' }), true))).toMatchObject({ kind: 'escapes', path: 'README.md' });
    expect(existsSync(join(elsewhere, 'lesson-1'))).toBe(false);
    expect(existsSync(join(elsewhere, 'target.txt'))).toBe(false);
    expect(existsSync(join(out, 'ok.txt'))).toBe(false);
    expect(existsSync(join(out, 'a.txt'))).toBe(false);
  });
});
