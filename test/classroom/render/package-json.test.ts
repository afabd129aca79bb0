/**
 * The student's package.json: it must install the grader (and only the grader) at the course's
 * exact versions, and `npm run grade` must run the course grader. The sufficiency test rebuilds
 * what CI has (the course checked out into .course/, and .course/node_modules holding ONLY the
 * declared packages) and grades a solution with it on the model.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRADE_SCRIPT } from '../../../src/classroom/render/package-json.ts';
import { COURSE_ROOT, generateRepo, job, readWorkflow, runStep, tempDir } from '../helpers.ts';

let repo: string;
let pkg: { name: string; private: boolean; type: string; scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies?: unknown };
const course = JSON.parse(readFileSync(join(COURSE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; engines: { node: string } };

beforeAll(async () => {
  const g = await generateRepo(['--lessons', '1']);
  expect(g.code, g.io.err()).toBe(0);
  repo = g.repo;
  pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
});

describe('the student package.json', () => {
  it('is a private ES module package whose grade script runs the launcher with its own tsconfig', () => {
    expect(pkg).toMatchObject({ private: true, type: 'module', engines: { node: course.engines.node } });
    expect(pkg.scripts).toEqual({ grade: GRADE_SCRIPT });
    expect(pkg.scripts.grade).toBe('tsx --tsconfig .classroom/tsconfig.json .classroom/grade.ts');
    expect(pkg.devDependencies).toBeUndefined();
  });

  it('depends on the grader’s packages at the course’s exact versions, and not on the course package or its site toolchain', () => {
    expect(Object.keys(pkg.dependencies)).toContain('tsx');
    for (const [name, version] of Object.entries(pkg.dependencies)) {
      expect(version, name).toBe(course.dependencies[name]);
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
    for (const heavy of ['k8s-storage-course', 'astro', '@astrojs/starlight', '@astrojs/mdx', 'shiki']) expect(pkg.dependencies).not.toHaveProperty(heavy);
  });

  it('declares every package the grader needs: a solution passes with only those installed', async () => {
    const work = tempDir('deps-only-');
    const student = join(work, 'repo');
    cpSync(repo, student, { recursive: true });
    const dotCourse = join(student, '.course');
    for (const part of ['src', 'scripts', 'graders', 'lessons', 'templates', 'package.json', 'tsconfig.json']) cpSync(join(COURSE_ROOT, part), join(dotCourse, part), { recursive: true });
    mkdirSync(join(dotCourse, 'node_modules', '.bin'), { recursive: true });
    for (const name of Object.keys(pkg.dependencies)) {
      mkdirSync(join(dotCourse, 'node_modules', name, '..'), { recursive: true });
      symlinkSync(join(COURSE_ROOT, 'node_modules', name), join(dotCourse, 'node_modules', name), 'junction');
    }
    symlinkSync('../tsx/dist/cli.mjs', join(dotCourse, 'node_modules', '.bin', 'tsx'));
    cpSync(join(COURSE_ROOT, 'lessons/01-emptydir/solution'), join(student, 'exercises/lesson-1'), { recursive: true });
    const wf = readWorkflow(student);
    const step = job(wf).steps.find((s) => s.id === 'lesson1')!;
    const rt = join(work, 'runner');
    mkdirSync(rt);
    const r = await runStep(student, wf, step, { RUNNER_TEMP: rt }, { GRADE_CLUSTER: 'model' });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    const results = JSON.parse(readFileSync(join(rt, 'reports/lesson-1/results.json'), 'utf8')) as { score: number; max_score: number };
    expect(results).toMatchObject({ score: 100, max_score: 100 });
  }, 60_000);

  it('runs the course grader through `npm run grade` (the launcher links a local course source)', async () => {
    const r = await execa(join(COURSE_ROOT, 'node_modules/.bin/tsx'), [...pkg.scripts.grade.split(' ').slice(1), '--list'], { cwd: repo, reject: false, env: { NO_COLOR: '1', LANG: 'en_US.UTF-8' } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/lesson-1\s+01-emptydir/);
  }, 30_000);
});
