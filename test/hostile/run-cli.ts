/**
 * Runs the real grade CLI (`node --import tsx scripts/grade.ts ...`) as a child process with a
 * wall-clock limit, collecting stdout, stderr, the exit code and how long it took. Shared by the
 * hostile corpus and the fault tests. A child that outlives its limit is killed (SIGKILL) and the
 * run is marked timedOut, so a hang fails the test instead of hanging it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository root (test/hostile/ -> ../../). */
export const ROOT = resolve(import.meta.dirname, '../..');
/** The CLI entry point the student runs through `npm run grade`. */
export const GRADE_SCRIPT = resolve(ROOT, 'scripts/grade.ts');
/** tsx's loader by absolute URL, so the child finds it whatever its working directory. */
export const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, in milliseconds. */
  ms: number;
  /** True when the child was killed because it ran past its limit. */
  timedOut: boolean;
}

export interface CliOptions {
  /** Kill the child after this many milliseconds. */
  limitMs: number;
  /** Working directory (default: the repository root). */
  cwd?: string;
  /** Extra environment variables (on top of a cleaned copy of this process's environment). */
  env?: Record<string, string>;
  /** Called with each chunk of output as it arrives (after it was appended to the run). */
  onOutput?: (stream: 'stdout' | 'stderr', chunk: string, child: ChildProcess) => void;
  /** Script to run instead of scripts/grade.ts (e.g. a test wrapper around the CLI). */
  script?: string;
}

/**
 * The environment the child gets: no colours, no CI or GitHub Actions detection (so reporters
 * and back-end selection are exactly what the arguments say), a neutral locale, as a student's shell.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key === 'CI' || key === 'NODE_ENV' || key.startsWith('GITHUB_') || key === 'FORCE_COLOR' || key.startsWith('VITEST') || key === 'NODE_OPTIONS') delete env[key];
  }
  return { ...env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...extra };
}

/** Spawns `node --import tsx <script> ...args`; resolves when it exits or was killed at the limit. */
export function runCli(args: string[], opts: CliOptions): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', TSX_LOADER, opts.script ?? GRADE_SCRIPT, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: childEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: CliRun = { code: null, signal: null, stdout: '', stderr: '', ms: 0, timedOut: false };
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    run.stdout += chunk;
    opts.onOutput?.('stdout', chunk, child);
  });
  child.stderr!.on('data', (chunk: string) => {
    run.stderr += chunk;
    opts.onOutput?.('stderr', chunk, child);
  });
  const timer = setTimeout(() => {
    run.timedOut = true;
    child.kill('SIGKILL');
  }, opts.limitMs);
  return new Promise((done, fail) => {
    child.on('error', (err) => {
      clearTimeout(timer);
      fail(err);
    });
    // 'close' (not 'exit'): all output has been read by then.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      run.code = code;
      run.signal = signal;
      run.ms = Date.now() - started;
      done(run);
    });
  });
}

/** Text that only a crash or a grader bug prints: stack frames and JS error class names. */
export const CRASH_PATTERNS: readonly RegExp[] = [
  /^\s{4}at\s/m,
  /\bTypeError\b/,
  /\bReferenceError\b/,
  /\bRangeError\b/,
  /\bSyntaxError\b/,
  /Cannot read propert(y|ies) of/,
  /is not a function/,
  /Maximum call stack size exceeded/,
  /ERR_[A-Z_]{4,}/,
  /JavaScript heap out of memory/,
];

/** The crash patterns found in text (empty when there are none). */
export function crashMarks(text: string): string[] {
  return CRASH_PATTERNS.filter((re) => re.test(text)).map((re) => {
    const m = re.exec(text)!;
    const start = text.lastIndexOf('\n', m.index) + 1;
    const end = text.indexOf('\n', m.index);
    return `${re}: ${text.slice(start, end < 0 ? undefined : end).trim()}`;
  });
}
