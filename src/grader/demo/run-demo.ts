/**
 * runDemo: runs one demonstration on a cluster made by the caller's factory (the model, the real
 * kind cluster, the current context) and returns a structured outcome per cell. The order is
 * prepare -> enough workers? -> setup -> steps (a failed step skips the rest) -> cleanup, and
 * cleanup always runs: the run namespace is deleted and run-labelled cluster-scoped objects and
 * node labels are removed, as after a grader.
 */
import type { Localized } from '../../i18n/lang.ts';
import { fill } from '../../i18n/lang.ts';
import { ClusterUnavailableError, type Cluster, type ClusterInfo, type Diagnostic } from '../cluster/cluster.ts';
import type { LifetimeEvent, LifetimeRow, LifetimeValue, StepContext, Submission } from '../define.ts';
import type { CellKey } from '../lifetime.ts';
import { errorText } from '../run/errors.ts';
import { runGuarded, type GuardedEnv } from '../run/guarded-run.ts';
import { DEFAULT_SETUP_TIMEOUT_MS, DEFAULT_STEP_TIMEOUT_MS } from '../run/options.ts';
import { describeFailure, gatherDiagnostics } from '../run/step.ts';
import { tokenSource } from '../run/tokens.ts';
import { declaredCells, type Demo, type DemoContext } from './define.ts';
import { DMSG } from './messages.ts';

/** Makes the cluster for one run; runId names the run namespace (course-<runId>) and labels what it creates. */
export type ClusterFactory = (runId: string) => Cluster;

export type DemoStepStatus = 'passed' | 'failed' | 'skipped';

/** One step as it ran. */
export interface DemoStepResult {
  id: string;
  title: Localized;
  status: DemoStepStatus;
  message?: Localized;
  observed?: string;
  evidence: string[];
  diagnostics: Diagnostic[];
  durationMs: number;
}

/** proven: every step up to the cell's last proving step passed. failed: one of them failed. not-run: they never ran. */
export type CellStatus = 'proven' | 'failed' | 'not-run';

/** What the run says about one declared cell. */
export interface CellOutcome {
  cell: CellKey;
  row: LifetimeRow;
  event: LifetimeEvent;
  /** The value the demo declares (and, when proven, saw). */
  value: LifetimeValue;
  status: CellStatus;
  /** The step that failed or did not run, when not proven. */
  step?: string;
  message?: Localized;
  observed?: string;
  /** What the proving steps recorded. */
  evidence: string[];
}

export interface DemoOutcome {
  demo: string;
  title: Localized;
  backend?: ClusterInfo['backend'];
  runId: string;
  cells: CellOutcome[];
  steps: DemoStepResult[];
  /** Why the steps could not run (cluster, set-up, too few workers, Ctrl-C). */
  error?: Localized;
  durationMs: number;
}

export interface RunDemoOptions {
  signal?: AbortSignal;
  /** Token source for ctx.token() (default: random). */
  random?: () => string;
  /** Replaces every step's own timeout (cluster time). */
  stepTimeoutMs?: number;
  /** The run id (default: demo-<id>-<time>). */
  runId?: string;
}

const EMPTY_SUBMISSION: Submission = { dir: '', objects: [], find: () => undefined, all: () => [] };

function withEvidence(ctx: StepContext, sink: string[]): DemoContext {
  return { ...ctx, evidence: (text: string) => void sink.push(text) };
}

/** A default run id: short, DNS-safe, different on every call. */
export function demoRunId(demo: Pick<Demo, 'id'>): string {
  const short = demo.id.replace(/[^a-z0-9-]/g, '').slice(0, 24).replace(/-+$/, '');
  return `demo-${short}-${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`;
}

function cellOutcomes(demo: Demo, steps: DemoStepResult[], error: Localized | undefined): CellOutcome[] {
  return declaredCells(demo).map((cell) => {
    const [row, event] = cell.split(':') as [LifetimeRow, LifetimeEvent];
    const value = demo.lifetime.find((c) => c.row === row)!.proves[event]!;
    const last = Math.max(...demo.steps.map((s, i) => (s.proves?.includes(cell) ? i : -1)));
    const relevant = demo.steps.slice(0, last + 1).map((s) => steps.find((r) => r.id === s.id));
    const evidence = demo.steps.flatMap((s, i) => (s.proves?.includes(cell) ? (steps[i]?.evidence ?? []) : []));
    const base = { cell, row, event, value, evidence };
    const failed = relevant.find((r) => r?.status === 'failed');
    if (failed) return { ...base, status: 'failed', step: failed.id, message: failed.message, observed: failed.observed };
    const notRun = relevant.findIndex((r) => !r || r.status !== 'passed');
    if (notRun >= 0) return { ...base, status: 'not-run', step: demo.steps[notRun]!.id, message: relevant[notRun]?.message ?? error };
    return { ...base, status: 'proven' };
  });
}

