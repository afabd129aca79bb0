import { describe, it, expect } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJunit, xmlSafe } from '../../../src/grader/report/junit.ts';
import { toResultsJson } from '../../../src/grader/report/json.ts';
import { CWD, clusterErrorExercise, nfsExercise, passedExercise, run } from './sample-run.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

type Case = { name: string; classname: string; time: string; file?: string; line?: string; failure?: { message: string; type: string; '#text': string }; error?: { message: string; type: string }; skipped?: { message: string } };
type Suite = { name: string; tests: string; failures: string; errors: string; skipped: string; time: string; testcase: Case[]; properties: { property: { name: string; value: string }[] }; 'system-out'?: string; 'system-err'?: string };

/** Parses after checking the document is well-formed XML. */
function parse(xml: string): { testsuites: Suite & { testsuite: Suite[] } } {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml);
}

describe('junit.xml', () => {
  it('one flat testsuite per exercise, one testcase per check, counts that add up', () => {
    const doc = parse(renderJunit(run([passedExercise(), nfsExercise(), clusterErrorExercise()]), 'en', CWD));
    const root = doc.testsuites;
    expect(root.testsuite.map((s) => s.name)).toEqual(['lesson-1', 'lesson-3', 'lesson-4']);
    const nfs = root.testsuite[1]!;
    expect([nfs.tests, nfs.failures, nfs.errors, nfs.skipped]).toEqual(['5', '2', '0', '1']);
    expect(nfs.testcase).toHaveLength(5);
    expect(nfs.testcase.every((c) => c.classname === 'lesson-3')).toBe(true);
    const broken = root.testsuite[2]!;
    expect([broken.tests, broken.failures, broken.errors, broken.skipped]).toEqual(['2', '0', '2', '0']);
    expect([root.tests, root.failures, root.errors, root.skipped]).toEqual(['9', '2', '2', '1']);
    for (const s of root.testsuite) expect((s as unknown as { testsuite?: unknown }).testsuite).toBeUndefined();
  });

  it('failure: one-line message, body with hint, position, observed and diagnostics; file and line attributes', () => {
    const nfs = parse(renderJunit(run([nfsExercise()]), 'en', CWD)).testsuites.testsuite[0]!;
    const staticFail = nfs.testcase[1]!;
    expect(staticFail.file).toBe('exercises/lesson-3/deployment.yaml');
    expect(staticFail.line).toBe('12');
    expect(staticFail.failure!.type).toBe('static');
    const step = nfs.testcase[3]!;
    expect(step.failure!.message).toBe('nfs-web-b read nothing at /shared/token.');
    expect(step.failure!.message).not.toContain('\n');
    const body = step.failure!['#text'];
    expect(body).toContain('Hint: Mount the nfs volume');
    expect(body).toContain("Observed: cat: can't open");
    expect(body).toContain('--- describe pod nfs-web-b');
    expect(body).toContain('FailedMount');
    expect(nfs.testcase[4]!.skipped!.message).toContain('Not run');
    expect(nfs.testcase[0]!.time).toBe('0.020');
  });

  it('exercise-level error: checks become <error>, the reason is in system-err', () => {
    const suite = parse(renderJunit(run([clusterErrorExercise()], false), 'zh-cn', CWD)).testsuites.testsuite[0]!;
    expect(suite.testcase[0]!.error!.type).toBe('cluster');
    expect(suite['system-err']).toContain('docker 没有运行');
    expect(suite['system-out']).toBeUndefined();
  });

  it('properties say when the verdict came from the model', () => {
    const suite = parse(renderJunit(run([nfsExercise()]), 'en', CWD)).testsuites.testsuite[0]!;
    const props = Object.fromEntries(suite.properties.property.map((p) => [p.name, p.value]));
    expect(props).toMatchObject({ lesson: '03-nfs', model: 'true', lang: 'en', score: '35', max_score: '100', cluster: 'offline model' });
    expect(suite['system-out']).toContain('Offline model, not a real cluster');
  });

  it('names the cluster in the report language', () => {
    const suite = parse(renderJunit(run([nfsExercise()], false), 'zh-cn', CWD)).testsuites.testsuite[0]!;
    const props = Object.fromEntries(suite.properties.property.map((p) => [p.name, p.value]));
    expect(props).toMatchObject({ cluster: 'kind 集群 k8s-storage-course（Kubernetes v1.35.0）', model: 'false', lang: 'zh-cn' });
  });

  it('agrees with results.json: same tests, failures, errors + skipped, names', () => {
    const r = run([passedExercise(), nfsExercise(), clusterErrorExercise()]);
    const json = toResultsJson(r, 'en', CWD);
    const root = parse(renderJunit(r, 'en', CWD)).testsuites;
    expect(Number(root.tests)).toBe(json.tests.length);
    expect(Number(root.failures)).toBe(json.tests.filter((t) => t.status === 'fail').length);
    expect(Number(root.errors) + Number(root.skipped)).toBe(json.tests.filter((t) => t.status === 'error').length);
    const props = root.testsuite.map((s) => Number(s.properties.property.find((p) => p.name === 'score')!.value));
    expect(props.reduce((a, b) => a + b, 0)).toBe(json.score);
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const ex = nfsExercise();
    ex.checks[3]!.observed = 'a <b> & "c" \u001b[31mred\u001b[0m \u0007bell';
    const xml = renderJunit(run([ex]), 'en', CWD);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const body = parse(xml).testsuites.testsuite[0]!.testcase[3]!.failure!['#text'];
    expect(body).toContain('a <b> & "c" red bell');
    expect(xmlSafe('x\u0000y')).toBe('xy');
  });
});
