/**
 * What a page of the built site weighs: its HTML, and the JavaScript a browser fetches on page
 * load. The JS is found statically in the build output (no browser needed): every
 * <script type="module" src>, <link rel="modulepreload">, and astro-island component/renderer
 * URL in the HTML, plus everything those files import statically (`import ... from "./x.js"`);
 * dynamic import() (the search UI, loaded when search opens; the playground, loaded when it
 * scrolls near the viewport) is not counted on load but reported apart as deferred JS. Sizes are
 * raw bytes, with gzip -9 sizes beside them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  page: string;
  htmlBytes: number;
  htmlGzip: number;
  /** JS files fetched on load, as site paths (/_astro/x.js), in discovery order. */
  jsFiles: string[];
  jsBytes: number;
  jsGzip: number;
  /** Bytes of inline <script> bodies (already counted in htmlBytes). */
  inlineJsBytes: number;
  /** JS only reachable through dynamic import() from the on-load files, fetched later if at all. */
  deferredFiles: string[];
  deferredBytes: number;
}

const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;

/** The site path of the HTML file for a page path: "/" -> /index.html, "/zh-cn/x/" -> /zh-cn/x/index.html. */
export function htmlFileOf(page: string): string {
  return page.endsWith('/') ? `${page}index.html` : page.endsWith('.html') ? page : `${page}/index.html`;
}

/** URLs of the JS an HTML page asks for on load (module scripts, modulepreloads, island code). */
export function entryScripts(html: string): string[] {
  const urls: string[] = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (src) urls.push(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (/\brel\s*=\s*["']?modulepreload/i.test(tag)) {
      const href = /\bhref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
      if (href) urls.push(href);
    }
  }
  for (const tag of html.match(/<astro-island\b[^>]*>/gi) ?? []) {
    for (const attr of ['component-url', 'renderer-url']) {
      const url = new RegExp(`\\b${attr}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
      if (url) urls.push(url);
    }
  }
  return [...new Set(urls)];
}

/** Static import/export-from specifiers of an ES module's source (no dynamic import()). */
export function staticImports(js: string): string[] {
  const out: string[] = [];
  const patterns = [
    /(?:^|[^.\w$])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"'\n]+)["']/g,
    /(?:^|[^.\w$])export\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*["']([^"'\n]+)["']/g,
  ];
  for (const re of patterns) for (const m of js.matchAll(re)) out.push(m[1]!);
  return [...new Set(out)];
}

/** Specifiers of dynamic import("...") calls with a plain string literal. */
export function dynamicImports(js: string): string[] {
  return [...new Set([...js.matchAll(/(?:^|[^.\w$])import\s*\(\s*["'`]([^"'`$\n]+)["'`]\s*\)/g)].map((m) => m[1]!))];
}

/** Bytes of the bodies of inline <script> elements. */
export function inlineScriptBytes(html: string): number {
  let total = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/.test(m[1]!) && !/type\s*=\s*["']?application\/(ld\+)?json/i.test(m[1]!)) total += Buffer.byteLength(m[2]!);
  }
  return total;
}

/** Resolves a URL found in `fromPath` (a site path) to a site path inside the build; undefined for other origins. */
function resolveUrl(url: string, fromPath: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  const clean = url.split(/[?#]/)[0]!;
  if (!clean.startsWith('/') && !clean.startsWith('.')) return undefined; // bare specifier: not in the build
  return posix.normalize(clean.startsWith('/') ? clean : posix.join(posix.dirname(fromPath), clean));
}

/** The files reachable from `start` through static imports, skipping `skip`; with their contents. */
function closure(outDir: string, start: string[], skip: ReadonlySet<string> = new Set()): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const queue = [...start];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (files.has(path) || skip.has(path)) continue;
    const file = join(outDir, normalize(path));
    if (!file.startsWith(outDir) || !existsSync(file)) continue;
    const js = readFileSync(file);
    files.set(path, js);
    for (const spec of staticImports(js.toString('utf8'))) {
      const next = resolveUrl(spec, path);
      if (next) queue.push(next);
    }
  }
  return files;
}

/** Weighs one page of the build in outDir (an absolute path). Throws when the page's HTML is missing. */
export function weighPage(outDir: string, page: string): PageWeight {
  const htmlPath = htmlFileOf(page);
  const htmlFile = join(outDir, normalize(htmlPath));
  if (!existsSync(htmlFile)) throw new Error(`${htmlPath} is not in the build`);
  const html = readFileSync(htmlFile);
  const text = html.toString('utf8');
  const onLoad = closure(outDir, entryScripts(text).flatMap((u) => resolveUrl(u, htmlPath) ?? []));
  const later = [...onLoad].flatMap(([path, js]) => dynamicImports(js.toString('utf8')).flatMap((spec) => resolveUrl(spec, path) ?? []));
  const deferred = closure(outDir, later, new Set(onLoad.keys()));
  const buffers = [...onLoad.values()];
  return {
    page,
    htmlBytes: html.length,
    htmlGzip: gz(html),
    jsFiles: [...onLoad.keys()],
    jsBytes: buffers.reduce((sum, b) => sum + b.length, 0),
    jsGzip: buffers.reduce((sum, b) => sum + gz(b), 0),
    inlineJsBytes: inlineScriptBytes(text),
    deferredFiles: [...deferred.keys()],
    deferredBytes: [...deferred.values()].reduce((sum, b) => sum + b.length, 0),
  };
}
