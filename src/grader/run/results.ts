/** Small builders for CheckResults the runner makes without running anything. */
import { fill, type Localized } from '../../i18n/lang.ts';
import type { StaticCheck, Step } from '../define.ts';
import type { CheckResult } from '../report/model.ts';
import { MSG } from './messages.ts';

/** A skipped result for a static check or a step. */
export function skipped(check: StaticCheck | Step, kind: 'static' | 'step', reason: Localized): CheckResult {
  return {
    id: check.id,
    kind,
    title: check.title,
    points: check.points,
    score: 0,
    status: 'skipped',
    message: reason,
    diagnostics: [],
    durationMs: 0,
  };
}

/** "needs <title>" in each language, with the needed step's title in that language. */
export function needsMessage(title: Localized): Localized {
  return { en: fill(MSG.needs, { title: title.en }).en, 'zh-cn': fill(MSG.needs, { title: title['zh-cn'] })['zh-cn'] };
}

/** Sum of earned points. */
export function totalScore(checks: CheckResult[]): number {
  return checks.reduce((sum, c) => sum + c.score, 0);
}
