/**
 * Everything that needs a cluster: make and prepare it, install fixtures, run grader.setup, run
 * the steps in order (honouring `needs`), and always clean up (unless --keep), also on errors and
 * Ctrl-C. Returns the exercise error, if any.
 */
import { fill, type Localized } from '../../i18n/lang.ts';
import { ClusterUnavailableError, type Cluster } from '../cluster/cluster.ts';
import type { Submission } from '../define.ts';
import type { ExerciseError, RunEvents } from '../report/model.ts';
import { errorText } from './errors.ts';
import { runGuarded, type GuardedEnv } from './guarded-run.ts';
import { MSG } from './messages.ts';
import { DEFAULT_SETUP_TIMEOUT_MS, type RunOptions } from './options.ts';
import { needsMessage, skipped } from './results.ts';
import type { Sheet } from './sheet.ts';
import { describeFailure, runStep } from './step.ts';
import { tokenSource } from './tokens.ts';

const INTERRUPTED: ExerciseError = { kind: 'interrupted' };

/** Fills {error} per language (the error text may itself be localized). */
function withError(template: Localized, error: Localized, params: Record<string, string> = {}): Localized {
  return {
    en: fill(template, { ...params, error: error.en }).en,
    'zh-cn': fill(template, { ...params, error: error['zh-cn'] })['zh-cn'],
  };
}

function asLocalized(text: string): Localized {
  return { en: text, 'zh-cn': text };
}

/** The exercise error for a failure before the steps (prepare, fixture); skips every check. */
function failBefore(err: unknown, template: Localized, opts: RunOptions, sheet: Sheet, params: Record<string, string> = {}): ExerciseError {
  if (opts.signal.aborted) {
    sheet.skipRest(MSG.skipInterrupted);
    return INTERRUPTED;
  }
  sheet.skipRest(MSG.skipCluster);
  if (err instanceof ClusterUnavailableError) return { kind: 'cluster', message: err.reason, hint: err.hint ?? MSG.notYourFault };
  return { kind: 'cluster', message: withError(template, asLocalized(errorText(err)), params), hint: MSG.notYourFault };
}

/** Runs the steps in order; returns the exercise error (interrupted, cluster lost) if any. */
async function runSteps(opts: RunOptions, env: GuardedEnv, sheet: Sheet, ev: Required<RunEvents>): Promise<ExerciseError | undefined> {
  const { steps } = opts.grader;
  for (const step of steps) {
    const blocker = (step.needs ?? []).find((id) => sheet.status(id) !== 'passed');
    if (blocker !== undefined) {
      const title = steps.find((s) => s.id === blocker)?.title ?? asLocalized(blocker);
      sheet.add(skipped(step, 'step', needsMessage(title)));
      continue;
    }
    if (opts.signal.aborted) break;
    ev.checkStart({ id: step.id, title: step.title });
    const outcome = await runStep(step, { ...env, stepTimeoutMs: opts.stepTimeoutMs });
    sheet.add(outcome.result);
    if (outcome.kind === 'cluster-lost') {
      sheet.skipRest(MSG.skipClusterLost);
      return { kind: 'cluster', message: outcome.error.reason, hint: outcome.error.hint ?? MSG.notYourFault };
    }
    if (outcome.kind === 'interrupted') break;
  }
  if (opts.signal.aborted) {
    sheet.skipRest(MSG.skipInterrupted);
    return INTERRUPTED;
  }
  return undefined;
}

/** Prepares the cluster, runs fixtures, setup and steps, then cleans up; never rejects. */
export async function runOnCluster(
  opts: RunOptions,
  submission: Submission,
  sheet: Sheet,
  ev: Required<RunEvents>,
  notes: Localized[],
): Promise<ExerciseError | undefined> {
  ev.phase('cluster');
  let cluster: Cluster | undefined;
  let prepared = false;
  try {
    try {
      cluster = opts.cluster();
      await cluster.prepare(opts.signal);
      prepared = true;
    } catch (err) {
      return failBefore(err, MSG.prepareFailed, opts, sheet);
    }
    if (opts.signal.aborted) return failBefore(undefined, MSG.prepareFailed, opts, sheet);
    if (opts.grader.fixtures?.length) ev.phase('fixtures');
    for (const fixture of opts.grader.fixtures ?? []) {
      try {
        const note = await cluster.installFixture(fixture, opts.signal);
        if (note) notes.push(note);
      } catch (err) {
        return failBefore(err, MSG.fixtureFailed, opts, sheet, { fixture });
      }
    }
    const env: GuardedEnv = {
      cluster,
      submission,
      state: new Map(),
      token: tokenSource(opts.random),
      signal: opts.signal,
      events: ev,
    };
    const setup = opts.grader.setup;
    if (setup) {
      ev.phase('setup');
      const out = await runGuarded('setup', opts.stepTimeoutMs ?? DEFAULT_SETUP_TIMEOUT_MS, env, (ctx) => setup.call(opts.grader, ctx));
      if (!out.ok) {
        if (out.interrupted) {
          sheet.skipRest(MSG.skipInterrupted);
          return INTERRUPTED;
        }
        sheet.skipRest(MSG.skipSetup);
        const { message, observed } = describeFailure(out.error, out.lastObserved, out.pendingFailure);
        const detail = observed ? { en: `${message.en}: ${observed}`, 'zh-cn': `${message['zh-cn']}：${observed}` } : message;
        const hint = out.error instanceof ClusterUnavailableError ? (out.error.hint ?? MSG.notYourFault) : MSG.notYourFault;
        return { kind: 'cluster', message: withError(MSG.setupFailed, detail), hint };
      }
    }
    ev.phase('steps');
    return await runSteps(opts, env, sheet, ev);
  } finally {
    if (cluster && opts.keep) {
      if (prepared) {
        await cluster.keep?.().catch(() => {});
        notes.push(fill(MSG.kept, { namespace: cluster.namespace }));
      }
    } else if (cluster) {
      ev.phase('cleanup');
      try {
        await cluster.cleanup();
      } catch {
        // cleanup() never rejects by contract; a broken back end must not lose the result.
      }
    }
  }
}
