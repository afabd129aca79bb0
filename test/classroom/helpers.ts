/**
 * Shared helpers for the classroom tests: the real course checkout, a captured CliIo, generating a
 * student repository from this checkout (with a local course source, since nothing can be fetched
 * from GitHub here), and running a workflow step's `run:` script the way the runner would.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parse } from 'yaml';
import type { CliIo } from '../../src/cli/io.ts';
import { runClassroom } from '../../src/classroom/main.ts';

/** This course checkout. */
export const COURSE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The tsx of this checkout (student repositories in tests have no node_modules of their own). */
export const TSX = join(COURSE_ROOT, 'node_modules', '.bin', 'tsx');

/** A fresh temp folder. */
export function tempDir(prefix = 'classroom-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A CliIo that records what is written. */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    env: { LANG: 'en_US.UTF-8', NO_COLOR: '1', ...env },
    cwd,
    isTTY: false,
    out: () => out,
    err: () => err,
  };
}

/** Generates a student repository into `<tmp>/repo` from this checkout; returns its path and the io. */
export async function generateRepo(args: string[] = [], cwd = tempDir()): Promise<{ repo: string; code: number; io: ReturnType<typeof captureIo> }> {
  const io = captureIo(cwd);
  const repo = join(cwd, 'repo');
  const code = await runClassroom(
    ['--out', repo, '--course-repo', 'example-school/k8s-storage-course', '--course-ref', 'v0.1.0', '--course-source', COURSE_ROOT, ...args],
    io,
    COURSE_ROOT,
  );
  return { repo, code, io };
}

export interface WorkflowStep {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
  'continue-on-error'?: boolean;
  'timeout-minutes'?: number;
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; 'timeout-minutes': number; if?: string; env: Record<string, string>; steps: WorkflowStep[] }>;
}

/** The generated workflow of a repository, parsed. */
export function readWorkflow(repo: string): Workflow {
  return parse(readFileSync(join(repo, '.github/workflows/classroom.yml'), 'utf8')) as Workflow;
}

/** The only job of the workflow. */
export function job(wf: Workflow) {
  return Object.values(wf.jobs)[0]!;
}

/**
 * Runs a step's `run:` script with bash in the repository, with the job's env, the runner's
 * variables (RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) and any override (e.g.
 * GRADE_CLUSTER=model, since there is no Docker here).
 */
export async function runStep(repo: string, wf: Workflow, step: WorkflowStep, runner: Record<string, string>, overrides: Record<string, string> = {}) {
  return execa('bash', ['-e', '-c', step.run!], {
    cwd: repo,
    reject: false,
    env: { ...job(wf).env, ...runner, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true', GITHUB_ACTIONS: 'true', ...overrides },
    timeout: 120_000,
  });
}
