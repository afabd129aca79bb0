/**
 * Runs many grade CLI invocations fast and safely: a few worker processes (batch-worker.ts) each
 * run the real CLI in-process, one job at a time, while this side keeps a wall-clock limit per
 * job. A job that overruns (a hang, a busy loop, runaway work) gets its worker killed and is
 * reported as timed out; a replacement worker takes the remaining jobs. Output a job writes past
 * the CLI's own streams (a library writing to process.stderr, a crash) is kept with that job.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import type { Job, WorkerMessage } from './batch-worker.ts';
import { childEnv, ROOT, TSX_LOADER, type CliRun } from './run-cli.ts';

const WORKER = resolve(import.meta.dirname, 'batch-worker.ts');

export interface BatchJob extends Job {
  /** Wall-clock limit for this job, in milliseconds. */
  limitMs: number;
}

interface Worker {
  child: ChildProcess;
  current?: { job: BatchJob; started: number; timer: ReturnType<typeof setTimeout>; rawOut: string; rawErr: string };
}

/** Runs every job; resolves with one CliRun per job id (never rejects for a job's behaviour). */
export function runBatch(jobs: BatchJob[], workers = Math.max(1, Math.min(4, cpus().length))): Promise<Map<string, CliRun>> {
  const results = new Map<string, CliRun>();
  const queue = [...jobs];
  let live = 0;
  return new Promise((done, fail) => {
    const finish = () => {
      if (results.size === jobs.length) done(results);
    };

    const next = (w: Worker) => {
      const job = queue.shift();
      if (!job) {
        w.child.kill();
        return;
      }
      const timer = setTimeout(() => {
        const cur = w.current!;
        results.set(job.id, { code: null, signal: 'SIGKILL', stdout: cur.rawOut, stderr: cur.rawErr, ms: Date.now() - cur.started, timedOut: true });
        w.current = undefined;
        w.child.kill('SIGKILL');
        finish();
      }, job.limitMs);
      w.current = { job, started: Date.now(), timer, rawOut: '', rawErr: '' };
      w.child.send({ id: job.id, args: job.args } satisfies Job);
    };

    const start = () => {
      live += 1;
      const child = fork(WORKER, [], {
        cwd: ROOT,
        env: childEnv(),
        execArgv: ['--import', TSX_LOADER],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      const w: Worker = { child };
      child.stdout!.setEncoding('utf8').on('data', (s: string) => w.current && (w.current.rawOut += s));
      child.stderr!.setEncoding('utf8').on('data', (s: string) => w.current && (w.current.rawErr += s));
      child.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') next(w);
        else if (m.type === 'done' && w.current?.job.id === m.id) {
          const cur = w.current;
          clearTimeout(cur.timer);
          w.current = undefined;
          results.set(m.id, { code: m.code, signal: null, stdout: m.stdout + cur.rawOut, stderr: m.stderr + cur.rawErr, ms: m.ms, timedOut: false });
          finish();
          next(w);
        }
      });
      child.on('error', fail);
      child.on('exit', (code, signal) => {
        live -= 1;
        const cur = w.current;
        if (cur) {
          // The worker died in the middle of a job (crash, out of memory): that job failed.
          clearTimeout(cur.timer);
          results.set(cur.job.id, { code, signal, stdout: cur.rawOut, stderr: cur.rawErr, ms: Date.now() - cur.started, timedOut: false });
          w.current = undefined;
          finish();
        }
        if (queue.length > 0 && live < workers) start();
      });
    };

    if (jobs.length === 0) return done(results);
    for (let i = 0; i < Math.min(workers, jobs.length); i++) start();
  });
}
