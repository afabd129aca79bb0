/**
 * Runs the steps of a bring-up one after another with progress a person can follow: a spinner
 * with the elapsed time and the last line of the step's log on a terminal, plain start / "still
 * running" / done lines elsewhere (CI). Every command's output goes to <logs>/<step>.log; a failed
 * step stops the run with StepFailedError (its command, exit code and the log's last lines).
 * Aborting (Ctrl-C) kills the step's whole process group and rejects with the abort reason, except
 * for a command marked finishOnAbort (apt-get), which is left to finish first. Each command runs in
 * a process group of its own, so the terminal's Ctrl-C reaches only this process.
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import ora from 'ora';
import { fill, type Lang, type Localized } from '../i18n/lang.ts';
import { formatDuration, lastLine, tail } from './format.ts';
import { msg } from './messages.ts';
import type { StepCommand } from './steps.ts';

export interface ProgressIo {
  /** Progress and errors (stderr). */
  err: { write(text: string): unknown };
  isTTY: boolean;
  lang: Lang;
}

export interface StepContext {
  /** Runs a command, its output appended to the step's log. Rejects with CommandFailedError. */
  exec(cmd: StepCommand): Promise<void>;
  /** A line for the step's log (and the spinner). */
  log(line: string): void;
  signal: AbortSignal;
  logFile: string;
}

export interface ExecStep {
  id: string;
  title: Localized;
  coldEstimate?: string;
  /** A short label ("cached") when the step has nothing to do. */
  skip?: () => Promise<Localized | undefined>;
  /** What to do after a failure, when it is not "run cluster:up again" (a step of another command). */
  retryHint?: Localized;
  /** Does the work; may resolve to a label shown after "done" (e.g. "reused"). */
  run: (ctx: StepContext) => Promise<Localized | void>;
}

export class CommandFailedError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number,
  ) {
    super(`${command} exited with ${exitCode}`);
    this.name = 'CommandFailedError';
  }
}

/** A step failed: what to print is in lines (already in the user's language). */
export class StepFailedError extends Error {
  constructor(
    readonly stepId: string,
    readonly lines: string[],
  ) {
    super(lines.join('\n'));
    this.name = 'StepFailedError';
  }
}

const STILL_RUNNING_EVERY_MS = 60_000;

function stepLogName(id: string): string {
  return `${id.replace(/[^a-z0-9-]+/gi, '-')}.log`;
}

/** How long one step took, and whether it had nothing to do. */
export interface StepTiming {
  id: string;
  ms: number;
  skipped: boolean;
}

/** Runs the steps in order; resolves with their timings when all are done. */
export async function runSteps(steps: ExecStep[], io: ProgressIo, logsDir: string, signal: AbortSignal): Promise<StepTiming[]> {
  mkdirSync(logsDir, { recursive: true });
  const total = steps.length;
  const timings: StepTiming[] = [];
  for (const [i, step] of steps.entries()) {
    if (signal.aborted) throw signal.reason;
    const head = fill(msg.stepStart, { n: i + 1, total, title: step.title[io.lang] })[io.lang];
    const started = Date.now();
    const skipped = await step.skip?.();
    if (skipped) {
      io.err.write(`✓ ${head} · ${skipped[io.lang]}\n`);
      timings.push({ id: step.id, ms: Date.now() - started, skipped: true });
      continue;
    }
    await runOne(step, head, io, join(logsDir, stepLogName(step.id)), signal);
    timings.push({ id: step.id, ms: Date.now() - started, skipped: false });
  }
  return timings;
}

