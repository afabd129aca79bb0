/**
 * The class run's final terminal report: one line per student (student, score, result, failed
 * checks, time), columns lined up in both languages, why each "could not be graded" student
 * could not be (the heading and first problem), then the summary sentence, the cluster (with the model banner
 * when it was the offline model) and where the files are. Colour only through the palette.
 */
import type { ClusterInfo } from '../cluster/cluster.ts';
import { displayWidth, padEnd, padStart } from '../../i18n/display-width.ts';
import { fill, type Lang } from '../../i18n/lang.ts';
import type { Colors } from '../report/check-lines.ts';
import { exerciseMessage } from '../report/entries.ts';
import { formatDuration } from '../report/format.ts';
import { msg } from '../report/messages.ts';
import { modelBanner } from '../report/terminal.ts';
import { classMsg } from './messages.ts';
import { countStatuses, studentRow, type ClassStatus, type GradedStudent } from './summary.ts';

export interface ClassTableOptions {
  lang: Lang;
  cwd: string;
  colors: Colors;
  cluster?: ClusterInfo;
  jobs: number;
  durationMs: number;
  /** "class-summary.csv: …" line, when the files were written. */
  files?: { csv: string; dir: string };
}

const STATUS_TEXT: Record<ClassStatus, keyof typeof classMsg> = {
  pass: 'statusPass',
  fail: 'statusFail',
  error: 'statusError',
  interrupted: 'statusInterrupted',
};

function paint(status: ClassStatus, text: string, c: Colors): string {
  return status === 'pass' ? c.green(text) : status === 'fail' ? c.red(text) : c.yellow(text);
}

/** Renders the class report (ends with a newline). */
export function renderClassTable(students: readonly GradedStudent[], opts: ClassTableOptions): string {
  const { lang, colors: c } = opts;
  const rows = students.map((s) => ({ s, row: studentRow(s) }));
  const cells = rows.map(({ row }) => [
    row.student,
    `${row.score}/${row.maxScore}`,
    classMsg[STATUS_TEXT[row.status]][lang],
    row.failedChecks.join(', ') || '—',
    formatDuration(row.durationMs),
  ]);
  const head = [classMsg.colStudent, classMsg.colScore, classMsg.colStatus, classMsg.colFailed, classMsg.colTime].map((m) => m[lang]);
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i]!))));
  const line = (r: string[], paintStatus?: ClassStatus) =>
    r
      .map((cell, i) => {
        const padded = i === 1 || i === 4 ? padStart(cell, widths[i]!) : padEnd(cell, widths[i]!);
        return i === 2 && paintStatus ? paint(paintStatus, padded, c) : padded;
      })
      .join('  ')
      .trimEnd();
  const out: string[] = ['', c.bold(line(head)), c.dim('-'.repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1)))];
  rows.forEach(({ row }, i) => out.push(line(cells[i]!, row.status)));
  const errors = rows.filter(({ row }) => row.status === 'error');
  if (errors.length) {
    out.push('');
    for (const { s } of errors) {
      const why = exerciseMessage(s.result, lang, opts.cwd);
      if (!why) continue;
      // The heading and its first problem; the student's own results.json has them all.
      const [head, first] = why.split('\n');
      out.push(c.yellow(fill(classMsg.whyError, { student: s.student, reason: head! })[lang]));
      if (first?.trim()) out.push(c.dim(`  ${first.trim()}`));
    }
  }
  const counts = countStatuses(rows.map((r) => r.row));
  const graded = rows.filter((r) => r.row.status !== 'interrupted');
  const max = Math.max(0, ...rows.map((r) => r.row.maxScore));
  const average = graded.length ? Math.round((graded.reduce((s, r) => s + r.row.score, 0) / graded.length) * 10) / 10 : 0;
  out.push(
    '',
    c.bold(
      fill(classMsg.summary, {
        count: rows.length,
        passed: counts.pass,
        failed: counts.fail,
        errors: counts.error,
        interrupted: counts.interrupted,
        average,
        max,
        time: formatDuration(opts.durationMs),
        jobs: opts.jobs,
      })[lang],
    ),
  );
  if (opts.cluster) out.push(c.dim(`${msg.cluster[lang]}${opts.cluster.description[lang]}`));
  if (opts.cluster?.isModel) out.push(...modelBanner(lang, c));
  if (opts.files) out.push(c.dim(fill(classMsg.written, opts.files)[lang]));
  return out.join('\n') + '\n';
}
