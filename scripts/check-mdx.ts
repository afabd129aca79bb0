/**
 * Fast syntax check of lesson pages without a full site build: compiles every
 * lessons/<NN-slug>/{en,zh-cn}.mdx (after the same anchor escaping the site sync applies) with
 * Sätteri's MDX compiler (the one Astro 7 builds the site with) and prints file:line:col for each
 * error. Exit 1 on any error.
 * Usage: npx tsx scripts/check-mdx.ts [lesson-folder ...]  (the Node.js check comes before any import)
 */
import { exitUnlessSupportedNode } from './check-node.cjs';

exitUnlessSupportedNode();
const { existsSync, readFileSync } = await import('node:fs');
const { join } = await import('node:path');
const { mdxToJs } = await import('satteri');
const { listLessonFolders } = await import('../src/site/lessons.ts');
const { escapeHeadingAnchors } = await import('../src/site/heading-ids.ts');

const root = process.cwd();
const only = process.argv.slice(2);
let failed = 0;
for (const lesson of listLessonFolders(root)) {
  if (only.length && !only.includes(lesson.folder)) continue;
  for (const lang of ['en', 'zh-cn']) {
    const file = join('lessons', lesson.folder, `${lang}.mdx`);
    if (!existsSync(file)) continue;
    try {
      mdxToJs(escapeHeadingAnchors(readFileSync(file, 'utf8')));
      console.log(`ok    ${file}`);
    } catch (err) {
      failed++;
      // Sätteri's messages start with "line:column: ".
      const text = err instanceof Error ? err.message : String(err);
      const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(text);
      console.log(`error ${file}:${m ? `${m[1]}:${m[2]}: ${m[3]}` : `?:?: ${text}`}`);
    }
  }
}
process.exit(failed ? 1 : 0);
