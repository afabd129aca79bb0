/**
 * The exercise section of a lesson page in chromium, against the sources it is generated from
 * (exercise.yaml, starter/, the grader): title, every check with its points in the page's
 * language, hints that open on click and by keyboard, copy buttons on the starter files that copy
 * the exact bytes, the commands, and the language picker on an exercise page.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import grader1 from '../../graders/01-emptydir.ts';
import { browserAvailable, useSite, watchErrors } from './browser.ts';

const DIST = process.env.COURSE_DIST ?? 'dist';
const run = browserAvailable();
const exercise1 = parse(readFileSync('lessons/01-emptydir/exercise.yaml', 'utf8'));
const starter1 = readFileSync(`lessons/01-emptydir/starter/${exercise1.files[0]}`, 'utf8');
const checks1 = [...grader1.staticChecks, ...grader1.steps];

describe.runIf(run)('exercise section in chromium', () => {
  const site = useSite(DIST);

  async function open(path: string, page?: Page): Promise<{ page: Page; errors: string[] }> {
    const p = page ?? (await site.browser.newPage());
    const errors = watchErrors(p);
    await p.goto(site.url + path, { waitUntil: 'load' });
    return { page: p, errors };
  }

  it.each([
    ['/lessons/01-emptydir/', 'en' as const],
    ['/zh-cn/lessons/01-emptydir/', 'zh-cn' as const],
  ])('%s shows the title, the commands and every check with its points in the page language', async (path, lang) => {
    const { page, errors } = await open(path);
    const section = page.locator('.course-exercise[data-exercise="lesson-1"]');
    expect(await section.count()).toBe(1);
    // It sits in the lesson's {#exercise} section: after that heading, with no other h2 in between.
    const inSection = await section.evaluate((el) => {
      const heading = document.getElementById('exercise')!;
      const after = !!(heading.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      const between = [...document.querySelectorAll('main h2')].filter((h) => heading.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING && h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      return after && between.length === 0;
    });
    expect(inSection).toBe(true);
    expect(await section.locator('h3').textContent()).toBe(exercise1.title[lang]);
    const rows = section.locator('table.course-exercise__checks tbody tr');
    expect(await rows.count()).toBe(checks1.length);
    for (const [i, check] of checks1.entries()) {
      const row = rows.nth(i);
      expect(await row.getAttribute('data-check')).toBe(check.id);
      expect((await row.locator('.course-exercise__check-title').textContent())?.toLowerCase()).toBe(check.title[lang].toLowerCase());
      expect(Number(await row.locator('td.num').textContent())).toBe(check.points);
    }
    expect(await section.locator('tfoot td.num').textContent()).toBe('100');
    const code = (await section.locator('.expressive-code').allTextContents()).join('\n');
    for (const cmd of ['npm run exercise lesson-1', 'npm run grade lesson-1', 'npm run grade -- lesson-1 --cluster model']) expect(code).toContain(cmd);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a hint on click and a check hint with the keyboard', async () => {
    const { page, errors } = await open('/zh-cn/lessons/01-emptydir/');
    const hint = page.locator('.course-exercise__hint').first();
    const body = hint.locator('div');
    expect(await hint.getAttribute('open')).toBeNull();
    expect(await body.isVisible()).toBe(false);
    await hint.locator('summary').click();
    expect(await hint.getAttribute('open')).not.toBeNull();
    expect(await body.textContent()).toContain(parse(readFileSync('lessons/01-emptydir/exercise.yaml', 'utf8')).hints[0]['zh-cn'].replace(/`/g, ''));
    const checkHint = page.locator('table.course-exercise__checks details').first();
    await checkHint.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await checkHint.getAttribute('open')).not.toBeNull();
    expect(await checkHint.locator('div').textContent()).toBe(checks1[0].hint['zh-cn'].replace(/`/g, ''));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has a copy button on each starter file that copies the exact file', async () => {
    const context = await site.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const { page, errors } = await open('/zh-cn/lessons/01-emptydir/', await context.newPage());
    const frame = page.locator('.course-exercise .expressive-code', { hasText: `exercises/lesson-1/${exercise1.files[0]}` });
    expect(await frame.count()).toBe(1);
    const copy = frame.locator('.copy button');
    expect(await copy.getAttribute('title')).toBe('复制到剪贴板');
    await copy.click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(starter1.replace(/\n$/, ''));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the reader on the exercise when switching language', async () => {
    const { page, errors } = await open('/zh-cn/lessons/02-hostpath/');
    expect(await page.locator('.course-exercise .course-exercise__eyebrow').textContent()).toContain('练习 lesson-2');
    const select = page.locator('starlight-lang-select select').first();
    await Promise.all([page.waitForURL(`${site.url}/lessons/02-hostpath/`), select.selectOption({ label: 'English' })]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('.course-exercise .course-exercise__eyebrow').textContent()).toContain('Exercise lesson-2');
    expect(await page.locator('.course-exercise h4').first().textContent()).toBe('The task');
    expect(errors).toEqual([]);
    await page.close();
  });
});
