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

  it('shows a lesson manifest with its comments in the page\'s language, the YAML itself unchanged', () => {
    const zh = page('zh-cn/lessons/06-statefulset/index.html');
    const en = page('lessons/06-statefulset/index.html');
    expect(zh).toContain('无头：DNS 直接返回就绪 Pod 的 IP，没有虚拟 IP');
    expect(zh).not.toContain('no virtual IP');
    expect(en).toContain('no virtual IP');
    expect(en).not.toContain('无头：DNS 直接返回就绪 Pod 的 IP');
    for (const html of [zh, en]) expect(html).toContain('volumeClaimTemplates');
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
