import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const page = (path: string) => readFileSync(`dist/${path}`, 'utf8');

describe('the built site', () => {
  it('has the landing page and lesson 1 in both languages', () => {
    for (const p of ['index.html', 'zh-cn/index.html', 'lessons/01-emptydir/index.html', 'zh-cn/lessons/01-emptydir/index.html']) {
      expect(existsSync(`dist/${p}`), p).toBe(true);
    }
  });

  it('marks Chinese pages as zh-CN and English pages as en', () => {
    expect(page('zh-cn/lessons/01-emptydir/index.html')).toContain('<html lang="zh-CN"');
    expect(page('lessons/01-emptydir/index.html')).toContain('<html lang="en"');
  });

  it('gives a zh-cn lesson page Chinese UI strings (aside titles, on this page, prev/next)', () => {
    const html = page('zh-cn/lessons/01-emptydir/index.html');
    expect(html).toMatch(/<aside[^>]*aria-label="(注意|提示|警告|危险)"/);
    expect(html).toContain('本页内容');
    expect(html).toMatch(/上一页|下一页/);
    expect(html).not.toMatch(/<aside[^>]*aria-label="(Note|Tip|Caution|Danger)"/);
  });

  it('is a production build with search enabled, not the dev-mode placeholder', () => {
    expect(page('index.html')).not.toContain('only available in production');
    expect(page('zh-cn/index.html')).not.toContain('搜索仅适用于生产版本');
  });

  it('builds a search index for each language', () => {
    const entry = JSON.parse(page('pagefind/pagefind-entry.json'));
    expect(Object.keys(entry.languages).sort()).toEqual(['en', 'zh-cn']);
  });
});
