import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockHeldError } from '../../src/local-cluster/lock.ts';

describe('the cluster:up lock', () => {
  it('lets one holder in, refuses a second live one with its pid, and is free again after release', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lock-')), 'up.lock');
    const release = acquireLock(file);
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(file, `${other.pid}\n`);
      expect(() => acquireLock(file)).toThrow(LockHeldError);
      try {
        acquireLock(file);
      } catch (err) {
        expect((err as LockHeldError).pid).toBe(other.pid);
      }
    } finally {
      other.kill();
    }
    writeFileSync(file, `${process.pid}\n`);
    release();
    expect(existsSync(file)).toBe(false);
    acquireLock(file)();
  });

  it('takes over a lock whose process is gone (a cluster:up that was killed)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lock-')), 'up.lock');
    const gone = spawn('true');
    await new Promise((r) => gone.on('exit', r));
    writeFileSync(file, `${gone.pid}\n`);
    const release = acquireLock(file);
    expect(existsSync(file)).toBe(true);
    release();
    expect(existsSync(file)).toBe(false);
  });
});