async function runOne(step: ExecStep, head: string, io: ProgressIo, logFile: string, signal: AbortSignal): Promise<void> {
  const log = createWriteStream(logFile, { flags: 'w' });
  let last = '';
  const started = Date.now();
  const estimate = step.coldEstimate ? ` (${fill(msg.coldEstimate, { estimate: step.coldEstimate })[io.lang]})` : '';
  const spinner = io.isTTY ? ora({ text: `${head}${estimate}`, stream: io.err as NodeJS.WritableStream, discardStdin: false }).start() : undefined;
  if (!spinner) io.err.write(`… ${head}${estimate}\n`);
  const tick = setInterval(
    () => {
      const elapsed = formatDuration(Date.now() - started);
      if (spinner) spinner.text = `${head} · ${elapsed}${last ? ` · ${last}` : ''}`;
      else io.err.write(`${fill(msg.stillRunning, { time: elapsed, last: last || '…' })[io.lang]}\n`);
    },
    spinner ? 1000 : STILL_RUNNING_EVERY_MS,
  );
  const note = (text: string) => {
    log.write(text);
    const l = lastLine(text);
    if (l) last = l;
  };
  const ctx: StepContext = {
    signal,
    logFile,
    log: (line) => note(`${line}\n`),
    exec: (cmd) => execStreaming(cmd, note, signal),
  };
  try {
    const label = await step.run(ctx);
    const done = `${fill(msg.doneIn, { time: formatDuration(Date.now() - started) })[io.lang]}${label ? ` · ${label[io.lang]}` : ''}`;
    if (spinner) spinner.succeed(`${head} · ${done}`);
    else io.err.write(`✓ ${head} · ${done}\n`);
  } catch (err) {
    if (spinner) spinner.fail(head);
    else io.err.write(`✗ ${head}\n`);
    await new Promise<void>((r) => log.end(r));
    if (signal.aborted) throw signal.reason;
    throw failure(step, err, logFile, io.lang);
  } finally {
    clearInterval(tick);
    if (!log.closed) await new Promise<void>((r) => log.end(r));
  }
}

function failure(step: ExecStep, err: unknown, logFile: string, lang: Lang): StepFailedError {
  const lines = [fill(msg.stepFailed, { title: step.title[lang] })[lang]];
  if (err instanceof CommandFailedError) lines.push(fill(msg.exitedWith, { command: err.command, code: err.exitCode })[lang]);
  else if (err instanceof StepFailedError) lines.push(...err.lines);
  else lines.push(err instanceof Error ? err.message : String(err));
  let logText = '';
  try {
    logText = readFileSync(logFile, 'utf8');
  } catch {
    // no log: the step failed before writing one
  }
  const last = tail(logText, 15);
  if (last.length > 0) lines.push(fill(msg.lastLines, { log: logFile })[lang], ...last.map((l) => `  ${l}`));
  lines.push((step.retryHint ?? msg.retryHint)[lang]);
  return new StepFailedError(step.id, lines);
}

/**
 * Runs one command in its own process group, its stdout and stderr streamed to note(). Abort
 * sends SIGTERM to the whole group (the build scripts trap it and clean up), then SIGKILL after 10 s.
 */
export async function execStreaming(cmd: StepCommand, note: (text: string) => void, signal: AbortSignal): Promise<void> {
  const shown = [cmd.file, ...cmd.args.map((a) => (/^[\w./:=@,+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`))].join(' ');
  note(`$ ${shown}\n`);
  const child = execa(cmd.file, cmd.args, {
    env: cmd.env,
    extendEnv: true,
    stdin: 'ignore',
    all: true,
    buffer: false,
    reject: false,
    detached: true,
  });
  const killGroup = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      // the group is already gone
    }
  };
  let hardKill: NodeJS.Timeout | undefined;
  const onAbort = () => {
    if (cmd.finishOnAbort) {
      note(`\n${msg.finishingBeforeStop.en} / ${msg.finishingBeforeStop['zh-cn']}\n`);
      return;
    }
    killGroup('SIGTERM');
    hardKill = setTimeout(() => killGroup('SIGKILL'), 10_000);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  child.all?.setEncoding('utf8');
  child.all?.on('data', (chunk: string) => note(chunk));
  try {
    const result = await child;
    if (signal.aborted) throw signal.reason;
    if (result.exitCode !== 0) throw new CommandFailedError(shown.length > 160 ? `${shown.slice(0, 157)}…` : shown, result.exitCode ?? -1);
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (hardKill) clearTimeout(hardKill);
  }
}
