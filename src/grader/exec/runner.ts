/**
 * Every external command (kind, kubectl, docker, podman) runs through a CommandRunner, injected
 * into the back ends through their constructors (kind's exec.Cmder idea, without its global).
 * The execa implementation always sets a timeout and a cancel signal and never uses a shell.
 */
import { execa } from 'execa';
import { escapeCommand } from './escape.ts';

export interface RunOptions {
  /** Data written to the command's stdin (stdin is closed when absent). */
  input?: string;
  /** Kills the command after this many milliseconds (default 60 s). */
  timeoutMs?: number;
  /** Aborting kills the command (Ctrl-C, step deadline). */
  signal?: AbortSignal;
  /** When true (default) a non-zero exit, a timeout, a cancel or a spawn failure throws RunError. */
  reject?: boolean;
  /** Extra environment variables (the parent environment is inherited). */
  env?: Record<string, string>;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** The exit code; 127 when the program could not be started, -1 after a timeout or cancel. */
  exitCode: number;
  durationMs: number;
  /** The command as a paste-able shell line (display only). */
  command: string;
  /** Why the command did not finish normally, if it did not. */
  failure?: 'timeout' | 'canceled' | 'not-found' | 'spawn';
}

export interface CommandRunner {
  /** Runs file with args (no shell). Resolves with the result; rejects with RunError per opts.reject. */
  run(file: string, args: readonly string[], opts?: RunOptions): Promise<RunResult>;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/** A command failed: carries the escaped command and everything it printed. */
export class RunError extends Error {
  constructor(readonly result: RunResult) {
    super(describeFailure(result));
    this.name = 'RunError';
  }
}

/** One line describing how a command ended, for errors. */
export function describeFailure(r: RunResult): string {
  const how =
    r.failure === 'timeout'
      ? 'timed out'
      : r.failure === 'canceled'
        ? 'was canceled'
        : r.failure === 'not-found'
          ? 'could not start (program not found)'
          : r.failure === 'spawn'
            ? 'could not start'
            : `failed with exit code ${r.exitCode}`;
  const out = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-20).join('\n');
  return `command ${how}: ${r.command}${out ? `\n${out}` : ''}`;
}

/** The --trace line for a finished command. */
export function traceLine(r: RunResult, inputBytes?: number): string {
  const status = r.failure ?? `exit ${r.exitCode}`;
  const stdin = inputBytes === undefined ? '' : ` (stdin ${inputBytes} B)`;
  return `[trace] ${String(Math.round(r.durationMs)).padStart(6)} ms  ${status}  ${r.command}${stdin}`;
}

/** Throws RunError when the result is a failure and reject is not false; returns the result. */
export function settle(r: RunResult, opts: RunOptions | undefined): RunResult {
  const failed = r.failure !== undefined || r.exitCode !== 0;
  if (failed && opts?.reject !== false) throw new RunError(r);
  return r;
}

/** The real runner, built on execa. `trace` receives one line per command with its duration. */
export function createExecaRunner(opts: { trace?: (line: string) => void } = {}): CommandRunner {
  return {
    async run(file, args, runOpts = {}) {
      const command = escapeCommand(file, args);
      const started = performance.now();
      const res = await execa(file, [...args], {
        ...(runOpts.input === undefined ? { stdin: 'ignore' as const } : { input: runOpts.input }),
        timeout: runOpts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        cancelSignal: runOpts.signal,
        env: runOpts.env,
        reject: false,
        stripFinalNewline: false,
        forceKillAfterDelay: 3_000,
      });
      const failure = res.timedOut
        ? 'timeout'
        : res.isCanceled
          ? 'canceled'
          : res.exitCode === undefined && res.failed
            ? (res as { code?: string }).code === 'ENOENT'
              ? 'not-found'
              : 'spawn'
            : undefined;
      const stdout = typeof res.stdout === 'string' ? res.stdout : '';
      const stderr = typeof res.stderr === 'string' ? res.stderr : '';
      const result: RunResult = {
        stdout,
        stderr: failure && !stderr ? String(res.shortMessage ?? '') : stderr,
        exitCode: failure === 'not-found' || failure === 'spawn' ? 127 : (res.exitCode ?? -1),
        durationMs: performance.now() - started,
        command,
        ...(failure ? { failure } : {}),
      };
      opts.trace?.(traceLine(result, runOpts.input === undefined ? undefined : Buffer.byteLength(runOpts.input)));
      return settle(result, runOpts);
    },
  };
}
