/**
 * Runs the commands of a lesson's walk-through steps, in order, in one bash session (so a variable
 * one step sets, such as NODE, is there in the next, as in the student's terminal), and returns
 * what each command printed (stdout and stderr together, in the order they were written) and its
 * exit code. Commands run exactly as written; nothing is added to them. Between two commands the
 * session prints a marker line with a random nonce, which is how the output is cut.
 *
 * Contracts:
 * - stdin is /dev/null; the session's working directory is cwd; env is the whole environment.
 * - A command still running after commandTimeoutMs is stopped with its whole process group, and
 *   the run rejects with SessionError (commandHung, naming file:line).
 * - Aborting the signal kills the process group and rejects with the signal's reason.
 * - Output is normalised as a terminal would show it: ANSI escapes removed, CRLF made LF, and of a
 *   line rewritten with CR only the last version kept.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fill, type Localized } from '../i18n/lang.ts';
import { formatDuration } from '../local-cluster/format.ts';
import type { CapturedCommand } from './capture-file.ts';
import { msg } from './messages.ts';
import type { StepCommand, WalkthroughStep } from './step-file.ts';

export interface CommandEvent {
  step: WalkthroughStep;
  /** 0-based index of the command within its step. */
  index: number;
  command: StepCommand;
  /** Set when the command has ended. */
  result?: CapturedCommand;
}

export interface SessionOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  commandTimeoutMs: number;
  signal?: AbortSignal;
  onStart?(event: CommandEvent): void;
  onDone?(event: CommandEvent): void;
}

export interface SessionStepResult {
  step: string;
  commands: CapturedCommand[];
}

export class SessionError extends Error {
  constructor(readonly localized: Localized) {
    super(localized.en);
    this.name = 'SessionError';
  }
}

// CSI and OSC sequences, and single-character escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;

/** The output as a terminal would leave it on screen (see the contract above). */
export function normaliseOutput(raw: string): string {
  return raw
    .replace(ANSI, '')
    .replace(/\r+\n/g, '\n')
    .split('\n')
    .map((line) => {
      const parts = line.split('\r').filter((p) => p !== '');
      return parts.at(-1) ?? '';
    })
    .join('\n');
}

/** The bash script of a session: each command between two marker lines. */
export function sessionScript(steps: WalkthroughStep[], nonce: string): string {
  const out = ['exec 2>&1'];
  let k = 0;
  for (const step of steps) {
    for (const command of step.commands) {
      out.push(`printf '\\n@@${nonce} begin ${k}\\n'`, command.text, `printf '\\n@@${nonce} end ${k} %d\\n' "$?"`);
      k++;
    }
  }
  return `${out.join('\n')}\n`;
}

export function runSession(steps: WalkthroughStep[], opts: SessionOptions): Promise<SessionStepResult[]> {
  const flat = steps.flatMap((step) => step.commands.map((command, index) => ({ step, index, command })));
  const nonce = `wt${randomBytes(8).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'walkthrough-'));
  const script = join(dir, 'session.sh');
  writeFileSync(script, sessionScript(steps, nonce));
  const results: CapturedCommand[] = [];
  const marker = new RegExp(`\\n@@${nonce} (begin|end) (\\d+)(?: (-?\\d+))?\\n`);

  return new Promise<SessionStepResult[]>((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', script], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let buffer = '';
    let current: { k: number; started: number } | undefined;
    let failure: Error | undefined;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setInterval(() => {
      if (!current || failure) return;
      const elapsed = Date.now() - current.started;
      if (elapsed > opts.commandTimeoutMs) {
        const { step, command } = flat[current.k];
        failure = new SessionError(fill(msg.commandHung, { file: step.file, line: String(command.line), command: command.text, time: formatDuration(elapsed) }));
        killGroup();
      }
    }, 250);
    const onAbort = () => {
      failure = opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('aborted');
      killGroup();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const consume = () => {
      for (;;) {
        const m = marker.exec(buffer);
        if (!m) return;
        const [, kind, kText, codeText] = m;
        const k = Number(kText);
        if (kind === 'begin') {
          current = { k, started: Date.now() };
          opts.onStart?.(flat[k]);
          buffer = buffer.slice(m.index + m[0].length);
        } else {
          const output = normaliseOutput(buffer.slice(0, m.index));
          const result: CapturedCommand = {
            command: flat[k].command.text,
            exitCode: Number(codeText),
            output: output === '' || output.endsWith('\n') ? output : `${output}\n`,
            seconds: Math.round((Date.now() - (current?.started ?? Date.now())) / 100) / 10,
          };
          results.push(result);
          opts.onDone?.({ ...flat[k], result });
          current = undefined;
          buffer = buffer.slice(m.index + m[0].length);
        }
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      consume();
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffer += chunk;
    });
    child.on('error', (err) => {
      failure ??= err;
    });
    child.on('close', (code) => {
      clearInterval(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      rmSync(dir, { recursive: true, force: true });
      if (failure) return reject(failure);
      if (results.length !== flat.length) {
        return reject(new SessionError(fill(msg.sessionEnded, { lesson: steps[0]?.file.split('/')[1] ?? '', code: String(code) })));
      }
      let i = 0;
      resolve(steps.map((step) => ({ step: step.id, commands: step.commands.map(() => results[i++]) })));
    });
  });
}
