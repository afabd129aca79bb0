import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExerciseFileError } from '../../src/grader/exercise/errors.ts';
import { GraderLoadError, listLessons, loadExercise, loadGrader, resolveLesson, UnknownLessonError } from '../../src/grader/lessons.ts';

const ROOT = resolve(import.meta.dirname, '../fixtures/graders/registry');
const REPO = resolve(import.meta.dirname, '../..');

describe('listLessons', () => {
  it('lists lesson folders in order with ids, paths and whether they can be graded', () => {
    const lessons = listLessons(ROOT);
    expect(lessons.map((l) => [l.id, l.folder, l.slug, l.graded])).toEqual([
      ['lesson-1', '01-demo', 'demo', true],
      ['lesson-2', '02-broken', 'broken', true],
      ['lesson-3', '03-nfs-share', 'nfs-share', false],
    ]);
    expect(lessons[0].dir).toBe(join(ROOT, 'lessons/01-demo'));
    expect(lessons[0].graderFile).toBe(join(ROOT, 'graders/01-demo.ts'));
  });

  it('finds the real course lessons', () => {
    expect(listLessons(REPO).map((l) => l.folder)).toContain('01-emptydir');
  });
});

describe('resolveLesson', () => {
  it.each(['lesson-3', 'Lesson-3', 'lesson3', '3', '03', '003', ' 03-nfs-share ', '03-NFS-SHARE', 'nfs-share', 'NFS-Share'])('resolves %j', (input) => {
    expect(resolveLesson(ROOT, input).folder).toBe('03-nfs-share');
  });

  it('rejects unknown names with a bilingual message listing the lessons', () => {
    for (const input of ['lesson-9', 'nfs', '04-nfs-share', '', 'lesson-']) {
      let error: unknown;
      try {
        resolveLesson(ROOT, input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnknownLessonError);
      const reason = (error as UnknownLessonError).reason;
      expect(reason.en).toBe(
        `Unknown lesson "${input}". The lessons are: lesson-1 (01-demo), lesson-2 (02-broken), lesson-3 (03-nfs-share). Name one as lesson-3, 3, 03-nfs or nfs.`,
      );
      expect(reason['zh-cn']).toContain('现有课程：lesson-1 (01-demo)');
    }
  });

  it('says when there are no lessons at all', () => {
    expect(() => resolveLesson(join(ROOT, 'nowhere'), '1')).toThrow(/there are no lessons/);
  });
});

describe('loadGrader', () => {
  it("imports the lesson's grader", async () => {
    const grader = await loadGrader(ROOT, 'lesson-1');
    expect(grader.lesson).toBe('01-demo');
    expect(grader.steps.map((s) => s.id)).toEqual(['running', 'shared', 'restart', 'recreate']);
  });

  it('explains a grader without a default export and a missing grader', async () => {
    await expect(loadGrader(ROOT, '2')).rejects.toThrow(GraderLoadError);
    await expect(loadGrader(ROOT, '2')).rejects.toThrow(/must `export default defineGrader/);
    const missing = (await loadGrader(ROOT, 'nfs-share').catch((e: unknown) => e)) as GraderLoadError;
    expect(missing).toBeInstanceOf(GraderLoadError);
    expect(missing.reason.en).toMatch(/^lesson-3 has no grader yet: .*graders\/03-nfs-share\.ts is missing\.$/);
    expect(missing.reason['zh-cn']).toContain('还没有评分程序');
  });

  it('rejects a grader that names another lesson', async () => {
    const lesson = { ...resolveLesson(ROOT, '1'), folder: '05-other' };
    await expect(loadGrader(ROOT, lesson)).rejects.toThrow('it must say lesson: "05-other"');
  });
});

describe('loadExercise', () => {
  it('loads and checks exercise.yaml', () => {
    const ex = loadExercise(ROOT, 'demo');
    expect(ex).toMatchObject({ schemaVersion: 1, id: 'lesson-1', files: ['cache-pod.yaml'], minutes: 20 });
    expect(ex.title['zh-cn']).toBe('演示：两个容器共享的缓存');
    expect(ex.task.en).toBe('Write a Pod `cache-pod` with containers `writer` and `reader`.');
  });

  it('names the file relative to the root when it is wrong', () => {
    const root = mkdtempSync(join(tmpdir(), 'registry-'));
    try {
      mkdirSync(join(root, 'lessons/07-typo/starter'), { recursive: true });
      writeFileSync(join(root, 'lessons/07-typo/exercise.yaml'), readFileSync(join(ROOT, 'lessons/01-demo/exercise.yaml'), 'utf8'));
      const error = (() => {
        try {
          loadExercise(root, '7');
        } catch (e) {
          return e as ExerciseFileError;
        }
      })();
      expect(error).toBeInstanceOf(ExerciseFileError);
      expect(error?.file).toBe(join('lessons', '07-typo', 'exercise.yaml'));
      expect(error?.issues.map((i) => `${i.line}:${i.path}`)).toEqual(['2:id', '12:files[0]']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the course itself', () => {
  it('numbers its lessons 1, 2, 3, ... with ids lesson-N', () => {
    const lessons = listLessons(REPO);
    expect(lessons.map((l) => l.id)).toEqual(lessons.map((_, i) => `lesson-${i + 1}`));
  });
  const withExercise = listLessons(REPO).filter((l) => existsSync(join(l.dir, 'exercise.yaml')));
  it.each(withExercise.map((l) => [l.id, l] as const))('%s: exercise.yaml is valid', (_id, lesson) => {
    expect(loadExercise(REPO, lesson).id).toBe(lesson.id);
  });
  it.each(listLessons(REPO).filter((l) => l.graded).map((l) => [l.id, l] as const))('%s: the grader loads', async (_id, lesson) => {
    expect((await loadGrader(REPO, lesson)).lesson).toBe(lesson.folder);
  });
});
