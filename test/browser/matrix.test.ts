/**
 * The "what survives what" page in chromium, in both languages, checked against the graders it is
 * built from: every cell a grader declares shows that grader's verdict, every other cell says it
 * is not tested by an exercise (with the course notes marked as unproven), and each row links to
 * its lesson in the same language.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Grader } from '../../src/grader/define.ts';
import { browserAvailable, useSite, watchErrors } from './browser.ts';

const DIST = process.env.COURSE_DIST ?? 'dist';
const run = browserAvailable();
const ROWS = ['emptyDir', 'hostPath', 'nfs', 'pvRetain', 'pvDelete', 'statefulSetPvc'];
const EVENTS = ['containerRestart', 'podDelete', 'otherNode', 'pvcDelete'];

async function declaredCells(): Promise<Map<string, { value: string; lesson: string }>> {
  const cells = new Map<string, { value: string; lesson: string }>();
  for (const file of readdirSync('graders').filter((f) => /^\d{2}-.*\.ts$/.test(f)).sort()) {
    const g = (await import(pathToFileURL(resolve(join('graders', file))).href)).default as Grader;
    for (const { row, proves } of g.lifetime) for (const [event, value] of Object.entries(proves)) cells.set(`${row}:${event}`, { value: value!, lesson: g.lesson });
  }
  return cells;
}

describe.runIf(run)('what survives what, in chromium', () => {
  const site = useSite(DIST);
  let declared: Map<string, { value: string; lesson: string }>;

  beforeAll(async () => {
    declared = await declaredCells();
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await site.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(site.url + path, { waitUntil: 'load' });
    return { page, errors };
  }

  it('the graders declare at least one cell (otherwise the page proves nothing)', () => {
    expect(declared.size).toBeGreaterThan(0);
  });

  it.each([
    ['/matrix/', 'en', '', { kept: 'kept', lost: 'lost', untested: 'not tested by an exercise', notes: 'Course notes (not proven):' }],
    ['/zh-cn/matrix/', 'zh-CN', '/zh-cn', { kept: '保留', lost: '丢失', untested: '没有练习验证', notes: '课程资料（未经验证）：' }],
  ])('%s shows the graders\' verdicts and marks the rest as not tested', async (path, lang, prefix, words) => {
    const { page, errors } = await open(path);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.locator('.course-matrix tbody tr').count()).toBe(ROWS.length);
    expect(await page.locator('.course-matrix thead th').count()).toBe(EVENTS.length + 1);
    for (const row of ROWS) {
      for (const event of EVENTS) {
        const cell = page.locator(`td[data-cell="${row}:${event}"]`);
        const text = (await cell.textContent()) ?? '';
        const want = declared.get(`${row}:${event}`);
        if (want) {
          expect(await cell.getAttribute('data-proof'), `${row}:${event}`).toBe('grader');
          expect(await cell.getAttribute('data-value'), `${row}:${event}`).toBe(want.value);
          expect(text).toContain(words[want.value as 'kept' | 'lost']);
          expect(text).toContain(String(Number(want.lesson.slice(0, 2))));
        } else {
          expect(await cell.getAttribute('data-proof'), `${row}:${event}`).toBe('none');
          expect(text).toContain(words.untested);
          expect(text).toContain(words.notes);
        }
      }
    }
    const links = await page.locator('.course-matrix tbody th a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(links).toEqual(['01-emptydir', '02-hostpath', '03-nfs', '04-pv-pvc', '05-storageclass', '06-statefulset'].map((f) => `${prefix}/lessons/${f}/`));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a row link opens its lesson', async () => {
    const { page, errors } = await open('/zh-cn/matrix/');
    await Promise.all([page.waitForURL(`${site.url}/zh-cn/lessons/03-nfs/`), page.locator('tr[data-row="nfs"] th a').click()]);
    expect(await page.locator('h1').first().textContent()).toContain('NFS');
    expect(errors).toEqual([]);
    await page.close();
  });
});
