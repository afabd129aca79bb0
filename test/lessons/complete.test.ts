/**
 * Every lesson is finished: no TODO(new-lesson) marker from `npm run new-lesson` is left in its
 * folder or its grader, and every part a lesson needs exists. Each failure names the file and what
 * is missing, so a half-written lesson cannot slip into a release.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listLessonFolders } from '../../src/site/lessons.ts';
import { lessonTodos, TODO_MARKER } from '../../src/site/new-lesson.ts';

const root = process.cwd();
const lessons = listLessonFolders(root);

const entries = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
const subfolders = (dir: string) => entries(dir).filter((n) => statSync(join(dir, n)).isDirectory());

/** What a finished lesson must have, as [path relative to root, what is missing when it fails]. */
function missingParts(folder: string): string[] {
  const dir = join('lessons', folder);
  const need: [boolean, string][] = [
    [existsSync(join(root, dir, 'en.mdx')), `${dir}/en.mdx: the English page is missing`],
    [existsSync(join(root, dir, 'zh-cn.mdx')), `${dir}/zh-cn.mdx: the Chinese page is missing`],
    [existsSync(join(root, dir, 'exercise.yaml')), `${dir}/exercise.yaml: the exercise definition is missing`],
    [entries(join(root, dir, 'starter')).length > 0, `${dir}/starter/: no starter files`],
    [entries(join(root, dir, 'solution')).length > 0, `${dir}/solution/: no reference answer`],
    [subfolders(join(root, dir, 'mistakes')).length >= 3, `${dir}/mistakes/: fewer than three known mistakes (${subfolders(join(root, dir, 'mistakes')).length})`],
    [existsSync(join(root, 'graders', `${folder}.ts`)), `graders/${folder}.ts: the grader is missing`],
  ];
  return need.filter(([ok]) => !ok).map(([, what]) => what);
}

describe('lessons are complete', () => {
  it('there is at least one lesson', () => expect(lessons.length).toBeGreaterThan(0));

  for (const { folder } of lessons) {
    describe(folder, () => {
      it(`has no ${TODO_MARKER} marker left`, () => {
        const left = lessonTodos(root, folder).map((t) => `${t.file}:${t.line}: ${t.what}`);
        expect(left, `still to write in ${folder}:\n${left.join('\n')}`).toEqual([]);
      });

      it('has its pages, exercise, starter, solution, three mistakes and a grader', () => {
        const missing = missingParts(folder);
        expect(missing, `missing in ${folder}:\n${missing.join('\n')}`).toEqual([]);
      });
    });
  }
});
