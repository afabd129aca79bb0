/**
 * Live progress while grading (the runner's RunEvents). On a TTY an ora spinner shows the current
 * phase or step in the student's language with the elapsed seconds; when not a TTY (CI, pipes)
 * it prints plain lines only. Every finished check is printed at once with ✓/✗/− and its points;
 * a failure also gets its message, hint, file:line:col and observed text.
 */
import ora, { type Ora } from 'ora';
import type { Lang, Localized } from '../../i18n/lang.ts';
import { checkDetailLines, checkLine, type Colors } from './check-lines.ts';
import { msg } from './messages.ts';
import type { CheckResult, RunEvents } from './model.ts';

export interface ProgressOptions {
  /** Where progress goes (stderr: stdout stays for the report). ora needs a real stream on a TTY. */
  stream: NodeJS.WritableStream;
  lang: Lang;
  colors: Colors;
  /** Spinner when true; plain lines otherwise. */
  interactive: boolean;
  cwd: string;
  /** The submission folder of an exercise, to print file paths relative to cwd. */
  submissionDirOf(id: string): string;
  now?: () => number;
}

export interface Progress extends RunEvents {
  /** Check ids printed so far, per exercise id (the final report skips them). */
  readonly shown: Map<string, Set<string>>;
  /** Stops the spinner, if any. Idempotent; call before printing anything else. */
  stop(): void;
}

type Phase = Parameters<NonNullable<RunEvents['phase']>>[0];
/** Phases worth a line in a log (the others are quick or obvious from the check lines). */
const LOGGED_PHASES: ReadonlySet<Phase> = new Set(['cluster', 'fixtures', 'setup', 'cleanup']);

/** Creates the live progress reporter. */
export function createProgress(opts: ProgressOptions): Progress {
  const { stream, lang, colors: c } = opts;
  const now = opts.now ?? Date.now;
  // A pseudo-terminal can report 0 columns (e.g. `script` without a size); ora then redraws
  // forever, so such a terminal gets plain lines.
  const columns = (stream as { columns?: number }).columns;
  const interactive = opts.interactive && (columns === undefined || columns > 0);
  const shown = new Map<string, Set<string>>();
  let exerciseId = '';
  let spinner: Ora | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let title = '';
  let extra = '';
  let started = 0;
  let lastSkipReason: string | undefined;

  const write = (line: string) => stream.write(line + '\n');
  const text = () => `${title} ${c.dim(`${Math.floor((now() - started) / 1000)}s`)}${extra ? c.dim(` · ${extra}`) : ''}`;

  function stop(): void {
    if (timer) clearInterval(timer);
    timer = undefined;
    spinner?.stop();
    spinner = undefined;
  }

  function spin(what: string): void {
    stop();
    if (!interactive) return;
    title = what;
    extra = '';
    started = now();
    const color = c.isColorSupported ? 'cyan' : false;
    const s = ora({ text: text(), stream, discardStdin: false, isEnabled: true, color, indent: 2 }).start();
    spinner = s;
    timer = setInterval(() => (s.text = text()), 1000);
    timer.unref?.();
  }

  return {
    shown,
    stop,
    exerciseStart(ex: { id: string; title: Localized }) {
      stop();
      exerciseId = ex.id;
      lastSkipReason = undefined;
      shown.set(ex.id, new Set());
      write(c.bold(`${ex.id} · ${ex.title[lang]}`));
    },
    phase(phase: Phase) {
      const title = msg.phase[phase][lang];
      if (interactive) spin(title);
      else if (LOGGED_PHASES.has(phase)) write(c.dim(`  … ${title}`));
    },
    checkStart(check: { id: string; title: Localized }) {
      spin(check.title[lang]);
    },
    checkProgress(_check: { id: string }, what: Localized) {
      if (!spinner) return;
      extra = what[lang];
      spinner.text = text();
    },
    checkEnd(result: CheckResult) {
      stop();
      write(`  ${checkLine(result, lang, c)}`);
      // A run of checks skipped for the same reason states the reason once.
      const reason = result.status === 'skipped' ? result.message?.[lang] : undefined;
      if (reason === undefined || reason !== lastSkipReason) {
        for (const line of checkDetailLines(result, opts.submissionDirOf(exerciseId), lang, opts.cwd, c)) write(line);
      }
      lastSkipReason = reason;
      if (!shown.has(exerciseId)) shown.set(exerciseId, new Set());
      shown.get(exerciseId)!.add(result.id);
    },
    exerciseEnd() {
      stop();
    },
  };
}
