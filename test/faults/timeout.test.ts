/**
 * A step that can never complete times out with diagnostics. Lesson 1's reference answer, pinned
 * with a nodeSelector no node has, stays Pending (Unschedulable) forever; with `--timeout 5` the
 * real CLI on the model must fail the "pod runs" step within 5 s of cluster time, say it waited,
 * show what it observed and attach the diagnostics (events), in both languages, and exit 1
 * promptly in real time.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGS } from '../../src/i18n/lang.ts';
import { crashMarks, ROOT, runCli } from '../hostile/run-cli.ts';

const TMP = mkdtempSync(join(tmpdir(), 'faults-timeout-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Test {
  name: string;
  status: string;
  message: string | null;
  output: string | null;
}

/** The solution with a nodeSelector that matches no node. */
function unschedulable(): string {
  const dir = join(TMP, 'submission');
  mkdirSync(dir, { recursive: true });
  const pod = readFileSync(join(ROOT, 'lessons/01-emptydir/solution/cache-pod.yaml'), 'utf8');
  const pinned = pod.replace(/^spec:\n/m, 'spec:\n  nodeSelector:\n    disktype: nvme-that-no-node-has\n');
  if (pinned === pod) throw new Error('could not pin the solution: no "spec:" line');
  writeFileSync(join(dir, 'cache-pod.yaml'), pinned);
  return dir;
}

const WAITED = { en: /\(waited 5 s\)/, 'zh-cn': /（等待了 5 秒）/ } as const;

describe('--timeout: a pod that never becomes ready', () => {
  const dir = unschedulable();
  it.concurrent.each(LANGS)('%s: the step fails after 5 s of cluster time, with what it saw and diagnostics', { timeout: 40_000 }, async (lang) => {
    const out = join(TMP, `out-${lang}`);
    const run = await runCli(['lesson-1', '--dir', dir, '--cluster', 'model', '--timeout', '5', '--lang', lang, '--reporter', 'terminal,json', '--out', out], { limitMs: 30_000 });
    const context = `\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
    expect({ code: run.code, timedOut: run.timedOut }, context).toEqual({ code: 1, timedOut: false });
    expect(run.ms, 'virtual time on the model: a 5 s timeout costs no real 5 s per step').toBeLessThan(15_000);
    expect(crashMarks(run.stdout + run.stderr), context).toEqual([]);
    const tests = (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { tests: Test[] }).tests;
    const failed = tests.filter((t) => t.status === 'fail');
    expect(failed, context).toHaveLength(1);
    const [t] = failed;
    expect(t!.message, context).toMatch(WAITED[lang]);
    // What the grader saw: the pod is Pending because no node matches.
    expect(t!.message + (t!.output ?? ''), context).toMatch(/Pending/);
    expect(t!.output ?? '', context).toMatch(/Unschedulable|FailedScheduling|didn't match|node selector|nodeSelector/i);
    // Everything after it is skipped, not failed: the timeout stopped the chain.
    expect(tests.slice(tests.indexOf(t!) + 1).every((x) => x.status === 'error'), context).toBe(true);
  });
});
