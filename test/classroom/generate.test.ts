import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/usage-error.ts';
import { buildAssignment, chooseLessons } from '../../src/classroom/generate.ts';
import type { GenerateRequest } from '../../src/classroom/options.ts';
import { courseLessons, readCoursePackage, repositoryFromPackage } from '../../src/classroom/course.ts';
import { runClassroom } from '../../src/classroom/main.ts';
import { captureIo, COURSE_ROOT, generateRepo, tempDir } from './helpers.ts';

function tree(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tree(p, base) : [relative(base, p)];
  });
}

const request = (over: Partial<GenerateRequest> = {}): GenerateRequest => ({ command: 'generate', out: 'x', gradeLang: 'en', pins: [], force: false, ...over });
const clean = { head: 'c'.repeat(40), dirty: [] };
const ready = courseLessons(COURSE_ROOT).filter((l) => l.info).map((l) => l.lesson.id);

describe('npm run classroom -- --out <dir>', () => {
  it('writes the repository tree: protected files, README, .gitignore and every starter file', async () => {
    const { repo, code, io } = await generateRepo(['--lessons', '1,3']);
    expect(code, io.err()).toBe(0);
    const files = tree(repo).sort();
    expect(files.filter((f) => !f.startsWith('exercises/'))).toEqual(['.classroom/assignment.json', '.classroom/grade.ts', '.classroom/tsconfig.json', '.github/workflows/classroom.yml', '.gitignore', 'README.md', 'package.json']);
    for (const [id, folder] of [['lesson-1', '01-emptydir'], ['lesson-3', '03-nfs']]) {
      for (const f of readdirSync(join(COURSE_ROOT, 'lessons', folder, 'starter'))) {
        expect(readFileSync(join(repo, 'exercises', id, f))).toEqual(readFileSync(join(COURSE_ROOT, 'lessons', folder, 'starter', f)));
      }
    }
    expect(existsSync(join(repo, 'exercises/lesson-2'))).toBe(false);
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toMatch(/^\.course\/$/m);
    expect(io.out()).toContain('Generated a student repository for lesson-1, lesson-3');
    expect(io.err()).toContain('local folder'); // the local course source is announced
  });

  it('hands out every lesson that is ready when --lessons is not given', async () => {
    const { repo, code } = await generateRepo();
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(repo, '.classroom/assignment.json'), 'utf8')).lessons).toEqual(ready);
  });

  it('is deterministic: generating twice gives the same bytes', async () => {
    const a = await generateRepo(['--lessons', '2']);
    const b = await generateRepo(['--lessons', '2']);
    for (const f of tree(a.repo)) expect(readFileSync(join(b.repo, f)), f).toEqual(readFileSync(join(a.repo, f)));
  });

  it('refuses a folder that is not empty unless --force, in the chosen language', async () => {
    const cwd = tempDir();
    const first = await generateRepo(['--lessons', '1'], cwd);
    expect(first.code).toBe(0);
    writeFileSync(join(first.repo, 'exercises/lesson-1/cache-pod.yaml'), '# my work\n');
    const io = captureIo(cwd);
    expect(await runClassroom(['--out', 'repo', '--course-repo', 'a/b', '--course-ref', 'v1.0.0', '--lessons', '1', '--lang', 'zh-cn'], io, COURSE_ROOT)).toBe(2);
    expect(io.err()).toContain('不是空目录');
    expect(readFileSync(join(first.repo, 'exercises/lesson-1/cache-pod.yaml'), 'utf8')).toBe('# my work\n');
    const again = await generateRepo(['--lessons', '1', '--force'], cwd);
    expect(again.code).toBe(0);
    expect(readFileSync(join(first.repo, 'exercises/lesson-1/cache-pod.yaml'), 'utf8')).not.toBe('# my work\n');
  });

  it('exits 2 with a bilingual reason for a bad lesson, pin, repository or ref', async () => {
    for (const [args, en] of [
      [['--lessons', '42'], 'Unknown lesson "42"'],
      [['--lessons', '1,lesson-1'], 'listed twice'],
      [['--pin', 'actions/checkout@v5'], 'a moving tag'],
      [['--pin', 'actions/cache@v4.2.0'], 'does not use that action'],
      [['--course-repo', 'not a repo'], 'owner/name'],
      [['--course-ref', 'v1 && rm -rf /'], 'may only contain'],
    ] as const) {
      for (const lang of ['en', 'zh-cn'] as const) {
        const cwd = tempDir();
        const io = captureIo(cwd);
        const code = await runClassroom(['--out', 'repo', '--course-repo', 'a/b', '--course-ref', 'v1.0.0', ...args, '--lang', lang], io, COURSE_ROOT);
        expect(code, args.join(' ')).toBe(2);
        if (lang === 'en') expect(io.err()).toContain(en);
        else expect(io.err()).toMatch(/[\u4e00-\u9fff]/);
        expect(existsSync(join(cwd, 'repo')), args.join(' ')).toBe(false);
      }
    }
  });
});

describe('choosing the defaults', () => {
  it('takes the repository from package.json, else the origin remote, else asks for --course-repo', () => {
    const fromPackage = repositoryFromPackage(readCoursePackage(COURSE_ROOT).repository);
    const want = fromPackage ?? 'school/course';
    const { assignment } = buildAssignment(request(), COURSE_ROOT, { ...clean, githubRepository: 'school/course' }, '/tmp');
    expect(assignment.course).toEqual({ repository: want, ref: 'c'.repeat(40), source: `https://github.com/${want}.git` });
    if (!fromPackage) expect(() => buildAssignment(request(), COURSE_ROOT, clean, '/tmp')).toThrow(UsageError);
  });

  it('pins the commit the checkout is at, and warns when the working tree has changes it does not contain', () => {
    const { warnings } = buildAssignment(request({ courseRepo: 'a/b' }), COURSE_ROOT, { ...clean, dirty: ['graders/01-emptydir.ts'] }, '/tmp');
    expect(warnings.map((w) => w.en).join()).toContain('graders/01-emptydir.ts');
    expect(buildAssignment(request({ courseRepo: 'a/b', courseRef: 'v1.0.0' }), COURSE_ROOT, { ...clean, dirty: ['x'] }, '/tmp').warnings).toEqual([]);
    expect(() => buildAssignment(request({ courseRepo: 'a/b' }), COURSE_ROOT, { dirty: [] }, '/tmp')).toThrow(UsageError);
  });

  it('resolves a local course source against the working directory and records pin overrides by action name', () => {
    const { assignment } = buildAssignment(request({ courseRepo: 'a/b', courseRef: 'v1.0.0', courseSource: '../course', pins: ['helm/kind-action@v1.15.0'] }), COURSE_ROOT, clean, '/home/t/work');
    expect(assignment.course.source).toBe('/home/t/course');
    expect(assignment.pins).toEqual({ 'helm/kind-action': 'v1.15.0' });
  });

  it('accepts any lesson name the grade command accepts, in lesson order', () => {
    expect(chooseLessons(COURSE_ROOT, ['03-nfs', 'lesson-1', '2'])).toEqual(['lesson-1', 'lesson-2', 'lesson-3']);
  });
});