/** Runs one demo on a fresh cluster from factory; never rejects. */
export async function runDemo(demo: Demo, factory: ClusterFactory, opts: RunDemoOptions = {}): Promise<DemoOutcome> {
  const signal = opts.signal ?? new AbortController().signal;
  const runId = opts.runId ?? demoRunId(demo);
  const started = Date.now();
  const steps: DemoStepResult[] = [];
  let error: Localized | undefined;
  let cluster: Cluster | undefined;
  try {
    cluster = factory(runId);
    await cluster.prepare(signal);
    const workers = await cluster.workers();
    if (workers.length < demo.workers) {
      error = fill(DMSG.tooFewWorkers, { demo: demo.id, need: demo.workers, have: workers.length, names: workers.join(', ') || '-' });
    } else {
      const env: GuardedEnv = { cluster, submission: EMPTY_SUBMISSION, state: new Map(), token: tokenSource(opts.random), signal };
      if (demo.setup) {
        const setup = demo.setup;
        const out = await runGuarded('setup', opts.stepTimeoutMs ?? DEFAULT_SETUP_TIMEOUT_MS, env, (ctx) => setup.call(demo, withEvidence(ctx, [])));
        if (!out.ok) {
          const { message, observed } = describeFailure(out.error, out.lastObserved, out.pendingFailure);
          const en = `${message.en}${observed ? `: ${observed}` : ''}`;
          const zh = `${message['zh-cn']}${observed ? `：${observed}` : ''}`;
          error = { en: fill(DMSG.setupFailed, { demo: demo.id, error: en }).en, 'zh-cn': fill(DMSG.setupFailed, { demo: demo.id, error: zh })['zh-cn'] };
        }
      }
      for (const step of demo.steps) {
        if (error || signal.aborted || steps.some((s) => s.status !== 'passed')) {
          steps.push({ id: step.id, title: step.title, status: 'skipped', message: signal.aborted ? DMSG.interrupted : (error ?? DMSG.afterFailure), evidence: [], diagnostics: [], durationMs: 0 });
          continue;
        }
        const evidence: string[] = [];
        const out = await runGuarded(step.id, opts.stepTimeoutMs ?? step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS, env, (ctx) => step.run(withEvidence(ctx, evidence)));
        if (out.ok) {
          steps.push({ id: step.id, title: step.title, status: 'passed', evidence, diagnostics: [], durationMs: out.durationMs });
          continue;
        }
        if (out.interrupted) {
          steps.push({ id: step.id, title: step.title, status: 'skipped', message: DMSG.interrupted, evidence, diagnostics: [], durationMs: out.durationMs });
          continue;
        }
        const { message, observed } = describeFailure(out.error, out.lastObserved, out.pendingFailure);
        const diagnostics = await gatherDiagnostics(cluster, step.diagnose ?? [], signal);
        steps.push({ id: step.id, title: step.title, status: 'failed', message, observed, evidence, diagnostics, durationMs: out.durationMs });
        if (out.error instanceof ClusterUnavailableError) error = out.error.reason;
      }
    }
  } catch (err) {
    error = err instanceof ClusterUnavailableError ? err.reason : fill(DMSG.clusterFailed, { demo: demo.id, error: errorText(err) });
  } finally {
    try {
      await cluster?.cleanup();
    } catch {
      // cleanup() never rejects by contract; a broken back end must not lose the outcome.
    }
  }
  for (const step of demo.steps) {
    if (!steps.some((s) => s.id === step.id)) steps.push({ id: step.id, title: step.title, status: 'skipped', message: error, evidence: [], diagnostics: [], durationMs: 0 });
  }
  return {
    demo: demo.id,
    title: demo.title,
    backend: cluster?.info.backend,
    runId,
    cells: cellOutcomes(demo, steps, error),
    steps,
    ...(error ? { error } : {}),
    durationMs: Date.now() - started,
  };
}

/** Runs demos one after another (they reuse node paths and names, so they must never overlap); never rejects. */
export async function runDemos(demos: Demo[], factory: ClusterFactory, opts: Omit<RunDemoOptions, 'runId'> = {}): Promise<DemoOutcome[]> {
  const out: DemoOutcome[] = [];
  for (const demo of demos) out.push(await runDemo(demo, factory, opts));
  return out;
}

/** Every cell of every outcome, proven or not, as "demo cell status" lines (for logs and assertion messages). */
export function outcomeSummary(outcomes: DemoOutcome[]): string {
  return outcomes
    .flatMap((o) => [
      `${o.demo}${o.error ? ` (error: ${o.error.en})` : ''}`,
      ...o.cells.map((c) => `  ${c.cell} = ${c.value}: ${c.status}${c.step && c.status !== 'proven' ? ` at ${c.step}` : ''}${c.message && c.status !== 'proven' ? `: ${c.message.en}` : ''}${c.observed ? ` [${c.observed}]` : ''}`),
    ])
    .join('\n');
}
