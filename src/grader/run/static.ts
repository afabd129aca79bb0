/** Runs a grader's static checks (no cluster) and turns their findings into CheckResults. */
import type { Localized } from '../../i18n/lang.ts';
import type { Finding, StaticCheck, Submission } from '../define.ts';
import type { CheckResult } from '../report/model.ts';
import { errorText } from './errors.ts';
import { MSG } from './messages.ts';

/** One message for all findings: the first as is, later ones with their file:line appended. */
export function joinFindings(findings: Finding[]): Localized {
  const line = (f: Finding, i: number, lang: keyof Localized) =>
    i > 0 && f.at ? `${f.message[lang]} (${f.at.file}:${f.at.line}:${f.at.col})` : f.message[lang];
  return {
    en: findings.map((f, i) => line(f, i, 'en')).join('\n'),
    'zh-cn': findings.map((f, i) => line(f, i, 'zh-cn')).join('\n'),
  };
}

/** Runs one static check; a check that throws fails with a "check crashed" message. */
export function runStaticCheck(check: StaticCheck, sub: Submission, now: () => number): CheckResult {
  const started = now();
  const base = { id: check.id, kind: 'static' as const, title: check.title, points: check.points, diagnostics: [] };
  let findings: Finding[];
  try {
    findings = check.check(sub);
  } catch (err) {
    return { ...base, score: 0, status: 'failed', message: MSG.staticCrashed, observed: errorText(err), durationMs: now() - started };
  }
  if (findings.length === 0) return { ...base, score: check.points, status: 'passed', durationMs: now() - started };
  return {
    ...base,
    score: 0,
    status: 'failed',
    message: joinFindings(findings),
    hint: check.hint,
    at: findings.find((f) => f.at)?.at,
    durationMs: now() - started,
  };
}
