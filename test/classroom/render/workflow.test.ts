import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isPinnedRef } from '../../../src/classroom/pins.ts';
import { FIRST_STEP_MINUTES, jobMinutes, LESSON_STEP_MINUTES } from '../../../src/classroom/render/workflow.ts';
import { generateRepo, job, readWorkflow, type Workflow } from '../helpers.ts';

let repo: string;
let wf: Workflow;

beforeAll(async () => {
  const g = await generateRepo(['--lessons', '1,2']);
  expect(g.code, g.io.err()).toBe(0);
  repo = g.repo;
  wf = readWorkflow(repo);
});

const byId = (id: string) => job(wf).steps.find((s) => s.id === id);
const byUses = (prefix: string) => job(wf).steps.filter((s) => s.uses?.startsWith(prefix));

describe('the generated workflow', () => {
  it('is YAML that runs on push, by hand and on Classroom’s dispatch, with one job', () => {
    expect(wf.name).toBe('Autograding');
    expect(Object.keys(wf.on).sort()).toEqual(['push', 'repository_dispatch', 'workflow_dispatch']);
    expect(Object.keys(wf.jobs)).toHaveLength(1);
    expect(job(wf).if).toContain('github-classroom[bot]');
  });

  it('asks for the least permissions: read the code, write the test-report check run', () => {
    expect(wf.permissions).toEqual({ contents: 'read', checks: 'write' });
  });

  it('pins every action to a full version or a commit SHA', () => {
    const uses = job(wf).steps.filter((s) => s.uses).map((s) => s.uses!);
    expect(uses.length).toBeGreaterThanOrEqual(6);
    for (const u of uses) {
      const [, ref] = u.split('@');
      expect(isPinnedRef(ref!), u).toBe(true);
    }
  });

  it('has a time limit on the job and on every grading step, so a run never hangs', () => {
    expect(job(wf)['timeout-minutes']).toBe(jobMinutes(2));
    expect(byId('lesson1')!['timeout-minutes']).toBe(FIRST_STEP_MINUTES);
    expect(byId('lesson2')!['timeout-minutes']).toBe(LESSON_STEP_MINUTES);
    expect(jobMinutes(6)).toBeLessThanOrEqual(120);
  });

  it('installs kind and kubectl only: the grader creates its own cluster', () => {
    const [kind] = byUses('helm/kind-action@');
    expect(kind!.with).toMatchObject({ install_only: true, version: 'v0.31.0', kubectl_version: 'v1.35.0' });
  });

  it('takes the grader from the course repository at the pinned ref, never from the student’s files', () => {
    const steps = job(wf).steps;
    const rm = steps.findIndex((s) => s.run?.startsWith('rm -rf .course'));
    const checkout = steps.findIndex((s) => s.uses?.startsWith('actions/checkout@') && s.with?.path === '.course');
    expect(rm).toBeGreaterThan(-1);
    expect(checkout).toBeGreaterThan(rm);
    expect(steps[checkout]!.with).toMatchObject({ repository: '${{ env.COURSE_REPOSITORY }}', ref: '${{ env.COURSE_REF }}', 'persist-credentials': false });
    expect(job(wf).env).toMatchObject({ COURSE_REPOSITORY: 'example-school/k8s-storage-course', COURSE_REF: 'v0.1.0', GRADE_CLUSTER: 'kind' });
    expect(job(wf).env.TSX_TSCONFIG_PATH).toMatch(/^\.course\//);
    for (const s of steps.filter((x) => x.run?.includes('.bin/tsx'))) expect(s.run).toMatch(/^\.course\/node_modules\/\.bin\/tsx \.course\/scripts\//);
    // Dependencies come from the workflow's own list into .course/node_modules, not from the student's package.json.
    const install = steps.find((s) => s.run?.includes('npm install'))!.run!;
    expect(install).toContain('--prefix "$deps"');
    expect(install).toContain('mv "$deps/node_modules" .course/node_modules');
  });

  it('grades each lesson in its own step with every reporter, then collects and reports', () => {
    for (const id of ['lesson-1', 'lesson-2']) {
      const step = byId(id.replace('-', ''))!;
      expect(step['continue-on-error']).toBe(true);
      expect(step.run).toContain(`scripts/grade.ts ${id} --dir exercises/${id}`);
      expect(step.run).toContain('--cluster "$GRADE_CLUSTER"');
      expect(step.run).toContain('--reporter terminal,json,junit,github');
      expect(step.run).toContain(`--out "$RUNNER_TEMP/reports/${id}"`);
    }
    const names = job(wf).steps.map((s) => s.id ?? s.uses?.split('@')[0]);
    expect(names.indexOf('integrity')).toBeLessThan(names.indexOf('lesson1'));
    expect(names.indexOf('lesson2')).toBeLessThan(names.indexOf('collect'));
    expect(byId('collect')!.if).toBe('${{ !cancelled() }}');
    expect(byId('collect')!.run).toContain('result --lessons lesson-1,lesson-2');
  });

  it('feeds every collected result to the Classroom reporter as <RUNNER>_RESULTS', () => {
    const [reporter] = byUses('classroom-resources/autograding-grading-reporter@');
    expect(reporter!.if).toBe('${{ !cancelled() }}');
    expect(reporter!.with!.runners).toBe('lesson1,lesson2,integrity');
    expect(reporter!.env).toEqual({
      LESSON1_RESULTS: '${{ steps.collect.outputs.lesson1 }}',
      LESSON2_RESULTS: '${{ steps.collect.outputs.lesson2 }}',
      INTEGRITY_RESULTS: '${{ steps.collect.outputs.integrity }}',
    });
    expect(String(reporter!.with!.runners)).toMatch(/^([a-zA-Z0-9]+,)*[a-zA-Z0-9]+$/);
  });

  it('publishes the JUnit files as a test report without failing the job on its own', () => {
    const [junit] = byUses('mikepenz/action-junit-report@');
    expect(junit!.if).toBe('${{ !cancelled() }}');
    expect(junit!.with).toMatchObject({ report_paths: '${{ runner.temp }}/reports/*/junit.xml', fail_on_failure: false });
  });

  it('installs exactly the dependencies package.json declares', () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const install = job(wf).steps.find((s) => s.run?.includes('npm install'))!.run!;
    const listed = install.split('\n').find((l) => l.includes('npm install'))!.split(' ').filter((w) => /^[@a-z].*@\d/.test(w));
    expect(listed.sort()).toEqual(Object.entries(pkg.dependencies).map(([n, v]) => `${n}@${v}`).sort());
  });
});
