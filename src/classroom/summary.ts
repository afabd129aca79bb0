/**
 * What the CI commands print: the Markdown table appended to $GITHUB_STEP_SUMMARY by `result`
 * (points per lesson, the total Classroom receives, the integrity verdict) and the plain-text
 * verdict of `verify`.
 */
import { fill, type Lang } from '../i18n/lang.ts';
import type { IntegrityReport } from './integrity.ts';
import { classroomMsg as M } from './messages.ts';
import { totals, type RunnerResult } from './result.ts';

const FILE_STATUS = { changed: M.fileChanged, missing: M.fileMissing, unexpected: M.fileUnexpected } as const;

/** The step-summary Markdown of the collected results. */
export function resultSummary(results: RunnerResult[], lang: Lang): string {
  const lessons = results.filter((r) => r.result.max_score > 0);
  const integrity = results.find((r) => r.runner === 'integrity');
  const { score, max } = totals(results);
  const mark = (s: string) => (s === 'pass' ? '✅' : s === 'fail' ? '❌' : '⚠️');
  const lines = [
    `## ${M.summaryTitle[lang]}`,
    '',
    `| ${M.summaryLesson[lang]} | ${M.summaryPoints[lang]} |`,
    '|---|---:|',
    ...lessons.map((r) => `| ${mark(r.result.status)} ${r.label} | ${r.result.tests.reduce((s, t) => s + t.score, 0)} / ${r.result.max_score} |`),
    `| **${M.summaryTotal[lang]}** | **${score} / ${max}** |`,
  ];
  if (integrity) {
    lines.push('', `**${M.summaryIntegrity[lang]}**`, '');
    for (const t of integrity.result.tests) lines.push(`- ${mark(t.status)} ${t.name}${t.message ? `: ${t.message}` : ''}`);
  }
  lines.push('', M.summaryNote[lang], '');
  return lines.join('\n');
}

/** The plain-text verdict of `verify`. */
export function verifyText(report: IntegrityReport, lang: Lang): string {
  const course = { repo: report.course?.repository ?? '?', ref: report.course?.ref ?? '?' };
  if (report.error) return fill(M.verifyError, { reason: report.error })[lang] + '\n';
  if (report.ok) return fill(M.verifyOk, course)[lang] + '\n';
  const bad = report.files.filter((f) => f.status !== 'ok');
  const lines = [fill(M.verifyFailed, { ...course, count: bad.length })[lang]];
  for (const f of bad) lines.push(`  ✗ ${f.path}: ${FILE_STATUS[f.status as keyof typeof FILE_STATUS][lang]}`);
  return lines.join('\n') + '\n';
}
