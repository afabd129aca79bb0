/**
 * One `npm run cluster:up` at a time per build cache: a second one would delete the first one's
 * half-built products (a build script removes its output directory before it starts). The lock is
 * a file holding the owner's pid, made with O_EXCL; a lock whose process is gone is taken over.
 * Contract: acquire() returns a release function, or throws LockHeldError naming the holder.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class LockHeldError extends Error {
  constructor(readonly pid: number, readonly file: string) {
    super(`${file} is held by pid ${pid}`);
    this.name = 'LockHeldError';
  }
}

/** True when a process with this pid exists (signal 0 asks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock at `file` for this process; throws LockHeldError while another live process has it. */
export function acquireLock(file: string, pid: number = process.pid): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return () => {
        try {
          if (Number(readFileSync(file, 'utf8').trim()) === pid) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 1 && holder !== pid && alive(holder)) throw new LockHeldError(holder, file);
      rmSync(file, { force: true });
    }
  }
  throw new LockHeldError(-1, file);
}
