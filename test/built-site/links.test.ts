/**
 * Every internal link in the built site points at a page that exists, and every #anchor at an id
 * on that page, in both languages.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = 'dist';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'pagefind' || name === '_astro' ? [] : htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

const pages = htmlFiles(DIST);
const idsOf = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
const pageFor = (path: string) => join(DIST, path, path.endsWith('.html') ? '' : 'index.html');

describe('internal links', () => {
  it('the site has pages', () => expect(pages.length).toBeGreaterThan(10));

  it.each(pages.map((p) => relative(DIST, p)))('links on %s resolve', (file) => {
    const html = readFileSync(join(DIST, file), 'utf8');
    const here = '/' + file.replace(/index\.html$/, '');
    const broken: string[] = [];
    for (const [, href] of html.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
      if (/^(https?:|mailto:|\/\/)/.test(href)) continue;
      const url = new URL(href, `http://site${here}`);
      const target = decodeURIComponent(url.pathname);
      if (/\.(xml|svg|png|txt)$/.test(target)) continue;
      const targetFile = pageFor(target);
      if (!existsSync(targetFile)) {
        broken.push(`${href} (no ${targetFile})`);
        continue;
      }
      const anchor = decodeURIComponent(url.hash.slice(1));
      if (anchor && !idsOf(readFileSync(targetFile, 'utf8')).has(anchor)) broken.push(`${href} (no id "${anchor}")`);
    }
    expect(broken).toEqual([]);
  });
});
