/**
 * A tiny in-memory POSIX-like filesystem: absolute paths, directories and text files. Used for
 * each node's own disk, each NFS server's disk and each container instance's writable layer.
 * Writing needs an existing parent directory (like `echo x > /a/b`), mkdirp creates parents.
 */

export type FsErrorCode = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST';

/** A failed filesystem operation; code follows errno names. */
export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(`${code}: ${path}`);
    this.name = 'FsError';
  }
}

type Entry = { type: 'dir' } | { type: 'file'; data: string };

/** Normalizes a path: absolute, no "." / ".." / duplicate or trailing slashes. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** Joins path segments and normalizes. */
export function joinPath(...parts: string[]): string {
  return normalizePath(parts.join('/'));
}

/** The parent directory of a normalized path ("/" for "/"). */
export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** True if path is base itself or inside it. */
export function isUnder(path: string, base: string): boolean {
  return base === '/' || path === base || path.startsWith(base + '/');
}

/** One filesystem: absolute paths to directories and text files. */
export class MemFs {
  private entries = new Map<string, Entry>([['/', { type: 'dir' }]]);

  /** Creates a filesystem holding the given directories (and their parents). */
  constructor(dirs: string[] = []) {
    for (const d of dirs) this.mkdirp(d);
  }

  /** An independent copy of the whole filesystem (a snapshot's frozen copy of a volume). */
  clone(): MemFs {
    const copy = new MemFs();
    copy.entries = new Map([...this.entries].map(([k, e]) => [k, { ...e }]));
    return copy;
  }

  /** 'dir', 'file' or undefined when absent. */
  stat(path: string): 'dir' | 'file' | undefined {
    return this.entries.get(normalizePath(path))?.type;
  }

  /** Creates a directory and missing parents; fails with ENOTDIR if a file is in the way. */
  mkdirp(path: string): void {
    let p = '';
    for (const part of normalizePath(path).split('/').slice(1)) {
      if (!part) continue;
      p += '/' + part;
      const kind = this.entries.get(p)?.type;
      if (kind === 'file') throw new FsError('ENOTDIR', p);
      if (!kind) this.entries.set(p, { type: 'dir' });
    }
  }

  /** Writes (or appends to) a file; the parent must be a directory, the target must not be one. */
  writeFile(path: string, data: string, append = false): void {
    const p = normalizePath(path);
    const parent = this.entries.get(parentPath(p));
    if (!parent) throw new FsError('ENOENT', p);
    if (parent.type !== 'dir') throw new FsError('ENOTDIR', p);
    const existing = this.entries.get(p);
    if (existing?.type === 'dir') throw new FsError('EISDIR', p);
    this.entries.set(p, { type: 'file', data: append && existing?.type === 'file' ? existing.data + data : data });
  }

  /** Reads a file; undefined when absent; EISDIR for a directory. */
  readFile(path: string): string | undefined {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (!e) return undefined;
    if (e.type === 'dir') throw new FsError('EISDIR', p);
    return e.data;
  }

  /** Removes a file or a directory with everything under it (no error when absent). */
  remove(path: string): void {
    const p = normalizePath(path);
    if (p === '/') {
      this.clearDir('/');
      return;
    }
    for (const key of [...this.entries.keys()]) if (isUnder(key, p)) this.entries.delete(key);
  }

  /** Removes everything inside a directory, keeping the directory. */
  clearDir(path: string): void {
    const p = normalizePath(path);
    for (const key of [...this.entries.keys()]) if (key !== p && isUnder(key, p)) this.entries.delete(key);
  }

  /** Names of a directory's direct children, sorted; ENOENT / ENOTDIR as appropriate. */
  list(path: string): string[] {
    const p = normalizePath(path);
    const e = this.entries.get(p);
    if (!e) throw new FsError('ENOENT', p);
    if (e.type !== 'dir') throw new FsError('ENOTDIR', p);
    const names: string[] = [];
    for (const key of this.entries.keys()) if (key !== p && isUnder(key, p) && parentPath(key) === p) names.push(key.slice(p === '/' ? 1 : p.length + 1));
    return names.sort();
  }

  /** Everything under a directory as sorted relative paths: directories and files with content. */
  walk(path: string): { dirs: string[]; files: Record<string, string> } {
    const p = normalizePath(path);
    const dirs: string[] = [];
    const files: Record<string, string> = {};
    const keys = [...this.entries.keys()].filter((k) => k !== p && isUnder(k, p)).sort();
    for (const key of keys) {
      const rel = key.slice(p === '/' ? 1 : p.length + 1);
      const e = this.entries.get(key)!;
      if (e.type === 'dir') dirs.push(rel);
      else files[rel] = e.data;
    }
    return { dirs, files };
  }
}
