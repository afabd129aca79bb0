/**
 * junit.xml: flat JUnit XML, the subset GitHub Actions reporters (mikepenz/action-junit-report,
 * dorny/test-reporter, EnricoMi/publish-unit-test-result-action) all understand.
 *
 * <testsuites name="k8s-storage-course" tests failures errors skipped time>
 *   <testsuite name="lesson-3" tests failures errors skipped time timestamp>    one per exercise
 *     <properties><property name="lesson|title|cluster|model|lang|score|max_score" value/></properties>
 *     <testcase name="<check title>" classname="lesson-3" time [file line]>     one per check
 *       <failure message="one line" type="static|step">message, hint, position, observed, diagnostics</failure>
 *       <error message="..." type="cluster|submission|interrupted">...</error>  check could not run because
 *                                                                                 the exercise errored
 *       <skipped message="..."/>                                                 an earlier step failed
 *     </testcase>
 *     <system-out>notes and the offline-model banner</system-out>
 *     <system-err>why the exercise could not be fully graded</system-err>
 *   </testsuite>
 * </testsuites>
 *
 * Counts agree with results.json: failures = tests with status fail; errors + skipped = tests with
 * status error.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Lang } from '../../i18n/lang.ts';
import { checkDetail, exerciseMessage } from './entries.ts';
import { displayFile, firstLine } from './format.ts';
import { msg } from './messages.ts';
import type { CheckResult, ExerciseResult, RunResult } from './model.ts';

/** Drops ANSI escapes and characters XML 1.0 forbids (everything below 0x20 but tab, LF, CR). */
export function xmlSafe(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

function testcase(check: CheckResult, ex: ExerciseResult, lang: Lang, cwd: string): Record<string, unknown> {
  const node: Record<string, unknown> = {
    '@_name': xmlSafe(check.title[lang]),
    '@_classname': ex.id,
    '@_time': seconds(check.durationMs),
  };
  if (check.at) {
    node['@_file'] = displayFile(check.at.file, ex.submissionDir, cwd);
    node['@_line'] = check.at.line;
  }
  if (check.status === 'passed') return node;
  const detail = checkDetail(check, ex, lang, cwd);
  const message = xmlSafe(firstLine(detail[0] ?? msg.skippedNoReason[lang]));
  const body = [...detail, ...check.diagnostics.map((d) => `--- ${d.title}\n${d.text}`)].join('\n');
  if (check.status === 'failed') node.failure = { '@_message': message, '@_type': check.kind, '#text': xmlSafe(body) };
  else if (ex.error) node.error = { '@_message': message, '@_type': ex.error.kind, '#text': xmlSafe(body) };
  else node.skipped = { '@_message': message };
  return node;
}

function counts(checks: CheckResult[], errored: boolean) {
  const skippedChecks = checks.filter((c) => c.status === 'skipped').length;
  return {
    tests: checks.length,
    failures: checks.filter((c) => c.status === 'failed').length,
    errors: errored ? skippedChecks : 0,
    skipped: errored ? 0 : skippedChecks,
  };
}

function testsuite(ex: ExerciseResult, run: RunResult, lang: Lang, cwd: string): Record<string, unknown> {
  const c = counts(ex.checks, Boolean(ex.error));
  const props: [string, string | number][] = [
    ['lesson', ex.lesson],
    ['title', ex.title[lang]],
    ['cluster', run.cluster?.description[lang] ?? msg.clusterUnknown[lang]],
    ['model', String(run.cluster?.isModel ?? false)],
    ['lang', lang],
    ['score', ex.score],
    ['max_score', ex.maxScore],
  ];
  const out = [...(run.cluster?.isModel ? [msg.modelBanner[lang]] : []), ...ex.notes.map((n) => n[lang])];
  const err = exerciseMessage(ex, lang, cwd);
  return {
    '@_name': ex.id,
    '@_tests': c.tests,
    '@_failures': c.failures,
    '@_errors': c.errors,
    '@_skipped': c.skipped,
    '@_time': seconds(ex.durationMs),
    '@_timestamp': ex.startedAt,
    properties: { property: props.map(([name, value]) => ({ '@_name': name, '@_value': xmlSafe(String(value)) })) },
    testcase: ex.checks.map((check) => testcase(check, ex, lang, cwd)),
    ...(out.length ? { 'system-out': xmlSafe(out.join('\n')) } : {}),
    ...(err ? { 'system-err': xmlSafe(err) } : {}),
  };
}

/** Renders the run as a JUnit XML document. */
export function renderJunit(run: RunResult, lang: Lang, cwd: string): string {
  const all = run.exercises.map((ex) => counts(ex.checks, Boolean(ex.error)));
  const sum = (k: keyof ReturnType<typeof counts>) => all.reduce((t, c) => t + c[k], 0);
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'k8s-storage-course',
      '@_tests': sum('tests'),
      '@_failures': sum('failures'),
      '@_errors': sum('errors'),
      '@_skipped': sum('skipped'),
      '@_time': seconds(run.durationMs),
      testsuite: run.exercises.map((ex) => testsuite(ex, run, lang, cwd)),
    },
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    suppressEmptyNode: true,
    // the default renders value="true" as a bare `value`, which is not XML
    suppressBooleanAttributes: false,
  });
  return builder.build(doc) as string;
}
