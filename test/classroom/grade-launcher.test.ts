/** templates/classroom/grade.ts: the launcher behind `npm run grade` in a student repository. */
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ensureCourse, isLocalSource, launcherLang } from '../../templates/classroom/grade.ts';
import { COURSE_ROOT, tempDir } from './helpers.ts';

describe('the grade launcher', () => {
  it('speaks the language of --lang, else of the environment', () => {
    expect(launcherLang(['lesson-1', '--lang', 'zh-cn'], {})).toBe('zh-cn');
    expect(launcherLang(['--lang=zh-cn'], { LANG: 'en_US.UTF-8' })).toBe('zh-cn');
    expect(launcherLang([], { LANG: 'zh_CN.UTF-8' })).toBe('zh-cn');
    expect(launcherLang([], {})).toBe('en');
  });

  it('tells a local folder from a git URL', () => {
    expect(isLocalSource('/home/t/course')).toBe(true);
    expect(isLocalSource('../course')).toBe(true);
    expect(isLocalSource('C:\\course')).toBe(true);
    expect(isLocalSource('https://github.com/a/b.git')).toBe(false);
    expect(isLocalSource('file:///srv/course.git')).toBe(false);
    expect(isLocalSource('git@github.com:a/b.git')).toBe(false);
  });

  it('links a local course source as .course/ and replaces whatever was there', () => {
    const root = tempDir('student-');
    mkdirSync(join(root, '.course'));
    writeFileSync(join(root, '.course', 'stale'), 'x');
    const course = { repository: 'a/b', ref: 'v1.0.0', source: COURSE_ROOT };
    const dir = ensureCourse(root, course, () => {}, 'en');
    expect(lstatSync(dir).isSymbolicLink()).toBe(true);
    expect(realpathSync(dir)).toBe(realpathSync(COURSE_ROOT));
    expect(ensureCourse(root, course, () => {}, 'en')).toBe(dir);
  });

  it('fetches a git source at the ref once (a shallow fetch), then reuses it', async () => {
    const head = (await execa('git', ['rev-parse', 'HEAD'], { cwd: COURSE_ROOT, reject: false })).stdout.trim();
    if (!/^[0-9a-f]{40}$/.test(head)) return; // not a git checkout: nothing to fetch from
    const root = tempDir('student-');
    const course = { repository: 'a/b', ref: head, source: pathToFileURL(COURSE_ROOT).href };
    const logged: string[] = [];
    const dir = ensureCourse(root, course, (l) => logged.push(l), 'en');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(`a/b at ${head}`);
    expect((await execa('git', ['-C', dir, 'rev-parse', 'HEAD'])).stdout.trim()).toBe(head);
    expect(existsSync(join(dir, 'package.json'))).toBe(true);
    expect(readFileSync(join(dir, '.classroom-ref'), 'utf8').trim()).toBe(head);
    ensureCourse(root, course, (l) => logged.push(l), 'en');
    expect(logged).toHaveLength(1);
  }, 60_000);

  it('throws with git’s reason when the source cannot be fetched', () => {
    const root = tempDir('student-');
    const course = { repository: 'a/b', ref: 'v9.9.9', source: pathToFileURL(join(tempDir(), 'nothing-here')).href };
    expect(() => ensureCourse(root, course, () => {}, 'en')).toThrow();
  });

  it('exits 2 with a bilingual message when assignment.json is missing', async () => {
    const root = tempDir('student-');
    mkdirSync(join(root, '.classroom'));
    const launcher = join(root, '.classroom', 'grade.ts');
    writeFileSync(launcher, readFileSync(join(COURSE_ROOT, 'templates/classroom/grade.ts')));
    writeFileSync(join(root, 'package.json'), '{"type": "module"}');
    const r = await execa(join(COURSE_ROOT, 'node_modules/.bin/tsx'), [launcher, 'lesson-1', '--lang', 'zh-cn'], { cwd: root, reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('无法读取 .classroom/assignment.json');
  }, 30_000);
});
