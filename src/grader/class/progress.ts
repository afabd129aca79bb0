/**
 * The class run's one progress line: "graded 7/30 · running 4 · 2 failed · 0 could not be
 * graded". On a TTY it is an ora spinner redrawn in place; elsewhere (CI, pipes) each finished
 * student prints one plain line (its result, then the counts), so a log shows the run's course
 * without redraws. Counts only; what each student got is in the final table and their reports.
 */
import ora, { type Ora } from 'ora';
import { fill, type Lang } from '../../i18n/lang.ts';
import type { Colors } from '../report/check-lines.ts';
import { formatDuration } from '../report/format.ts';
import { classMsg } from './messages.ts';
import type { StudentRow } from './summary.ts';

export interface ClassProgressOptions {
  stream: NodeJS.WritableStream;
  lang: Lang;
  colors: Colors;
  /** Spinner when true; plain lines otherwise. */
  interactive: boolean;
  count: number;
}

export interface ClassProgress {
  started(student: string): void;
  finished(row: StudentRow): void;
  /** Stops the spinner; idempotent. */
  stop(): void;
}

const STATUS = { pass: classMsg.statusPass, fail: classMsg.statusFail, error: classMsg.statusError, interrupted: classMsg.statusInterrupted };

/** Creates the progress line. */
export function createClassProgress(opts: ClassProgressOptions): ClassProgress {
  const { stream, lang, colors: c } = opts;
  const columns = (stream as { columns?: number }).columns;
  const interactive = opts.interactive && (columns === undefined || columns > 0);
  let running = 0;
  let done = 0;
  let failed = 0;
  let errors = 0;
  let spinner: Ora | undefined;
  const text = () => fill(classMsg.progress, { done, count: opts.count, running, failed, errors })[lang];
  const redraw = () => {
    if (!interactive) return;
    if (!spinner) spinner = ora({ text: text(), stream, discardStdin: false, isEnabled: true, color: c.isColorSupported ? 'cyan' : false }).start();
    else spinner.text = text();
  };
  return {
    started() {
      running += 1;
      redraw();
    },
    finished(row) {
      running = Math.max(0, running - 1);
      done += 1;
      if (row.status === 'fail') failed += 1;
      if (row.status === 'error') errors += 1;
      if (interactive) return redraw();
      const line = fill(classMsg.finished, { student: row.student, status: STATUS[row.status][lang], score: row.score, max: row.maxScore, time: formatDuration(row.durationMs) })[lang];
      stream.write(`${line} ${c.dim('· ' + text())}\n`);
    },
    stop() {
      spinner?.stop();
      spinner = undefined;
    },
  };
}
