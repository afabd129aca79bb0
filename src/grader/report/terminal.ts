/**
 * The final terminal report: for each exercise the checks the live progress did not already
 * print, why it could not be graded (problems with file:line:col, cluster reason), notes, the
 * score and the next step; a loud banner when the verdict came from the offline model; the total
 * and the report files. Colour only through the given palette (identity when colour is off).
 */
import { fill, type Lang } from '../../i18n/lang.ts';
import { checkDetailLines, checkLine, type Colors } from './check-lines.ts';
import { exerciseMessage, runScore } from './entries.ts';
import { msg } from './messages.ts';
import { exerciseStatus, type ExerciseResult, type RunResult } from './model.ts';
import { nextStep } from './next-step.ts';

export interface TerminalOptions {
  lang: Lang;
  cwd: string;
  colors: Colors;
  /** Check ids the live progress reporter already printed, per exercise id. */
  shown?: ReadonlyMap<string, ReadonlySet<string>>;
  /** The lesson after a single graded one ("lesson-4"); null after the last; undefined if unknown. */
  next?: string | null;
  /** Report files written, listed at the end. */
  files?: string[];
}

/** The loud offline-model banner, framed so it stands out in a log. */
export function modelBanner(lang: Lang, c: Colors): string[] {
  const rule = c.yellow('!'.repeat(72));
  return [rule, c.bold(c.yellow(`⚠  ${msg.modelBanner[lang]}`)), rule];
}

function exerciseBlock(ex: ExerciseResult, run: RunResult, opts: TerminalOptions): string[] {
  const { lang, cwd, colors: c } = opts;
  const shown = opts.shown?.get(ex.id);
  const lines: string[] = [];
  if (!shown) lines.push(c.bold(`${ex.id} · ${ex.title[lang]}`));
  const pending = ex.checks.filter((check) => !shown?.has(check.id));
  if (ex.error && pending.length > 0 && pending.every((check) => check.status === 'skipped')) {
    // Nothing ran (missing folder, unreadable YAML, no cluster): one line instead of a list of dashes.
    const points = pending.reduce((s, check) => s + check.points, 0);
    lines.push(c.yellow(`  − ${fill(msg.notRun, { count: pending.length, points })[lang]}`));
  } else {
    for (const check of pending) {
      lines.push(`  ${checkLine(check, lang, c)}`, ...checkDetailLines(check, ex.submissionDir, lang, cwd, c));
    }
  }
  const why = exerciseMessage(ex, lang, cwd);
  if (why) lines.push(...why.split('\n').map((l, i) => (i === 0 ? c.red(`  ${l}`) : `    ${l}`)));
  if (ex.notes.length) {
    lines.push(`  ${msg.notes[lang]}`, ...ex.notes.map((n) => c.dim(`    - ${n[lang]}`)));
  }
  const status = exerciseStatus(ex);
  const score = fill(msg.score, { score: ex.score, max: ex.maxScore })[lang];
  lines.push(`  ${c.bold(status === 'pass' ? c.green(score) : c.red(score))}`);
  lines.push(`  ${nextStep(ex, run, lang, cwd, run.exercises.length === 1 ? opts.next : undefined)}`);
  return lines;
}

/** Renders the final report as text (ends with a newline). */
export function renderTerminal(run: RunResult, opts: TerminalOptions): string {
  const { lang, colors: c } = opts;
  const lines: string[] = [''];
  for (const ex of run.exercises) lines.push(...exerciseBlock(ex, run, opts), '');
  if (run.exercises.length > 1) {
    const { score, max } = runScore(run);
    const passed = run.exercises.filter((e) => exerciseStatus(e) === 'pass').length;
    lines.push(c.bold(fill(msg.totalScore, { score, max, passed, count: run.exercises.length })[lang]), '');
  }
  if (run.cluster) lines.push(c.dim(`${msg.cluster[lang]}${run.cluster.description[lang]}`));
  if (run.cluster?.isModel) lines.push(...modelBanner(lang, c));
  if (opts.files?.length) lines.push(c.dim(fill(msg.reportsWritten, { files: opts.files.join(', ') })[lang]));
  return lines.join('\n') + '\n';
}
