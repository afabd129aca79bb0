/** The in-memory filesystem under nodes, NFS servers and container layers. */
import { describe, it, expect } from 'vitest';
import { FsError, MemFs, normalizePath } from '../../src/model/filesystem.ts';

describe('MemFs', () => {
  it('normalizes paths', () => {
    expect(normalizePath('a//b/./c/../d/')).toBe('/a/b/d');
    expect(normalizePath('/../..')).toBe('/');
  });
  it('writing needs an existing parent directory; mkdirp creates parents', () => {
    const fs = new MemFs();
    expect(() => fs.writeFile('/a/b', 'x')).toThrow(FsError);
    fs.mkdirp('/a');
    fs.writeFile('/a/b', 'x');
    expect(fs.readFile('/a/b')).toBe('x');
    expect(() => fs.mkdirp('/a/b/c')).toThrow(/ENOTDIR/);
    expect(() => fs.readFile('/a')).toThrow(/EISDIR/);
  });
  it('lists, walks and removes recursively', () => {
    const fs = new MemFs(['/x/y']);
    fs.writeFile('/x/f', '1');
    fs.writeFile('/x/y/g', '2');
    expect(fs.list('/x')).toEqual(['f', 'y']);
    expect(fs.walk('/x')).toEqual({ dirs: ['y'], files: { f: '1', 'y/g': '2' } });
    fs.clearDir('/x');
    expect(fs.list('/x')).toEqual([]);
    fs.remove('/x');
    expect(fs.stat('/x')).toBeUndefined();
  });
});
