/**
 * Every lesson exists in both languages with the same structure: the same explicit heading
 * anchors in the same order, the same code blocks (the same code: only their comments are in the
 * page's language), and the same manifests and diagrams rendered.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listLessonFolders } from '../../src/site/lessons.ts';
import { headingAnchors } from '../../src/site/heading-ids.ts';
import { codeBlocks } from './code-blocks.ts';

const root = process.cwd();
const lessons = listLessonFolders(root);
const read = (folder: string, lang: string) => readFileSync(join(root, 'lessons', folder, `${lang}.mdx`), 'utf8');

/** Manifest and Diagram references (component + lesson + file/name), in order. */
function embeds(mdx: string): string[] {
  return [...mdx.matchAll(/<(Manifest|Diagram)\s[^>]*?(?:file|name)="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
}

describe('lessons', () => {
  it('there are six lesson folders, numbered in order', () => {
    expect(lessons.map((l) => l.number)).toEqual(lessons.map((_, i) => i + 1));
    expect(lessons.length).toBeGreaterThanOrEqual(1);
  });

  for (const lesson of lessons) {
    describe(lesson.folder, () => {
      it('has en.mdx and zh-cn.mdx', () => {
        expect(existsSync(join(root, 'lessons', lesson.folder, 'en.mdx'))).toBe(true);
        expect(existsSync(join(root, 'lessons', lesson.folder, 'zh-cn.mdx'))).toBe(true);
      });

      it('gives every ## heading an explicit anchor', () => {
        for (const lang of ['en', 'zh-cn']) {
          const bare = read(lesson.folder, lang)
            .split('\n')
            .filter((line) => /^##{1,2} /.test(line) && !/\{#[a-z0-9-]+\}\s*$/.test(line));
          expect(bare, `${lang}.mdx headings without {#anchor}`).toEqual([]);
        }
      });

      it('has the same heading anchors in both languages, in the same order', () => {
        expect(headingAnchors(read(lesson.folder, 'zh-cn'))).toEqual(headingAnchors(read(lesson.folder, 'en')));
      });

      it('has the same code blocks in both languages', () => {
        expect(codeBlocks(read(lesson.folder, 'zh-cn'))).toEqual(codeBlocks(read(lesson.folder, 'en')));
      });

      it('renders the same manifests and diagrams in both languages', () => {
        expect(embeds(read(lesson.folder, 'zh-cn'))).toEqual(embeds(read(lesson.folder, 'en')));
      });
    });
  }
});
