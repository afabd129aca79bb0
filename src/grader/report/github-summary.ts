/**
 * The Markdown appended to $GITHUB_STEP_SUMMARY: a score line and a table of checks per
 * exercise, then the failed checks with their hint and what was observed, cut to stay under
 * GitHub's 1 MiB per-step limit. Student-controlled text is escaped (table cells, HTML) or fenced.
 */
import { fill, type Lang } from '../../i18n/lang.ts';
import { checkDetail, exerciseMessage, runScore } from './entries.ts';
import { formatDuration } from './format.ts';
import { msg } from './messages.ts';
import { exerciseStatus, type CheckResult, type RunResult } from './model.ts';

/** GitHub refuses a step summary above 1 MiB; keep a margin for the file's other content. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 4096;

const ICON = { passed: '✅', failed: '❌', skipped: '⏭️' } as const;

/** Escapes text for one Markdown table cell (no HTML, no pipes, no line breaks). */
export function mdCell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function mdFence(text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function statusWord(status: 'pass' | 'fail' | 'error', lang: Lang): string {
  return status === 'pass' ? msg.statusPass[lang] : status === 'fail' ? msg.statusFail[lang] : msg.statusError[lang];
}

function table(checks: CheckResult[], lang: Lang): string[] {
  const rows = [`| | ${msg.colCheck[lang]} | ${msg.colPoints[lang]} | ${msg.colTime[lang]} |`, '|---|---|---:|---:|'];
  for (const c of checks) {
    rows.push(`| ${ICON[c.status]} | ${mdCell(c.title[lang])} | ${c.score}/${c.points} | ${c.status === 'skipped' ? '—' : formatDuration(c.durationMs)} |`);
  }
  return rows;
}

/** Renders the step summary Markdown for a run, at most SUMMARY_LIMIT_BYTES bytes. */
export function renderStepSummary(run: RunResult, lang: Lang, cwd: string, limit = SUMMARY_LIMIT_BYTES): string {
  const { score, max } = runScore(run);
  const head: string[] = [`## ${msg.summaryTitle[lang]}`, ''];
  if (run.cluster?.isModel) head.push('> [!WARNING]', `> ${escapeHtml(msg.modelBanner[lang])}`, '');
  const passed = run.exercises.filter((e) => exerciseStatus(e) === 'pass').length;
  head.push(
    `**${fill(msg.totalScore, { score, max, passed, count: run.exercises.length })[lang]}** · ${msg.cluster[lang]}${mdCell(run.cluster?.description[lang] ?? msg.clusterUnknown[lang])}`,
    '',
  );
  for (const ex of run.exercises) {
    head.push(`### ${mdCell(ex.id)} · ${mdCell(ex.title[lang])}: ${ex.score}/${ex.maxScore} (${statusWord(exerciseStatus(ex), lang)})`, '');
    const why = exerciseMessage(ex, lang, cwd);
    if (why) head.push(mdFence(why), '');
    for (const n of ex.notes) head.push(`> ${mdCell(n[lang])}`, '');
    if (ex.checks.length) head.push(...table(ex.checks, lang), '');
  }
  const details: string[] = [];
  for (const ex of run.exercises) {
    for (const c of ex.checks.filter((x) => x.status === 'failed')) {
      const body = [...checkDetail(c, ex, lang, cwd), ...c.diagnostics.map((d) => `--- ${d.title}\n${d.text}`)].join('\n');
      details.push(`<details><summary>${ICON.failed} ${escapeHtml(ex.id)}: ${escapeHtml(c.title[lang])}</summary>\n\n${mdFence(body)}\n\n</details>\n`);
    }
  }
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  const note = `\n> ${msg.summaryTruncated[lang]}\n`;
  let out = head.join('\n') + '\n';
  if (bytes(out) > limit - bytes(note)) return cutToBytes(out, limit - bytes(note)) + note;
  if (details.length) out += `#### ${msg.failures[lang]}\n\n`;
  for (const block of details) {
    if (bytes(out) + bytes(block) > limit - bytes(note)) return out + note;
    out += block;
  }
  return out;
}

/** Cuts text to at most max UTF-8 bytes without splitting a character. */
function cutToBytes(text: string, max: number): string {
  return Buffer.from(text, 'utf8').subarray(0, max).toString('utf8').replace(/\uFFFD+$/, '');
}
