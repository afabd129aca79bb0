/**
 * Worker process for batch.ts: runs the real grade CLI (`run` from src/cli/main.ts with its real
 * dependencies, exactly what scripts/grade.ts calls) once per job it is sent over IPC, one job at
 * a time, with the job's output captured. Loading the modules once per worker instead of once per
 * run is what makes a corpus of a hundred runs take seconds. Protocol (process.send):
 *   parent -> worker  { id, args }                     run `grade <args>` in this process's cwd
 *   worker -> parent  { type: 'ready' }                 after start-up, once
 *   worker -> parent  { type: 'start', id }             before the run
 *   worker -> parent  { type: 'done', id, code, stdout, stderr, ms }
 */
import { run } from '../../src/cli/main.ts';
import { childEnv } from './run-cli.ts';

export interface Job {
  id: string;
  args: string[];
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'start'; id: string }
  | { type: 'done'; id: string; code: number; stdout: string; stderr: string; ms: number };

const send = (m: WorkerMessage) => process.send!(m);

async function handle(job: Job): Promise<void> {
  send({ type: 'start', id: job.id });
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  let code: number;
  try {
    code = await run(job.args, {
      stdout: { write: (s: string) => ((stdout += s), true) },
      stderr: { write: (s: string) => ((stderr += s), true) },
      env: childEnv() as Record<string, string | undefined>,
      cwd: process.cwd(),
      isTTY: false,
    });
  } catch (err) {
    // run() must never reject; if it does, the test sees the stack.
    code = -1;
    stderr += `run() rejected: ${err instanceof Error ? err.stack : String(err)}\n`;
  }
  send({ type: 'done', id: job.id, code, stdout, stderr, ms: Math.round(performance.now() - started) });
}

let queue = Promise.resolve();
process.on('message', (job: Job) => {
  queue = queue.then(() => handle(job));
});
send({ type: 'ready' });
