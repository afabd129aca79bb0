/**
 * Child process for the fault tests: the real grade CLI (src/cli/main.ts `run`, the real lesson
 * registry, graders, runner, reporters, SIGINT handling and the model back end), with two faults
 * injected so each phase lasts long enough to be interrupted on purpose:
 * - the submission loader prints `[fault] load` and waits before reading;
 * - the model cluster is wrapped by slowCluster (a marker and a wait per operation).
 * Waits: FAULT_DELAY_MS (default 400) each, except those named in FAULT_SLOW, e.g.
 * FAULT_SLOW=cleanup:10000,load:2000.
 * Markers go to stderr; the exit code is the CLI's.
 * Usage: node --import tsx test/faults/fault-cli.ts <grade arguments...>
 */
import { run } from '../../src/cli/main.ts';
import { defaultDeps, type CliDeps } from '../../src/cli/deps.ts';
import { loadSubmission } from '../../src/grader/submission/load.ts';
import type { SubmissionLoader } from '../../src/grader/run/options.ts';
import { marker, slowCluster } from './slow-cluster.ts';

const base = Number(process.env.FAULT_DELAY_MS ?? 400);
const slow = new Map(
  (process.env.FAULT_SLOW ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => [pair.split(':')[0]!, Number(pair.split(':')[1])] as const),
);
const delayMs = (op: string) => slow.get(op) ?? base;
const say = (line: string) => void process.stderr.write(`${line}\n`);

const slowLoader: SubmissionLoader = async (dir) => {
  say(marker('load'));
  await new Promise((done) => setTimeout(done, delayMs('load')));
  return loadSubmission(dir);
};

const real = defaultDeps();
const deps: CliDeps = {
  ...real,
  async selectCluster(opts) {
    const sel = await real.selectCluster(opts);
    return { ...sel, factory: (runId: string) => slowCluster(sel.factory(runId), delayMs, say) };
  },
  runExercise: (opts) => real.runExercise({ ...opts, loader: slowLoader }),
};

const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  isTTY: false,
}, deps);
say(marker(`exit ${code}`));
process.exitCode = code;
setTimeout(() => process.exit(code), 5000).unref();
