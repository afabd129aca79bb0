/**
 * Lesson folders as the site sees them: lessons/<NN-slug>/ with en.mdx and zh-cn.mdx. The sidebar
 * and the generated Starlight pages both come from this list, so adding a lesson is adding a folder.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const LESSON_DIR_PATTERN = /^(\d{2})-([a-z0-9-]+)$/;

/** A lesson folder: "03-nfs" -> { folder: "03-nfs", number: 3, slug: "nfs" }. */
export interface LessonFolder {
  folder: string;
  number: number;
  slug: string;
}

/** Lists lesson folders under root/lessons in order (only names like 03-nfs). */
export function listLessonFolders(root: string): LessonFolder[] {
  const dir = join(root, 'lessons');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && LESSON_DIR_PATTERN.test(d.name))
    .map((d) => {
      const [, num, slug] = LESSON_DIR_PATTERN.exec(d.name)!;
      return { folder: d.name, number: Number(num), slug };
    })
    .sort((a, b) => a.number - b.number);
}
