/**
 * Screenshots of lesson 1 in both languages at phone (390 px) and desktop (1280 px) widths, saved
 * under test-artifacts/screenshots/ (git-ignored) for a person to look at: the whole page, the
 * playground after a few clicks, and the exercise section. The checks here are what a screenshot
 * review would catch first: nothing wider than the screen, and Chinese set in a CJK font.
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, useSite, watchErrors } from './browser.ts';

const DIST = process.env.COURSE_DIST ?? 'dist';
const OUT = 'test-artifacts/screenshots';
const run = browserAvailable();

const CASES = [
  { lang: 'en', path: '/lessons/01-emptydir/' },
  { lang: 'zh-cn', path: '/zh-cn/lessons/01-emptydir/' },
].flatMap((c) => [390, 1280].map((width) => ({ ...c, width })));

describe.runIf(run)('lesson screenshots', () => {
  const site = useSite(DIST);

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
  });

  it.each(CASES)('$lang at $width px', async ({ lang, path, width }) => {
    const page = await site.browser.newPage({ viewport: { width, height: width < 600 ? 844 : 900 }, deviceScaleFactor: 1 });
    const errors = watchErrors(page);
    await page.goto(site.url + path, { waitUntil: 'networkidle' });
    const name = `${OUT}/lesson-01-${lang}-${width}`;
    await page.screenshot({ path: `${name}-top.png` });
    await page.screenshot({ path: `${name}-full.png`, fullPage: true });

    const playground = page.locator('course-playground');
    await playground.scrollIntoViewIfNeeded();
    await page.locator('course-playground[data-ready="true"]').waitFor();
    await playground.locator('button[data-action="write"]').click();
    await playground.locator('button[data-action="kill"]').click();
    await playground.screenshot({ path: `${name}-playground.png` });
    await page.locator('.course-exercise .course-exercise__hint summary').first().click();
    await page.locator('.course-exercise').screenshot({ path: `${name}-exercise.png` });

    const overflow = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth }));
    expect(overflow.page, 'the page is wider than the screen').toBeLessThanOrEqual(overflow.viewport);
    for (const sel of ['course-playground', '.course-exercise']) {
      const box = await page.locator(sel).boundingBox();
      expect(box!.x + box!.width, `${sel} sticks out of the screen`).toBeLessThanOrEqual(width);
    }
    if (lang === 'zh-cn') {
      const session = await page.context().newCDPSession(page);
      await session.send('DOM.enable');
      await session.send('CSS.enable');
      const { root } = await session.send('DOM.getDocument');
      const { nodeId } = await session.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'course-playground h3' });
      const { fonts } = await session.send('CSS.getPlatformFontsForNode', { nodeId });
      expect(fonts.map((f) => f.familyName).join(', ')).toMatch(/CJK|WenQuanYi|Hei|Song/i);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
