/**
 * The site's figures as report sections: the astro build time (into a temporary folder) and the
 * weight of the landing page and a lesson page in each language (HTML, and the JS a browser
 * loads on page load, found statically in the build output).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fill, type Localized } from '../i18n/lang.ts';
import { listLessonFolders } from '../site/lessons.ts';
import { weighPage } from './page-weight.ts';
import type { Metric, Section } from './report.ts';
import { buildSite, type SiteBuild } from './site-build.ts';
import { formatBytes, formatMs } from './stats.ts';
import { TARGETS } from './targets.ts';

const T = {
  buildTitle: { en: 'Site build', 'zh-cn': '站点构建' },
  build: { en: 'astro build (into a temporary outDir)', 'zh-cn': 'astro build（输出到临时目录）' },
  buildDetail: { en: 'under flock {lock}: waited {wait} for the lock (not counted)', 'zh-cn': '在 flock {lock} 下运行：等待锁 {wait}（不计入）' },
  buildNoLock: { en: 'no build lock on this machine', 'zh-cn': '本机没有构建锁' },
  weightTitle: { en: 'Page weight (raw bytes; gzip -9 size under each figure)', 'zh-cn': '页面体积（原始字节；gzip -9 后的大小见各项下方）' },
  html: { en: '{page} HTML', 'zh-cn': '{page} 的 HTML' },
  js: { en: '{page} JS on load', 'zh-cn': '{page} 加载时的 JS' },
  htmlDetail: { en: 'gzip {gzip}; inline scripts {inline}', 'zh-cn': 'gzip 后 {gzip}；内联脚本 {inline}' },
  jsDetail: {
    en: 'gzip {gzip}; {count} files: {files}; deferred (dynamic import, not counted): {deferred}',
    'zh-cn': 'gzip 后 {gzip}；{count} 个文件：{files}；延迟加载（动态 import，不计入）：{deferred}',
  },
  buildFailed: { en: 'the site did not build', 'zh-cn': '站点构建失败' },
} satisfies Record<string, Localized>;

/** The four pages weighed: landing and first lesson, English and Chinese. */
export function pagesToWeigh(root: string): string[] {
  const lesson = listLessonFolders(root).find((l) => existsSync(join(root, 'lessons', l.folder, 'en.mdx')));
  const lessonPath = lesson ? `lessons/${lesson.folder}/` : undefined;
  return ['/', '/zh-cn/', ...(lessonPath ? [`/${lessonPath}`, `/zh-cn/${lessonPath}`] : [])];
}

/** Builds the site into outDir and reports the build time. */
export async function buildSection(root: string, outDir: string): Promise<{ section: Section; build: SiteBuild }> {
  const build = await buildSite(root, outDir);
  const metric: Metric = build.ok
    ? {
        id: 'site.build',
        label: T.build,
        value: build.buildMs,
        unit: 'ms',
        target: TARGETS.siteBuild,
        detail: build.locked ? fill(T.buildDetail, { lock: '/tmp/astro-build.lock', wait: formatMs(build.lockWaitMs) }) : T.buildNoLock,
      }
    : { id: 'site.build', label: T.build, value: null, unit: 'ms', target: TARGETS.siteBuild, error: `${T.buildFailed.en}:\n${build.errorTail ?? ''}` };
  return { section: { id: 'site_build', title: T.buildTitle, metrics: [metric] }, build };
}

/** HTML and on-load JS of each page in a finished build (rows say why when a page is missing). */
export function weightSection(root: string, outDir: string | undefined, why?: string): Section {
  const metrics: Metric[] = [];
  for (const page of pagesToWeigh(root)) {
    const slug = page === '/' ? 'en.landing' : page === '/zh-cn/' ? 'zh-cn.landing' : page.startsWith('/zh-cn/') ? 'zh-cn.lesson' : 'en.lesson';
    const html = { id: `html.${slug}`, label: fill(T.html, { page }), unit: 'bytes' as const, target: TARGETS.html };
    const js = { id: `js.${slug}`, label: fill(T.js, { page }), unit: 'bytes' as const, target: TARGETS.js };
    if (!outDir) {
      metrics.push({ ...html, value: null, error: why ?? 'no build' }, { ...js, value: null, error: why ?? 'no build' });
      continue;
    }
    try {
      const w = weighPage(outDir, page);
      const short = (f: string) => f.replace(/^\/_astro\//, '');
      const files = w.jsFiles.map(short).join(', ');
      const deferred = w.deferredFiles.length ? `${formatBytes(w.deferredBytes)} (${w.deferredFiles.map(short).join(', ')})` : '0 B';
      metrics.push(
        { ...html, value: w.htmlBytes, detail: fill(T.htmlDetail, { gzip: formatBytes(w.htmlGzip), inline: formatBytes(w.inlineJsBytes) }) },
        { ...js, value: w.jsBytes, detail: fill(T.jsDetail, { gzip: formatBytes(w.jsGzip), count: w.jsFiles.length, files, deferred }) },
      );
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      metrics.push({ ...html, value: null, error }, { ...js, value: null, error });
    }
  }
  return { id: 'page_weight', title: T.weightTitle, metrics };
}
