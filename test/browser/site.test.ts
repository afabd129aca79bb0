/**
 * The course in a real browser (Debian chromium): landing page and lesson 1 in both languages,
 * the language picker, Chinese search, and no console or HTTP errors.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, useSite, watchErrors } from './browser.ts';

const run = browserAvailable();

describe.runIf(run)('course site in chromium', () => {
  const site = useSite('dist');

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await site.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(site.url + path, { waitUntil: 'load' });
    return { page, errors };
  }

  it.each([
    ['/', 'en'],
    ['/zh-cn/', 'zh-CN'],
    ['/lessons/01-emptydir/', 'en'],
    ['/zh-cn/lessons/01-emptydir/', 'zh-CN'],
  ])('opens %s (lang %s) without errors', async (path, lang) => {
    const { page, errors } = await open(path);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.locator('h1').first().textContent()).toBeTruthy();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches from the Chinese lesson to the English one with the language picker', async () => {
    const { page, errors } = await open('/zh-cn/lessons/01-emptydir/');
    const select = page.locator('starlight-lang-select select').first();
    await Promise.all([page.waitForURL(`${site.url}/lessons/01-emptydir/`), select.selectOption({ label: 'English' })]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await Promise.all([page.waitForURL(`${site.url}/zh-cn/lessons/01-emptydir/`), page.locator('starlight-lang-select select').first().selectOption({ label: '简体中文' })]);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fetches the search UI only when the reader wants search, not on every page load', async () => {
    const page = await site.browser.newPage();
    const errors = watchErrors(page);
    const requested: string[] = [];
    page.on('request', (req) => requested.push(new URL(req.url()).pathname));
    await page.goto(`${site.url}/lessons/01-emptydir/`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    const searchFiles = () => requested.filter((p) => /ui-core|\/pagefind\//.test(p));
    expect(searchFiles()).toEqual([]);
    await page.locator('site-search button[data-open-modal]').first().click();
    await page.locator('.pagefind-ui__search-input').first().waitFor({ state: 'visible' });
    expect(searchFiles().some((p) => p.includes('ui-core'))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['/zh-cn/', '临时卷', '/zh-cn/lessons/01-emptydir/'],
    ['/', 'emptyDir', '/lessons/01-emptydir/'],
  ])('search on %s for %s finds lesson 1', async (path, query, expected) => {
    const { page, errors } = await open(path);
    await page.locator('site-search button[data-open-modal]').first().click();
    const input = page.locator('.pagefind-ui__search-input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill(query);
    const links = page.locator('.pagefind-ui__result-link');
    await links.first().waitFor({ state: 'visible', timeout: 15_000 });
    const hrefs = await links.evaluateAll((els) => els.map((e) => new URL((e as HTMLAnchorElement).href).pathname));
    expect(hrefs).toContain(expected);
    expect(errors).toEqual([]);
    await page.close();
  });
});
