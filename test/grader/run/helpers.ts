/** Shared set-up for runner and scenario tests: run a grader on a FakeCluster with a fixed submission. */
import type { Localized } from '../../../src/i18n/lang.ts';
import { defineGrader, type Grader, type StaticCheck, type Step, type StepContext, type Submission } from '../../../src/grader/define.ts';
import type { CheckResult, ExerciseResult } from '../../../src/grader/report/model.ts';
import { runExercise, type RunOptions } from '../../../src/grader/run/index.ts';
import { FakeCluster } from './fake-cluster.ts';
import { podYaml, submissionFromYaml } from './submission.ts';

export const t = (en: string, zh = `${en}（中文）`): Localized => ({ en, 'zh-cn': zh });

/** The default submission: Pod cache-pod with containers writer and reader. */
export function defaultSubmission(): Submission {
  return submissionFromYaml({ 'pod.yaml': podYaml('cache-pod', { writer: 'busybox:1.36', reader: 'busybox:1.36' }) });
}

/** A step with defaults: 10 points, a title from its id. */
export function step(id: string, run: (ctx: StepContext) => Promise<void>, extra: Partial<Step> = {}): Step {
  return { id, points: 10, title: t(`step ${id}`, `步骤 ${id}`), hint: t(`hint ${id}`, `提示 ${id}`), run, ...extra };
}

/** A static check with defaults. */
export function staticCheck(id: string, check: StaticCheck['check'], points = 10): StaticCheck {
  return { id, points, title: t(`static ${id}`, `静态 ${id}`), hint: t(`fix ${id}`, `修改 ${id}`), check };
}

/** A grader from parts; the last step's points are adjusted so the total is 100. */
export function grader(staticChecks: StaticCheck[], steps: Step[], extra: Partial<Grader> = {}): Grader {
  const all = [...staticChecks, ...steps];
  const used = all.slice(0, -1).reduce((s, c) => s + c.points, 0);
  const last = all[all.length - 1];
  if (last) last.points = 100 - used;
  return defineGrader({ lesson: '01-demo', staticChecks, steps, lifetime: [], ...extra });
}

export interface Harness {
  fake: FakeCluster;
  factoryCalls: number;
  result: ExerciseResult;
  check(id: string): CheckResult;
}

/** Runs g with a FakeCluster (or the given one) and the default submission; returns the result and the fake. */
export async function runWith(g: Grader, opts: Partial<RunOptions> & { fake?: FakeCluster; submission?: Submission } = {}): Promise<Harness> {
  const fake = opts.fake ?? new FakeCluster();
  const submission = opts.submission ?? defaultSubmission();
  let n = 0;
  const h = { fake, factoryCalls: 0 } as Harness;
  h.result = await runExercise({
    id: 'lesson-1',
    lesson: g.lesson,
    title: t('Demo', '演示'),
    grader: g,
    submissionDir: submission.dir,
    cluster: () => {
      h.factoryCalls++;
      return fake;
    },
    signal: new AbortController().signal,
    loader: async () => ({ ok: true, submission, notes: [] }),
    findUnsafe: () => [],
    random: () => `token-${++n}`,
    ...opts,
  });
  h.check = (id) => {
    const found = h.result.checks.find((c) => c.id === id);
    if (!found) throw new Error(`no check ${id}`);
    return found;
  };
  return h;
}

/** Runs one step body (100 points) on fake and returns its result. */
export async function runOneStep(
  body: (ctx: StepContext) => Promise<void>,
  opts: Partial<RunOptions> & { fake?: FakeCluster; submission?: Submission; timeoutMs?: number } = {},
): Promise<{ result: CheckResult; fake: FakeCluster; virtualMs: number }> {
  const fake = opts.fake ?? new FakeCluster();
  const h = await runWith(grader([], [step('only', body, { timeoutMs: opts.timeoutMs })]), { ...opts, fake });
  return { result: h.check('only'), fake, virtualMs: fake.clock.now() };
}
