/**
 * Where a step's time went, as one line in the reader's language (shown with --trace, after each
 * step): its duration, then kubectl, waiting for the cluster, fixed sleeps and the grader's own
 * remainder. Static checks (no timing) give no line.
 */
import { fill, type Lang, type Localized } from '../../i18n/lang.ts';
import { formatDuration } from './format.ts';
import type { CheckResult, RunEvents, StepTiming } from './model.ts';

const LINE: Localized = {
  en: 'time of {id}: {total} = kubectl {kubectl} + waiting for the cluster {waiting} + fixed sleeps {sleeping} + grader {rest}',
  'zh-cn': '{id} 用时：{total} = kubectl {kubectl} + 等待集群 {waiting} + 固定等待 {sleeping} + 评分程序自身 {rest}',
};

/** The grader's own share: what the three figures leave of the duration (never negative). */
export function graderShare(durationMs: number, t: StepTiming): number {
  return Math.max(0, Math.round(durationMs - t.kubectlMs - t.waitingMs - t.sleepingMs));
}

/** The timing line of one check, or undefined for a check without timing. */
export function timingLine(check: CheckResult, lang: Lang): string | undefined {
  const t = check.timing;
  if (!t) return undefined;
  return fill(LINE, {
    id: check.id,
    total: formatDuration(check.durationMs),
    kubectl: formatDuration(t.kubectlMs),
    waiting: formatDuration(t.waitingMs),
    sleeping: formatDuration(t.sleepingMs),
    rest: formatDuration(graderShare(check.durationMs, t)),
  })[lang];
}

/** Events that print each step's timing line through `print` once it ends, then pass on to `inner`. */
export function withTimingLines(inner: RunEvents | undefined, print: (line: string) => void, lang: Lang): RunEvents {
  return {
    ...inner,
    checkEnd(result) {
      inner?.checkEnd?.(result);
      const line = timingLine(result, lang);
      if (line) print(line);
    },
  };
}
