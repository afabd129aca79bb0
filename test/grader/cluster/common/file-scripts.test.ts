/**
 * The read/write scripts run for real here, with every shell present (dash, bash, and busybox sh
 * when installed: busybox is what the course's containers run), exactly as the container runtime
 * runs them: argv ["sh", "-c", SCRIPT, "--", path], data on stdin. Adversarial paths must land as
 * file names and never run.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createExecaRunner } from '../../../../src/grader/exec/runner.ts';
import { ABSENT_EXIT, ABSENT_MARKER, DF_SCRIPT, READ_SCRIPT, WRITE_SCRIPT, dfOutcome, dfTotalBytes, readOutcome, writeOutcome } from '../../../../src/grader/cluster/common/file-scripts.ts';
import { ExecError } from '../../../../src/grader/cluster/cluster.ts';

function available(shell: string[]): boolean {
  try {
    execFileSync(shell[0], [...shell.slice(1), '-c', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const SHELLS = [['sh'], ['bash'], ['busybox', 'sh']].filter(available);
const runner = createExecaRunner();

const ADVERSARIAL = [`a'; touch PWNED; #`, '$(touch PWNED)', '`touch PWNED`', 'x; touch PWNED', 'new\nline', '-rf', '--', '"quoted"', '*', 'sp ace'];

describe.each(SHELLS.map((s) => [s.join(' '), s] as const))('scripts under %s', (_label, shell) => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'file-scripts-'));
  });

  const run = (script: string, path: string, data?: string) =>
    runner.run(shell[0], [...shell.slice(1), '-c', script, '--', path, ...(data === undefined ? [] : [data])], { reject: false, timeoutMs: 10_000 });

  it('writes its data argument byte for byte (newlines, %, backslashes) and reads it back', async () => {
    const data = 'token-1234\nsecond line %s %% \\n \\ $HOME `id`\n\n';
    const path = join(dir, 'token');
    expect((await run(WRITE_SCRIPT, path, data)).exitCode).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(data);
    const r = await run(READ_SCRIPT, path);
    expect(readOutcome(r, 'test')).toBe(data);
  });

  it('reports a missing file as absent (undefined), not as an error', async () => {
    const r = await run(READ_SCRIPT, join(dir, 'nothing-here'));
    expect(r.exitCode).toBe(ABSENT_EXIT);
    expect(r.stderr).toContain(ABSENT_MARKER);
    expect(readOutcome(r, 'test')).toBeUndefined();
  });

  it('refuses to write into a missing directory (no mkdir)', async () => {
    const r = await run(WRITE_SCRIPT, join(dir, 'missing', 'token'), 'x');
    expect(r.exitCode).not.toBe(0);
    expect(() => writeOutcome(r, 'write')).toThrow(ExecError);
  });

  it('a directory is not a readable file: error, not absent', async () => {
    mkdirSync(join(dir, 'sub'));
    const r = await run(READ_SCRIPT, join(dir, 'sub'));
    expect(() => readOutcome(r, 'test')).toThrow(ExecError);
  });

  it('a dangling symlink counts as present (read fails) rather than absent', async () => {
    symlinkSync(join(dir, 'gone'), join(dir, 'link'));
    const r = await run(READ_SCRIPT, join(dir, 'link'));
    expect(() => readOutcome(r, 'test')).toThrow(ExecError);
  });

  it('df: the total size of the file system holding a path, as df -kP says; absent for a missing path', async () => {
    const r = await run(DF_SCRIPT, dir);
    const size = dfOutcome(r, 'test');
    const expected = Number(execFileSync('df', ['-kP', dir], { encoding: 'utf8' }).trim().split('\n')[1]!.trim().split(/\s+/)[1]) * 1024;
    expect(size).toBe(expected);
    expect(size).toBeGreaterThan(0);
    expect(dfOutcome(await run(DF_SCRIPT, join(dir, 'nothing-here')), 'test')).toBeUndefined();
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
  });

  it.each(ADVERSARIAL)('treats the path %j as a name, never as code', async (name) => {
    const path = join(dir, name);
    const w = await run(WRITE_SCRIPT, path, 'safe');
    expect(w.exitCode).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('safe');
    expect(readOutcome(await run(READ_SCRIPT, path), 'test')).toBe('safe');
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    expect(existsSync(join(process.cwd(), 'PWNED'))).toBe(false);
  });
});

describe('readOutcome / writeOutcome interpret the runner result', () => {
  const r = (over: Partial<{ stdout: string; stderr: string; exitCode: number; failure: 'timeout' }>) => ({ stdout: '', stderr: '', exitCode: 0, durationMs: 1, command: 'kubectl exec', ...over });

  it('exit 66 without the marker is not "absent" (some other program chose 66)', () => {
    expect(() => readOutcome(r({ exitCode: 66, stderr: 'other' }), 'p/c')).toThrow(ExecError);
  });

  it('explains a container without a shell', () => {
    // kubectl exec's real message for an image without sh (kubernetes/website debug-running-pod.md).
    const oci = 'OCI runtime exec failed: exec failed: container_linux.go:346: starting container process caused "exec: \\"sh\\": executable file not found in $PATH": unknown';
    expect(() => writeOutcome(r({ exitCode: 126, stderr: oci }), 'write /x in p/c')).toThrow(/no \/bin\/sh/);
  });

  it('explains a container that is not running', () => {
    expect(() => readOutcome(r({ exitCode: 1, stderr: 'error: unable to upgrade connection: container not found ("writer")' }), 'p/writer')).toThrow(/not running/);
  });

  it('dfTotalBytes reads the second field of the line after the header (busybox and coreutils alike)', () => {
    expect(dfTotalBytes('Filesystem     1024-blocks  Used Available Capacity Mounted on\n/dev/loop3         1014656 40128    974528       4% /data\n', 'p/c')).toBe(1014656 * 1024);
    expect(dfTotalBytes('Filesystem           1024-blocks    Used Available Capacity Mounted on\noverlay               101203948  9013324  86997248   9% /\n', 'p/c')).toBe(101203948 * 1024);
    expect(() => dfTotalBytes('df: /data: No such file or directory\n', 'p/c')).toThrow(ExecError);
    expect(() => dfOutcome(r({ exitCode: 1, stderr: 'df: unrecognized option' }), 'p/c')).toThrow(/file system size/);
  });

  it('names a timeout', () => {
    expect(() => writeOutcome(r({ exitCode: -1, failure: 'timeout' }), 'write /x')).toThrow(/timed out/);
  });
});
