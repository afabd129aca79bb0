/**
 * End to end, the way GitHub Actions would run the generated workflow: the `run:` scripts of the
 * integrity step, every lesson's grading step and the collect step are executed with bash in the
 * generated repository, with the course "checked out" at .course/ (a link to this checkout, since
 * nothing can be fetched from GitHub here) and GRADE_CLUSTER=model (no Docker here). The reporter
 * step is replayed from its env mapping exactly as classroom-resources/autograding-grading-reporter
 * reads it: <RUNNER>_RESULTS, base64, then the sum of tests[].score over runners with a max_score.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { courseLessons } from '../../src/classroom/course.ts';
import { COURSE_ROOT, generateRepo, job, readWorkflow, runStep, tempDir, type Workflow, type WorkflowStep } from './helpers.ts';

interface StepRun {
  exitCode: number | undefined;
  outputs: Record<string, string>;
  summary: string;
  log: string;
}

interface ClassroomJson {
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: { name: string; status: string; score: number }[];
}

const ready = courseLessons(COURSE_ROOT).filter((l) => l.info).map((l) => ({ id: l.lesson.id, folder: l.lesson.folder }));
let repo: string;
let wf: Workflow;

beforeAll(async () => {
  const g = await generateRepo();
  expect(g.code, g.io.err()).toBe(0);
  repo = g.repo;
  wf = readWorkflow(repo);
  symlinkSync(COURSE_ROOT, join(repo, '.course'), 'junction'); // what "Check out the course grader" leaves behind
});

/** Runs one step with a fresh $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY, as the runner gives every step. */
async function run(step: WorkflowStep, runnerTemp: string): Promise<StepRun> {
  const files = tempDir('step-');
  const output = join(files, 'output');
  const summary = join(files, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const r = await runStep(repo, wf, step, { RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary }, { GRADE_CLUSTER: 'model' });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { exitCode: r.exitCode, outputs, summary: readFileSync(summary, 'utf8'), log: `${r.stdout}\n${r.stderr}` };
}

/** Runs integrity, the lesson steps (in parallel: each writes its own folder) and collect. */
async function runWorkflow() {
  const runnerTemp = tempDir('runner-temp-');
  const steps = job(wf).steps;
  const integrity = await run(steps.find((s) => s.id === 'integrity')!, runnerTemp);
  const lessonSteps = ready.map((l) => steps.find((s) => s.id === l.id.replace('-', ''))!);
  const lessons = await Promise.all(lessonSteps.map((s) => run(s, runnerTemp)));
  const collect = await run(steps.find((s) => s.id === 'collect')!, runnerTemp);
  return { runnerTemp, integrity, lessons, collect };
}

/** What the reporter step does with the collect step's outputs. */
function replayReporter(collect: StepRun) {
  const step = job(wf).steps.find((s) => s.uses?.startsWith('classroom-resources/autograding-grading-reporter@'))!;
  const env = Object.fromEntries(Object.entries(step.env!).map(([k, v]) => [k, collect.outputs[/steps\.collect\.outputs\.(\w+)/.exec(v)![1]!]]));
  const runners = String(step.with!.runners).split(',').map((runner) => {
    const encoded = env[`${runner.trim().toUpperCase()}_RESULTS`];
    expect(encoded, runner).toBeTruthy();
    return { runner, results: JSON.parse(Buffer.from(encoded!, 'base64').toString('utf8')) as ClassroomJson };
  });
  let totalPoints = 0;
  let maxPoints = 0;
  for (const { results } of runners) {
    if (!results.max_score) continue;
    maxPoints += results.max_score;
    for (const t of results.tests) totalPoints += t.score;
  }
  const failed = runners.some((r) => r.results.status === 'fail' || r.results.status === 'error');
  return { runners, totalPoints, maxPoints, failed };
}

describe('the generated workflow, run step by step on the offline model', () => {
  it('has lessons to grade', () => {
    expect(ready.length).toBeGreaterThan(0);
  });

  it('on the starter files: every lesson fails with a report, Classroom gets less than full points, integrity passes', async () => {
    const { runnerTemp, integrity, lessons, collect } = await runWorkflow();
    expect(integrity.exitCode, integrity.log).toBe(0);
    lessons.forEach((l, i) => {
      expect([1, 2], `${ready[i]!.id}: ${l.log}`).toContain(l.exitCode);
      // The grade command's own GitHub reporter: a step summary and its Classroom output.
      expect(l.summary.length, ready[i]!.id).toBeGreaterThan(0);
      expect(l.outputs.result, ready[i]!.id).toMatch(/^[A-Za-z0-9+/=]+$/);
      const results = JSON.parse(readFileSync(join(runnerTemp, 'reports', ready[i]!.id, 'results.json'), 'utf8')) as { status: string; score: number; max_score: number; tests: { status: string }[]; cluster: { backend: string } };
      expect(results.status, ready[i]!.id).not.toBe('pass');
      expect(results.max_score).toBe(100);
      expect(results.score).toBeLessThan(100);
      expect(results.tests.some((t) => t.status !== 'pass')).toBe(true);
      expect(results.cluster.backend).toBe('model');
      expect(readdirSync(join(runnerTemp, 'reports', ready[i]!.id)).sort()).toEqual(['junit.xml', 'results.json']);
    });
    expect(collect.exitCode, collect.log).toBe(0);
    expect(collect.summary).toContain('Classroom result');
    const reporter = replayReporter(collect);
    expect(reporter.maxPoints).toBe(100 * ready.length);
    expect(reporter.totalPoints).toBeLessThan(reporter.maxPoints);
    expect(reporter.failed).toBe(true);
    expect(reporter.runners.find((r) => r.runner === 'integrity')!.results.status).toBe('pass');
  }, 240_000);

  it('with the solutions copied in: every lesson passes and Classroom gets full points', async () => {
    for (const l of ready) cpSync(join(COURSE_ROOT, 'lessons', l.folder, 'solution'), join(repo, 'exercises', l.id), { recursive: true });
    const { integrity, lessons, collect } = await runWorkflow();
    expect(integrity.exitCode).toBe(0);
    lessons.forEach((l, i) => expect(l.exitCode, `${ready[i]!.id}: ${l.log}`).toBe(0));
    const reporter = replayReporter(collect);
    expect(reporter.totalPoints).toBe(100 * ready.length);
    expect(reporter.maxPoints).toBe(100 * ready.length);
    expect(reporter.failed).toBe(false);
    expect(collect.summary).toContain(`**${100 * ready.length} / ${100 * ready.length}**`);
  }, 240_000);

  it('after a student edits the workflow: grading still reports, but the integrity runner fails', async () => {
    const file = join(repo, '.github/workflows/classroom.yml');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace('timeout-minutes: 15', 'timeout-minutes: 16'));
      const runnerTemp = tempDir('runner-temp-');
      mkdirSync(join(runnerTemp, 'reports'));
      const integrity = await run(job(wf).steps.find((s) => s.id === 'integrity')!, runnerTemp);
      expect(integrity.exitCode).toBe(1); // continue-on-error lets the job go on
      const collect = await run(job(wf).steps.find((s) => s.id === 'collect')!, runnerTemp);
      const reporter = replayReporter(collect);
      const integrityRunner = reporter.runners.find((r) => r.runner === 'integrity')!.results;
      expect(integrityRunner.status).toBe('fail');
      expect(integrityRunner.max_score).toBe(0);
      expect(integrityRunner.tests[0]!.status).toBe('fail');
      expect(reporter.failed).toBe(true);
    } finally {
      writeFileSync(file, original);
    }
  }, 120_000);
});
