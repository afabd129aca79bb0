import { describe, expect, it } from 'vitest';
import { courseLessons, graderDependencies, lessonChecks, parseGithubRemote, parsePorcelain, readCourseGit, repositoryFromPackage } from '../../src/classroom/course.ts';
import { COURSE_ROOT, tempDir } from './helpers.ts';

describe('reading the course checkout', () => {
  it('finds the GitHub repository in remotes and in package.json’s repository field', () => {
    expect(parseGithubRemote('https://github.com/school/k8s-storage-course.git')).toBe('school/k8s-storage-course');
    expect(parseGithubRemote('git@github.com:school/k8s-storage-course.git')).toBe('school/k8s-storage-course');
    expect(parseGithubRemote('https://gitlab.com/school/course.git')).toBeUndefined();
    expect(repositoryFromPackage('github:school/course')).toBe('school/course');
    expect(repositoryFromPackage('school/course')).toBe('school/course');
    expect(repositoryFromPackage({ type: 'git', url: 'git+https://github.com/school/course.git' })).toBe('school/course');
    expect(repositoryFromPackage(undefined)).toBeUndefined();
  });

  it('reads the paths of git status --porcelain, renames included', () => {
    expect(parsePorcelain(' M lessons/01-emptydir/en.mdx\n?? graders/\nR  old.ts -> new.ts\n')).toEqual(['lessons/01-emptydir/en.mdx', 'graders/', 'new.ts']);
    expect(parsePorcelain('')).toEqual([]);
  });

  it('never throws outside a git checkout', async () => {
    expect(await readCourseGit(tempDir())).toMatchObject({ head: undefined, dirty: [] });
  });

  it('lists each lesson that can be handed out with its exercise and starter files, or why not', () => {
    const lessons = courseLessons(COURSE_ROOT);
    expect(lessons.length).toBeGreaterThanOrEqual(6);
    for (const l of lessons) {
      if (l.info) {
        expect(l.info.starter.length, l.lesson.id).toBeGreaterThan(0);
        expect(l.info.title.en && l.info.title['zh-cn'], l.lesson.id).toBeTruthy();
      } else expect(l.problem?.en, l.lesson.id).toBeTruthy();
    }
  });

  it('reads each check’s points from the lesson’s grader (100 in all)', async () => {
    const checks = await lessonChecks(COURSE_ROOT, '01-emptydir');
    expect(checks.reduce((s, c) => s + c.points, 0)).toBe(100);
  });

  it('pins the grader dependencies to the course’s exact versions', () => {
    const deps = graderDependencies(COURSE_ROOT);
    expect(Object.keys(deps)).toContain('tsx');
    for (const v of Object.values(deps)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
