import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAssignment } from '../../src/classroom/assignment.ts';
import { verifyRepository } from '../../src/classroom/integrity.ts';
import { runClassroom } from '../../src/classroom/main.ts';
import { captureIo, COURSE_ROOT, generateRepo, tempDir } from './helpers.ts';

let pristine: string;

beforeAll(async () => {
  const g = await generateRepo(['--lessons', '1,2']);
  expect(g.code, g.io.err()).toBe(0);
  pristine = g.repo;
});

/** A copy of the generated repository to tamper with. */
function copy(): string {
  const dir = join(tempDir('tamper-'), 'repo');
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

const statusOf = async (repo: string) => Object.fromEntries((await verifyRepository(repo, COURSE_ROOT)).files.filter((f) => f.status !== 'ok').map((f) => [f.path, f.status]));

describe('the integrity check', () => {
  it('passes on the repository as generated, naming the course it compared with', async () => {
    const report = await verifyRepository(pristine, COURSE_ROOT);
    expect(report.ok).toBe(true);
    expect(report.course).toMatchObject({ repository: 'example-school/k8s-storage-course', ref: 'v0.1.0' });
    expect(report.files.map((f) => f.path).sort()).toEqual(['.classroom/assignment.json', '.classroom/grade.ts', '.classroom/tsconfig.json', '.github/workflows/classroom.yml', 'package.json']);
    expect(report.files.every((f) => /^[0-9a-f]{64}$/.test(f.expected!) && f.expected === f.actual)).toBe(true);
  });

  it('ignores the student’s own files: exercises, README, .gitignore', async () => {
    const repo = copy();
    appendFileSync(join(repo, 'exercises/lesson-1/cache-pod.yaml'), '# my answer\n');
    appendFileSync(join(repo, 'README.md'), 'notes\n');
    writeFileSync(join(repo, 'notes.md'), 'x');
    expect(await statusOf(repo)).toEqual({});
  });

  it('catches an edit to any protected file', async () => {
    for (const [file, edit] of [
      ['.github/workflows/classroom.yml', (t: string) => t.replace('--cluster "$GRADE_CLUSTER"', '--cluster model')],
      ['package.json', (t: string) => t.replace('"grade": "tsx', '"grade": "echo 100 && tsx')],
      ['.classroom/grade.ts', (t: string) => t + '\n// harmless?\n'],
      ['.classroom/tsconfig.json', (t: string) => t.replace('"strict": true', '"strict": false')],
    ] as const) {
      const repo = copy();
      const path = join(repo, file);
      writeFileSync(path, edit(readFileSync(path, 'utf8')));
      expect(await statusOf(repo), file).toEqual({ [file]: 'changed' });
    }
  });

  it('catches a deleted protected file and an extra workflow or .classroom file', async () => {
    const repo = copy();
    rmSync(join(repo, '.classroom/tsconfig.json'));
    writeFileSync(join(repo, '.github/workflows/points.yml'), 'on: push\n');
    mkdirSync(join(repo, '.classroom/extra'));
    writeFileSync(join(repo, '.classroom/extra/x.json'), '{}');
    expect(await statusOf(repo)).toEqual({ '.classroom/tsconfig.json': 'missing', '.github/workflows/points.yml': 'unexpected', '.classroom/extra/x.json': 'unexpected' });
  });

  it('catches an edit of assignment.json alone: the files rendered from it no longer match', async () => {
    const repo = copy();
    const file = join(repo, '.classroom/assignment.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"lesson-2"', '"lesson-1"').replace('"lesson-1",\n    "lesson-1"', '"lesson-1"'));
    const bad = await statusOf(repo);
    expect(bad['.github/workflows/classroom.yml']).toBe('changed');
    expect(bad['package.json']).toBe('changed');
  });

  it('against the instructor’s assignment.json, also catches a consistently regenerated repository with fewer lessons', async () => {
    const g = await generateRepo(['--lessons', '1']);
    expect(g.code).toBe(0);
    expect((await verifyRepository(g.repo, COURSE_ROOT)).ok).toBe(true); // consistent with itself...
    const instructor = parseAssignment(readFileSync(join(pristine, '.classroom/assignment.json'), 'utf8'));
    const audit = await verifyRepository(g.repo, COURSE_ROOT, instructor); // ...but not with the instructor's choices
    expect(audit.ok).toBe(false);
    expect(audit.files.filter((f) => f.status === 'changed').map((f) => f.path)).toEqual(expect.arrayContaining(['.classroom/assignment.json', '.github/workflows/classroom.yml']));
  });

  it('reports an unreadable assignment.json or an unknown lesson instead of comparing', async () => {
    const repo = copy();
    writeFileSync(join(repo, '.classroom/assignment.json'), '{ "broken": ');
    expect(await verifyRepository(repo, COURSE_ROOT)).toMatchObject({ ok: false, error: expect.stringContaining('assignment.json') });
    rmSync(join(repo, '.classroom/assignment.json'));
    expect(await verifyRepository(repo, COURSE_ROOT)).toMatchObject({ ok: false, error: expect.stringContaining('missing') });
    const other = copy();
    const file = join(other, '.classroom/assignment.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"lesson-2"', '"lesson-99"'));
    expect(await verifyRepository(other, COURSE_ROOT)).toMatchObject({ ok: false, error: expect.stringContaining('lesson-99') });
  });

  it('`classroom verify` exits 0 or 1 and writes the verdict for the collect step', async () => {
    const dir = tempDir();
    const io = captureIo(dir);
    expect(await runClassroom(['verify', '--repo', pristine, '--out', 'out/integrity.json'], io, COURSE_ROOT)).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out/integrity.json'), 'utf8'))).toMatchObject({ schemaVersion: 1, ok: true });
    const repo = copy();
    appendFileSync(join(repo, 'package.json'), ' ');
    const io2 = captureIo(dir);
    expect(await runClassroom(['verify', '--repo', repo, '--lang', 'zh-cn'], io2, COURSE_ROOT)).toBe(1);
    expect(io2.out()).toContain('package.json: 已修改');
    const io3 = captureIo(dir);
    expect(await runClassroom(['verify', '--repo', repo, '--expect', 'nope.json'], io3, COURSE_ROOT)).toBe(2);
    expect(io3.err()).toContain('--expect nope.json');
  });
});
