/**
 * How one check looks in the terminal, shared by the live progress reporter and the final
 * summary: "✓ title · 10/10 pts · 1.2 s", then for a failure its message, hint, file:line:col,
 * observed text and the start of each diagnostic.
 */
import pc from 'picocolors';
import { fill, type Lang } from '../../i18n/lang.ts';
import { formatDuration, formatPos } from './format.ts';
import { msg } from './messages.ts';
import type { CheckResult } from './model.ts';

/** picocolors' formatter set. */
export type Colors = ReturnType<typeof pc.createColors>;

/** Lines of a diagnostic shown in the terminal; the reports hold the full text. */
export const DIAGNOSTIC_LINES = 15;

/** True when output may carry ANSI colour: NO_COLOR wins, then FORCE_COLOR, then a TTY. */
export function colorEnabled(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

/** picocolors formatters, real or identity. */
export function palette(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

/** The symbol of a check status: ✓ ✗ −. */
export function statusSymbol(status: CheckResult['status'], c: Colors): string {
  return status === 'passed' ? c.green('✓') : status === 'failed' ? c.red('✗') : c.yellow('−');
}

/** "✓ title · 10/10 pts · 1.2 s" (skipped checks say so instead of the time). */
export function checkLine(check: CheckResult, lang: Lang, c: Colors): string {
  const pts = fill(msg.points, { score: check.score, points: check.points })[lang];
  const tail = check.status === 'skipped' ? msg.skipped[lang] : formatDuration(check.durationMs);
  const title = check.status === 'failed' ? c.bold(check.title[lang]) : check.title[lang];
  return `${statusSymbol(check.status, c)} ${title} ${c.dim('·')} ${pts} ${c.dim('· ' + tail)}`;
}

function indent(text: string, pad: string): string[] {
  return text.split(/\r?\n/).map((l) => pad + l);
}

/** The explanation under a failed or skipped check, already indented. */
export function checkDetailLines(check: CheckResult, submissionDir: string, lang: Lang, cwd: string, c: Colors): string[] {
  if (check.status === 'passed') return [];
  const pad = '    ';
  const lines: string[] = [];
  if (check.message) lines.push(...indent(check.message[lang], pad));
  if (check.status === 'skipped') return lines.map((l) => c.dim(l));
  if (check.hint) lines.push(...indent(`${msg.hint[lang]}${check.hint[lang]}`, pad).map((l) => c.cyan(l)));
  if (check.at) lines.push(`${pad}${msg.where[lang]}${c.underline(formatPos(check.at, submissionDir, cwd))}`);
  if (check.observed) lines.push(...indent(`${msg.observed[lang]}${check.observed}`, pad).map((l) => c.dim(l)));
  for (const d of check.diagnostics) {
    const body = d.text.split(/\r?\n/);
    const shown = body.slice(0, DIAGNOSTIC_LINES);
    if (body.length > shown.length) shown.push('…');
    lines.push(c.dim(`${pad}--- ${d.title}`), ...shown.map((l) => c.dim(pad + l)));
  }
  return lines;
}
