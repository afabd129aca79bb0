/**
 * The score sheet of one exercise run: results in grader order (static checks, then steps), each
 * reported to the live display as it is recorded, and "skip whatever is left" for early exits.
 */
import type { Localized } from '../../i18n/lang.ts';
import type { Grader } from '../define.ts';
import type { CheckResult, RunEvents } from '../report/model.ts';
import { skipped } from './results.ts';

/** RunEvents whose handlers can never throw into the runner. */
export function safeEvents(events: RunEvents = {}): Required<RunEvents> {
  const guard =
    <A extends unknown[]>(fn: ((...args: A) => void) | undefined) =>
    (...args: A) => {
      try {
        fn?.apply(events, args);
      } catch {
        // A broken progress display must not change a verdict.
      }
    };
  return {
    exerciseStart: guard(events.exerciseStart),
    phase: guard(events.phase),
    checkStart: guard(events.checkStart),
    checkProgress: guard(events.checkProgress),
    checkEnd: guard(events.checkEnd),
    exerciseEnd: guard(events.exerciseEnd),
  };
}

export class Sheet {
  private readonly results = new Map<string, CheckResult>();

  constructor(
    private readonly grader: Grader,
    private readonly events: Required<RunEvents>,
  ) {}

  /** Records a result and reports it. */
  add(result: CheckResult): void {
    this.results.set(result.id, result);
    this.events.checkEnd(result);
  }

  /** Status of a recorded check, undefined if not recorded yet. */
  status(id: string): CheckResult['status'] | undefined {
    return this.results.get(id)?.status;
  }

  /** True when a recorded static check failed. */
  staticFailed(): boolean {
    return this.grader.staticChecks.some((c) => this.status(c.id) === 'failed');
  }

  /** Records every not-yet-recorded check as skipped with reason. */
  skipRest(reason: Localized): void {
    for (const c of this.grader.staticChecks) if (!this.results.has(c.id)) this.add(skipped(c, 'static', reason));
    for (const s of this.grader.steps) if (!this.results.has(s.id)) this.add(skipped(s, 'step', reason));
  }

  /** All results in grader order. */
  checks(): CheckResult[] {
    return [...this.grader.staticChecks, ...this.grader.steps].flatMap((c) => this.results.get(c.id) ?? []);
  }
}
