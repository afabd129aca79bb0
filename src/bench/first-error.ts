/**
 * Time to first static error, as a student feels it: a fresh process grades a submission with a
 * schema error, and the clock stops when the first `file:line:col` line reaches stdout. Measured
 * for `npm run grade -- ...` and for the plain `node --import tsx scripts/grade.ts ...`.
 */
import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { since } from './stats.ts';

export interface FirstErrorRun {
  /** Milliseconds from spawn to the first error line on stdout (null: none appeared). */
  firstErrorMs: number | null;
  /** Milliseconds from spawn to exit. */
  exitMs: number;
  code: number | null;
  /** The error line seen (for the record). */
  line?: string;
}

/** A line that points into a YAML file: `path/file.yaml:12:9: ...` */
export const ERROR_LINE = /\.ya?ml:\d+:\d+/;

/**
 * Copies lesson 1's reference answer to `dir` with one typo a student makes (volumeMount for
 * volumeMounts): an unknown-field error, found by schema validation, before any cluster work.
 */
export function makeStaticErrorSubmission(root: string, dir: string): string {
  const solution = join(root, 'lessons/01-emptydir/solution');
  cpSync(solution, dir, { recursive: true });
  const file = readdirSync(dir).find((f) => /\.ya?ml$/.test(f));
  if (!file) throw new Error(`no YAML file in ${solution}`);
  const text = readFileSync(join(dir, file), 'utf8');
  const broken = text.replace('volumeMounts:', 'volumeMount:');
  if (broken === text) throw new Error(`${solution}/${file} has no volumeMounts: to break`);
  writeFileSync(join(dir, file), broken);
  return dir;
}

/** Spawns command and resolves when it exits; stops the first-error clock at the first ERROR_LINE on stdout. */
export function timeFirstError(command: string, args: string[], cwd: string, limitMs = 60_000): Promise<FirstErrorRun> {
  const start = performance.now();
  const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', CI: '', GITHUB_ACTIONS: '' }, stdio: ['ignore', 'pipe', 'ignore'] });
  const run: FirstErrorRun = { firstErrorMs: null, exitMs: 0, code: null };
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    if (run.firstErrorMs !== null) return;
    buffered += chunk;
    const line = buffered.split('\n').find((l) => ERROR_LINE.test(l));
    if (line !== undefined) {
      run.firstErrorMs = since(start);
      run.line = line.trim();
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((done, fail) => {
    child.on('error', (err) => {
      clearTimeout(timer);
      fail(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      run.exitMs = since(start);
      run.code = code;
      done(run);
    });
  });
}
