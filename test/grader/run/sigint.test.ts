import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHILD = join(ROOT, 'test/fixtures/runner/sigint-child.ts');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Ctrl-C with a real process', () => {
  it('stops the hanging step, cleans up and exits 130', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sigint-'));
    const marker = join(dir, 'cleaned');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, marker], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, signal) => done({ code, signal })),
    );
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`no "step started" within 15 s; stderr: ${stderr}`)), 15_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('step started')) {
          clearTimeout(timer);
          ready();
        }
      });
      child.on('exit', () => fail(new Error(`child exited early; stderr: ${stderr}`)));
    });
    expect(existsSync(marker)).toBe(false);
    const sentAt = Date.now();
    child.kill('SIGINT');
    const { code, signal } = await exit;
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect({ code, signal, stderr }).toEqual({ code: 130, signal: null, stderr: '' });
    expect(readFileSync(marker, 'utf8')).toBe('cleaned up\n');
    const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { error: unknown; statuses: string[] };
    expect(summary).toEqual({ error: { kind: 'interrupted' }, statuses: ['hang:skipped', 'after:skipped'] });
  });
});
