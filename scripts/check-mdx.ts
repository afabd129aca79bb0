/**
 * Fast syntax check of lesson pages without a full site build: compiles every
 * lessons/<NN-slug>/{en,zh-cn}.mdx (after the same anchor escaping the site sync applies) with
 * the MDX compiler and prints file:line:col for each error. Exit 1 on any error.
 * Usage: npx tsx scripts/check-mdx.ts [lesson-folder ...]
 */
import { compile } from '@mdx-js/mdx';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listLessonFolders } from '../src/site/lessons.ts';
import { escapeHeadingAnchors } from '../src/site/remark-heading-ids.ts';

const root = process.cwd();
const only = process.argv.slice(2);
let failed = 0;
for (const lesson of listLessonFolders(root)) {
  if (only.length && !only.includes(lesson.folder)) continue;
  for (const lang of ['en', 'zh-cn']) {
    const file = join('lessons', lesson.folder, `${lang}.mdx`);
    if (!existsSync(file)) continue;
    try {
      await compile(escapeHeadingAnchors(readFileSync(file, 'utf8')));
      console.log(`ok    ${file}`);
    } catch (err: any) {
      failed++;
      const place = err.place?.start ?? err.place ?? {};
      console.log(`error ${file}:${place.line ?? '?'}:${place.column ?? '?'}: ${err.reason ?? err.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
