import { describe, it, expect, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { dynamicImports, entryScripts, htmlFileOf, inlineScriptBytes, staticImports, weighPage } from '../../src/bench/page-weight.ts';
import { median } from '../../src/bench/stats.ts';

const dist = mkdtempSync(join(tmpdir(), 'bench-dist-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function put(path: string, text: string): void {
  mkdirSync(join(dist, path, '..'), { recursive: true });
  writeFileSync(join(dist, path), text);
}

const HTML = `<!doctype html><html><head>
<link rel="modulepreload" href="/_astro/pre.js">
<script type="module" src="/_astro/page.js"></script>
<script>window.theme="dark"</script>
<script type="application/ld+json">{"a":1}</script>
</head><body><astro-island component-url="/_astro/island.js" renderer-url="/_astro/client.js" client="visible"></astro-island>
<script type="module" src="https://cdn.example/x.js"></script></body></html>`;

put('zh-cn/lessons/01-x/index.html', HTML);
put('_astro/page.js', 'import{a as b}from"./shared.js";import"./side.js";const s=()=>import("./search-ui.js");export*from"./re.js";');
put('_astro/shared.js', 'import{p}from"./page.js";export const a=1;');
put('_astro/side.js', 'console.log("side")');
put('_astro/re.js', 'export const r=1');
put('_astro/search-ui.js', `import"./side.js";import"./ui-dep.js";${'x'.repeat(5000)}`);
put('_astro/ui-dep.js', 'y'.repeat(300));
put('_astro/pre.js', 'export {}');
put('_astro/island.js', 'import "/_astro/client.js";');
put('_astro/client.js', 'export default 1');

describe('page weight', () => {
  it('finds the entry scripts: module scripts, modulepreloads and island code, not inline or remote-only ones twice', () => {
    expect(entryScripts(HTML)).toEqual(['/_astro/page.js', 'https://cdn.example/x.js', '/_astro/pre.js', '/_astro/island.js', '/_astro/client.js']);
  });

  it('reads static imports and export-from, never dynamic import()', () => {
    expect(staticImports('import{a as b}from"./a.js";import"./b.js";import * as c from \'./c.js\';const d=import("./d.js");export{e}from"./e.js";export*from"./f.js"')).toEqual([
      './a.js',
      './b.js',
      './c.js',
      './e.js',
      './f.js',
    ]);
  });

  it('reads dynamic import() with a plain string, not template expressions', () => {
    expect(dynamicImports('const a=()=>import("./a.js");b.import("./x.js");import(`${base}pagefind.js`);import( \'./c.js\' )')).toEqual(['./a.js', './c.js']);
  });

  it('counts inline script bodies, not JSON data blocks', () => {
    expect(inlineScriptBytes(HTML)).toBe(Buffer.byteLength('window.theme="dark"'));
  });

  it('weighs a page: HTML, and the JS fetched on load through static imports (cycles once, dynamic imports out)', () => {
    const w = weighPage(dist, '/zh-cn/lessons/01-x/');
    expect(w.htmlBytes).toBe(Buffer.byteLength(HTML));
    expect(w.htmlGzip).toBe(gzipSync(HTML, { level: 9 }).length);
    expect([...w.jsFiles].sort()).toEqual(['/_astro/client.js', '/_astro/island.js', '/_astro/page.js', '/_astro/pre.js', '/_astro/re.js', '/_astro/shared.js', '/_astro/side.js']);
    expect(w.jsBytes).toBe(w.jsFiles.reduce((sum, f) => sum + readFileSync(join(dist, f)).length, 0));
    // The search UI is only imported dynamically: deferred, with what it alone pulls in.
    expect(w.deferredFiles).toEqual(['/_astro/search-ui.js', '/_astro/ui-dep.js']);
    expect(w.deferredBytes).toBe(readFileSync(join(dist, '_astro/search-ui.js')).length + 300);
  });

  it('maps page paths to HTML files and refuses a page that is not built', () => {
    expect([htmlFileOf('/'), htmlFileOf('/zh-cn/'), htmlFileOf('/404.html'), htmlFileOf('/glossary')]).toEqual(['/index.html', '/zh-cn/index.html', '/404.html', '/glossary/index.html']);
    expect(() => weighPage(dist, '/missing/')).toThrow('/missing/index.html is not in the build');
  });

  it('median: odd, even and empty', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, Number.NaN]);
  });
});
