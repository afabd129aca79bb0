/**
 * The playground in chromium, on lesson 1 in both languages: it loads only when scrolled to,
 * the first picture does not move when it upgrades, kill keeps the emptyDir file and delete
 * removes it, everything works with the keyboard alone (Tab, Enter, Space) with a visible focus
 * ring, the status line speaks the page's language, and without JavaScript the page still shows
 * the picture and says why the buttons are missing. Also measures the JavaScript a lesson page
 * loads with and without the playground in view.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, useSite, watchErrors } from './browser.ts';

const DIST = process.env.COURSE_DIST ?? 'dist';
const run = browserAvailable();
const ELEMENT_CHUNK = /\/_astro\/element\.[\w-]+\.js$/;

const LANGS = [
  { path: '/lessons/01-emptydir/', lang: 'en', kept: 'Killed container writer', gone: 'Deleted pod share-demo', files: 'Files in volumes' },
  { path: '/zh-cn/lessons/01-emptydir/', lang: 'zh-CN', kept: '终止了 Pod share-demo 中的容器 writer', gone: '删除了 Pod share-demo', files: '卷中的文件' },
] as const;

describe.runIf(run)('playground in chromium', () => {
  const site = useSite(DIST);

  async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[]; scripts: string[] }> {
    const page = await site.browser.newPage({ viewport });
    const errors = watchErrors(page);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(site.url + path, { waitUntil: 'load' });
    return { page, errors, scripts };
  }

  /** Files listed in the target pod's emptyDir volume in the picture. */
  const volumeFiles = (page: Page) => page.locator('course-playground .pg-pod.is-target .pg-volume code').allTextContents();
  const ownFiles = (page: Page) => page.locator('course-playground .pg-pod.is-target .pg-container').first().locator('code').allTextContents();

  async function ready(page: Page): Promise<void> {
    await page.locator('course-playground').scrollIntoViewIfNeeded();
    await page.locator('course-playground[data-ready="true"]').waitFor({ timeout: 10_000 });
  }

  for (const l of LANGS) {
    it(`${l.lang}: loads lazily, does not shift, and kill keeps the file while delete removes it`, async () => {
      const { page, errors, scripts } = await open(l.path);
      await page.waitForLoadState('networkidle');
      expect(scripts.some((s) => ELEMENT_CHUNK.test(s)), 'element module loaded before the playground was near').toBe(false);
      const serverPicture = await page.locator('course-playground .pg-picture').innerHTML();
      const box = await page.locator('course-playground').boundingBox();
      await page.evaluate(() => {
        (window as any).__shift = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__shift += e.value;
        }).observe({ type: 'layout-shift' });
      });
      await ready(page);
      expect(scripts.some((s) => ELEMENT_CHUNK.test(s))).toBe(true);
      expect(await page.locator('course-playground .pg-picture').innerHTML()).toBe(serverPicture);
      expect((await page.locator('course-playground').boundingBox())?.height).toBe(box?.height);
      expect(await page.evaluate(() => (window as any).__shift)).toBeLessThan(0.01);

      await page.locator('course-playground button[data-action="write"]').click();
      expect(await volumeFiles(page)).toEqual(['note-1.txt']);
      expect(await ownFiles(page)).toEqual(['/tmp/note-1.txt']);
      await page.locator('course-playground button[data-action="kill"]').click();
      await expect.poll(() => page.locator('course-playground .pg-status').textContent()).toContain(l.kept);
      expect(await volumeFiles(page)).toEqual(['note-1.txt']);
      expect(await ownFiles(page)).toEqual([]);
      await page.locator('course-playground button[data-action="deletePod"]').click();
      await expect.poll(() => page.locator('course-playground .pg-status').textContent()).toContain(l.gone);
      expect(await volumeFiles(page)).toEqual([]);
      await page.locator('course-playground button[data-action="reset"]').click();
      expect(await page.locator('course-playground .pg-picture').innerHTML()).toBe(serverPicture);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('works with the keyboard alone: Tab to the buttons, Enter and Space, focus visible, status announced', async () => {
    const { page, errors } = await open('/zh-cn/lessons/01-emptydir/');
    await page.locator('course-playground').scrollIntoViewIfNeeded();
    await page.locator('course-playground[data-ready="true"]').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    const active = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset?.action ?? '');
    let presses = 0;
    while ((await active()) !== 'write' && presses++ < 400) await page.keyboard.press('Tab');
    expect(await active()).toBe('write');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    expect(await volumeFiles(page)).toEqual(['note-1.txt']);
    await page.keyboard.press('Tab');
    expect(await active()).toBe('kill');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('course-playground .pg-status').textContent()).toContain('重启次数：1');
    expect(await volumeFiles(page)).toEqual(['note-1.txt']);
    await page.keyboard.press('Tab');
    expect(await active()).toBe('deletePod');
    await page.keyboard.press('Enter');
    expect(await volumeFiles(page)).toEqual([]);
    expect(await active()).toBe('deletePod');
    const status = page.locator('course-playground .pg-status');
    expect(await status.getAttribute('role')).toBe('status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await status.textContent()).toMatch(/卷中的文件：0 个/);
    expect(await page.locator('course-playground .pg-toolbar').getAttribute('aria-label')).toBe('操作');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a click that comes before the module has loaded is not lost', async () => {
    const { page, errors } = await open('/lessons/01-emptydir/');
    await page.route(ELEMENT_CHUNK, async (route) => {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    await page.locator('course-playground button[data-action="write"]').click();
    await page.locator('course-playground[data-ready="true"]').waitFor();
    await expect.poll(() => volumeFiles(page)).toEqual(['note-1.txt']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['/lessons/04-pv-pvc/', 'deletePvc', 'is Terminating'],
    ['/lessons/06-statefulset/', 'scaleDown', 'Scaled StatefulSet kv to 2 replicas'],
    ['/zh-cn/lessons/03-nfs/', 'deletePod', '删除了 Pod nfs-writer'],
  ])('%s: the %s button works', async (path, action, text) => {
    const { page, errors } = await open(path);
    await ready(page);
    await page.locator(`course-playground button[data-action="${action}"]`).click();
    await expect.poll(() => page.locator('course-playground .pg-status').textContent()).toContain(text);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads fine without JavaScript: the picture is there, the buttons are not, and a note says why', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + '/lessons/01-emptydir/');
    expect(await page.locator('course-playground .pg-pod').count()).toBe(1);
    expect(await page.locator('course-playground .pg-toolbar').isVisible()).toBe(false);
    expect(await page.locator('course-playground .pg-noscript').isVisible()).toBe(true);
    expect(await page.locator('course-playground .pg-noscript').textContent()).toContain('needs JavaScript');
    await context.close();
  });

  it('keeps a lesson page light: JavaScript transferred without and with the playground in view', async () => {
    const sizes = new Map<string, { raw: number; gzip: number }>();
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('response', async (res) => {
      if (res.request().resourceType() !== 'script' && !res.url().endsWith('.js')) return;
      const body = await res.body().catch(() => Buffer.alloc(0));
      sizes.set(new URL(res.url()).pathname, { raw: body.length, gzip: gzipSync(body).length });
    });
    await page.goto(site.url + '/lessons/01-emptydir/', { waitUntil: 'networkidle' });
    const inlineBytes = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].filter((s) => !(s as HTMLScriptElement).type || (s as HTMLScriptElement).type === 'module').reduce((n, s) => n + (s.textContent?.length ?? 0), 0));
    // Starlight's search box preloads Pagefind's UI (ui-core) when the browser is idle, on every
    // page; it is reported on its own line and not counted against the course's budget.
    const isSearchUi = (path: string) => /\/ui-core\.[\w-]+\.js$/.test(path);
    const total = (search: boolean) =>
      [...sizes.entries()].filter(([path]) => isSearchUi(path) === search).reduce((a, [, s]) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), search ? { raw: 0, gzip: 0 } : { raw: inlineBytes, gzip: inlineBytes });
    const without = total(false);
    await ready(page);
    await page.waitForLoadState('networkidle');
    const withPlayground = total(false);
    const searchUi = total(true);
    const report = { page: '/lessons/01-emptydir/', inlineScriptBytes: inlineBytes, withoutPlayground: without, withPlayground, starlightSearchUi: searchUi, files: Object.fromEntries(sizes) };
    mkdirSync('test-artifacts', { recursive: true });
    writeFileSync('test-artifacts/js-size.json', JSON.stringify(report, null, 2));
    console.log(
      `lesson page JS (raw / gzip): without playground ${without.raw} / ${without.gzip} B, with playground ${withPlayground.raw} / ${withPlayground.gzip} B; ` +
        `plus Starlight's idle-preloaded search UI ${searchUi.raw} / ${searchUi.gzip} B`,
    );
    expect(without.raw).toBeLessThan(30 * 1024);
    expect(withPlayground.raw).toBeLessThan(150 * 1024);
    await page.close();
  });
});
