/**
 * Ctrl-C in each phase of a real run, in a real child process on the model back end. The child is
 * the real CLI with a slowed loader and a slowed model cluster (test/faults/fault-cli.ts) that
 * print a marker as each phase starts; the test sends SIGINT on the marker and checks: exit 130,
 * promptly; results.json written, with the exercise marked interrupted; nothing but the reports in
 * the out folder; cleanup ran to the end and left no object behind (or no cluster was touched).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { msg } from '../../src/grader/report/messages.ts';
import { crashMarks, ROOT, runCli, type CliRun } from '../hostile/run-cli.ts';
import { marker } from './slow-cluster.ts';

const FAULT_CLI = resolve(import.meta.dirname, 'fault-cli.ts');
const SOLUTION = join(ROOT, 'lessons/01-emptydir/solution');
const TMP = mkdtempSync(join(tmpdir(), 'faults-sigint-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Interrupted {
  run: CliRun;
  out: string;
  /** Milliseconds from the (first) SIGINT to the child's exit; undefined if none was sent. */
  afterSignalMs?: number;
}

/** Runs lesson 1's reference answer through fault-cli.ts and sends SIGINT on each given marker. */
async function interruptAt(name: string, markers: string[], env: Record<string, string> = {}, signal: 'SIGINT' | 'SIGTERM' = 'SIGINT'): Promise<Interrupted> {
  const dir = join(TMP, name, 'submission');
  cpSync(SOLUTION, dir, { recursive: true });
  const out = join(TMP, name, 'out');
  const args = ['lesson-1', '--dir', dir, '--cluster', 'model', '--lang', 'en', '--reporter', 'terminal,json,junit', '--out', out];
  let next = 0;
  let sentAt: number | undefined;
  let stderr = '';
  const run = await runCli(args, {
    script: FAULT_CLI,
    limitMs: 30_000,
    env: { FAULT_DELAY_MS: '20', ...env },
    onOutput(stream, chunk, child) {
      if (stream !== 'stderr') return;
      stderr += chunk;
      while (next < markers.length && stderr.split('\n').includes(markers[next]!)) {
        next += 1;
        sentAt ??= Date.now();
        child.kill(signal);
      }
    },
  });
  return { run, out, afterSignalMs: sentAt === undefined ? undefined : Date.now() - sentAt };
}

function report(out: string): { status: string; exercises: { error: { kind: string } | null }[] } {
  return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
}

/**
 * The operation named in `op` waits 3 s of real time, so Ctrl-C surely lands inside it; every other
 * operation waits 20 ms. `graded`: the verdict was complete before Ctrl-C, so the report need not
 * say interrupted.
 */
const PHASES = [
  { phase: 'parse (loading the submission)', op: 'load', cluster: false, graded: false },
  { phase: 'cluster start (prepare)', op: 'prepare', cluster: true, graded: false },
  { phase: 'apply', op: 'apply', cluster: true, graded: false },
  { phase: 'a step (writing the token)', op: 'writeFile', cluster: true, graded: false },
  { phase: 'cleanup', op: 'cleanup', cluster: true, graded: true },
];

describe('Ctrl-C in each phase (real child process, model back end)', () => {
  it.concurrent.each(PHASES)('$phase: exits 130 promptly, reports interrupted, leaves nothing behind', { timeout: 40_000 }, async ({ phase, op, cluster, graded }) => {
    const at = marker(op);
    const { run, out, afterSignalMs } = await interruptAt(phase.replace(/\W+/g, '-'), [at], { FAULT_SLOW: `${op}:3000` });
    const context = `\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
    expect(afterSignalMs, `marker ${at} never appeared${context}`).toBeDefined();
    expect({ code: run.code, signal: run.signal, timedOut: run.timedOut }, context).toEqual({ code: 130, signal: null, timedOut: false });
    expect(afterSignalMs!, context).toBeLessThan(5_000);
    expect(crashMarks(run.stdout + run.stderr), context).toEqual([]);
    // The report: written, and (unless every check had already run) the exercise is marked interrupted.
    expect(existsSync(join(out, 'results.json')), context).toBe(true);
    if (!graded) {
      expect(report(out).exercises[0]?.error?.kind, context).toBe('interrupted');
      expect(run.stdout, context).toContain(msg.interrupted.en);
    }
    // Nothing but the reports in the out folder (no temp or partial files).
    expect(readdirSync(out).sort()).toEqual(['junit.xml', 'results.json']);
    if (cluster) {
      // Cleanup ran to its end and the run left no object in the model.
      expect(run.stderr, context).toContain(marker('cleanup done leftovers=0'));
    } else {
      // Interrupted before any cluster work: no cluster was even prepared.
      expect(run.stderr, context).not.toContain(marker('prepare'));
    }
  });

  it('SIGTERM (a cancelled CI job, `timeout`) in a step cleans up exactly like Ctrl-C', { timeout: 40_000 }, async () => {
    const { run, out, afterSignalMs } = await interruptAt('sigterm-in-a-step', [marker('writeFile')], { FAULT_SLOW: 'writeFile:3000' }, 'SIGTERM');
    const context = `\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
    expect(afterSignalMs, context).toBeDefined();
    expect({ code: run.code, signal: run.signal, timedOut: run.timedOut }, context).toEqual({ code: 130, signal: null, timedOut: false });
    expect(report(out).exercises[0]?.error?.kind, context).toBe('interrupted');
    expect(run.stderr, context).toContain(marker('cleanup done leftovers=0'));
  });

  it('a second Ctrl-C during a slow cleanup leaves at once with 130', { timeout: 40_000 }, async () => {
    const { run, afterSignalMs } = await interruptAt('second-ctrl-c', [marker('writeFile'), marker('cleanup')], { FAULT_SLOW: 'writeFile:10000,cleanup:10000' });
    const context = `\n--- stderr ---\n${run.stderr}`;
    expect({ code: run.code, timedOut: run.timedOut }, context).toEqual({ code: 130, timedOut: false });
    // writeFile and cleanup each take 10 s: the first Ctrl-C must not wait for writeFile, the
    // second must not wait for cleanup.
    expect(afterSignalMs!, context).toBeLessThan(4_000);
    expect(run.stderr, context).not.toContain(marker('cleanup done'));
    expect(crashMarks(run.stdout + run.stderr), context).toEqual([]);
  });
});
