/**
 * Starlight reads pages only from src/content/docs/, and works out a page's language (aside
 * titles, UI strings) from that path. Authors write lessons in lessons/<NN-slug>/{en,zh-cn}.mdx;
 * this copies them to src/content/docs/lessons/<NN-slug>.mdx and
 * src/content/docs/zh-cn/lessons/<NN-slug>.mdx (both git-ignored) before dev and build.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listLessonFolders } from './lessons.ts';
import { escapeHeadingAnchors } from './heading-ids.ts';

const TARGETS = { en: 'src/content/docs/lessons', 'zh-cn': 'src/content/docs/zh-cn/lessons' } as const;

/** Regenerates the Starlight copies of every lesson page; returns the files written. */
export function syncLessons(root: string): string[] {
  const written: string[] = [];
  for (const target of Object.values(TARGETS)) {
    rmSync(join(root, target), { recursive: true, force: true });
    mkdirSync(join(root, target), { recursive: true });
  }
  for (const lesson of listLessonFolders(root)) {
    for (const [lang, target] of Object.entries(TARGETS)) {
      const source = join(root, 'lessons', lesson.folder, `${lang}.mdx`);
      if (!existsSync(source)) continue; // Starlight shows the English page with a notice instead
      const out = join(root, target, `${lesson.folder}.mdx`);
      const banner = `{/* Generated from lessons/${lesson.folder}/${lang}.mdx: edit that file, not this one. */}\n`;
      writeFileSync(out, insertAfterFrontmatter(escapeHeadingAnchors(readFileSync(source, 'utf8')), banner));
      written.push(out);
    }
  }
  return written;
}

/** Syncs a single changed source file (dev mode); returns false if it is not a lesson page. */
export function syncOne(root: string, changedPath: string): boolean {
  const m = /lessons[\\/](\d{2}-[a-z0-9-]+)[\\/](en|zh-cn)\.mdx$/.exec(changedPath);
  if (!m) return false;
  syncLessons(root);
  return true;
}

function insertAfterFrontmatter(text: string, banner: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return m ? m[0] + banner + text.slice(m[0].length) : banner + text;
}
