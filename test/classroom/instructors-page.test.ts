/**
 * The instructor page (src/content/docs/instructors.mdx and its zh-cn twin): it compiles as MDX,
 * both languages have the same headings with the same explicit anchors, and its option table
 * documents every option of the generator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mdxToJs } from 'satteri';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/classroom/options.ts';
import { COURSE_ROOT } from './helpers.ts';

const page = (lang: 'en' | 'zh-cn') => readFileSync(join(COURSE_ROOT, 'src/content/docs', lang === 'en' ? '' : 'zh-cn', 'instructors.mdx'), 'utf8');
const frontmatter = (text: string) => parse(text.split('---')[1]!) as { title: string; description: string };
const headings = (text: string) => [...text.replace(/```[\s\S]*?```/g, '').matchAll(/^(#{2,3}) (.+)$/gm)].map((m) => ({ level: m[1]!, text: m[2]! }));

describe('the instructor page', () => {
  it.each(['en', 'zh-cn'] as const)('compiles as MDX (%s)', async (lang) => {
    expect(mdxToJs(page(lang).replace(/^---[\s\S]*?---\n/, '')).code).toContain('export default');
  });

  it('has a title and description in each language', () => {
    expect(frontmatter(page('en'))).toMatchObject({ title: 'For instructors' });
    expect(frontmatter(page('zh-cn')).title).toBe('教师指南');
    expect(frontmatter(page('zh-cn')).description).toMatch(/[\u4e00-\u9fff]/);
  });

  it('gives every heading an explicit anchor, the same ones in the same order in both languages', () => {
    const anchors = (lang: 'en' | 'zh-cn') =>
      headings(page(lang)).map((h) => {
        const m = /\\\{#([a-z0-9-]+)\\\}$/.exec(h.text);
        expect(m, `${lang}: ${h.text}`).not.toBeNull();
        return `${h.level} ${m![1]}`;
      });
    expect(anchors('en')).toEqual(anchors('zh-cn'));
    expect(anchors('en')).toEqual(expect.arrayContaining(['## setup', '## points', '## local', '## integrity', '### integrity-limits']));
  });

  it('documents every generator option in both languages', () => {
    for (const lang of ['en', 'zh-cn'] as const) {
      for (const o of OPTIONS.generate) {
        if (o.flags.startsWith('-h') || o.flags.startsWith('--lang') || o.flags.startsWith('--force')) continue;
        expect(page(lang), `${lang}: ${o.flags}`).toContain('`' + o.flags.split(' ')[0]);
      }
    }
  });
});
