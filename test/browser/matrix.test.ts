/**
 * The "what survives what" page in chromium, in both languages, checked against the graders and
 * demos it is built from: every proven cell shows its verdict and its sources, every n/a cell its
 * reason, no cell says it is not tested, and each row links to its lesson in the same language.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemos } from '../../src/grader/demo/load.ts';
import { loadGrader } from '../../src/grader/lessons.ts';
import { buildMatrix, cellKey, NOT_APPLICABLE, type CellKey, type ProvenCell } from '../../src/grader/lifetime.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRealProofs } from '../../src/grader/real-proofs.ts';
import { courseLessons, ROOT } from '../graders/harness.ts';
import { browserAvailable, useSite, watchErrors } from './browser.ts';

const DIST = process.env.COURSE_DIST ?? 'dist';
const run = browserAvailable();
const ROWS = ['emptyDir', 'hostPath', 'nfs', 'pvRetain', 'pvDelete', 'statefulSetPvc', 'snapshot'] as const;
const EVENTS = ['containerRestart', 'podDelete', 'otherNode', 'pvcDelete'] as const;

async function declaredCells(): Promise<Map<CellKey, ProvenCell>> {
  const graders = await Promise.all(courseLessons().map((l) => loadGrader(ROOT, l)));
  const demos = await loadDemos(ROOT);
  return buildMatrix([
    ...graders.map((g) => ({ kind: 'grader' as const, id: g.lesson, lifetime: g.lifetime })),
    ...demos.map((d) => ({ kind: 'demo' as const, id: d.id, title: d.title, lifetime: d.lifetime })),
  ]);
}

describe.runIf(run)('what survives what, in chromium', () => {
  const site = useSite(DIST);
  let declared: Map<CellKey, ProvenCell>;

  const proofsDir = join(ROOT, 'test', 'fixtures', 'real-proofs');
  const proofs = readRealProofs(Object.fromEntries(readdirSync(proofsDir).map((f) => [f, readFileSync(join(proofsDir, f), 'utf8')])));

  beforeAll(async () => {
    declared = await declaredCells();
  });

  it('every grader and demo has a real-cluster record (npm run traces:record)', () => {
    expect([...proofs.keys()].sort()).toEqual([...new Set([...declared.values()].flatMap((c) => c.sources.map((s) => `${s.kind}:${s.id}`)))].sort());
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await site.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(site.url + path, { waitUntil: 'load' });
    return { page, errors };
  }

  it('the graders and demos declare every meaningful cell (otherwise the page proves nothing)', () => {
    expect(declared.size).toBe(ROWS.length * EVENTS.length - Object.keys(NOT_APPLICABLE).length);
  });

  it.each([
    ['/matrix/', 'en', '', { kept: 'kept', lost: 'lost', pinned: 'pinned', na: 'n/a', untested: 'not tested by an exercise', real: 'on a real cluster (Kubernetes ', model: 'only on the offline model' }],
    ['/zh-cn/matrix/', 'zh-CN', '/zh-cn', { kept: '保留', lost: '丢失', pinned: '固定', na: '不适用', untested: '没有练习验证', real: '在真实集群上（Kubernetes ', model: '仅在离线模型上' }],
  ] as const)('%s shows the verdicts of the graders and demos and the n/a reasons', async (path, lang, prefix, words) => {
    const { page, errors } = await open(path);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.locator('.course-matrix tbody tr').count()).toBe(ROWS.length);
    expect(await page.locator('.course-matrix thead th').count()).toBe(EVENTS.length + 1);
    const l = lang === 'en' ? 'en' : 'zh-cn';
    for (const row of ROWS) {
      for (const event of EVENTS) {
        const key = cellKey(row, event);
        const cell = page.locator(`td[data-cell="${key}"]`);
        const text = (await cell.textContent()) ?? '';
        expect(text, key).not.toContain(words.untested);
        const na = NOT_APPLICABLE[key];
        if (na) {
          expect(await cell.getAttribute('data-proof'), key).toBe('na');
          expect(text).toContain(words.na);
          expect(text).toContain(na[l]);
          continue;
        }
        const want = declared.get(key)!;
        expect(await cell.getAttribute('data-value'), key).toBe(want.value);
        expect((await cell.getAttribute('data-proof'))?.split(' '), key).toEqual([...new Set(want.sources.map((s) => s.kind))]);
        expect(text).toContain(words[want.value]);
        for (const s of want.sources) expect(text).toContain(s.kind === 'grader' ? String(Number(s.id.slice(0, 2))) : s.title![l]);
        // Each source says where it last passed, as test:cluster recorded it.
        const where = await cell.locator('.course-matrix__source').evaluateAll((spans) => spans.map((x) => [x.getAttribute('data-proven-on'), x.textContent ?? '']));
        want.sources.forEach((s, i) => {
          const proof = proofs.get(`${s.kind}:${s.id}`);
          expect(where[i][0], `${key} ${s.id}`).toBe(proof?.passed ? 'real' : 'model');
          expect(where[i][1]).toContain(proof?.passed ? `${words.real}${proof.kubernetesVersion}` : words.model);
        });
      }
    }
    const links = await page.locator('.course-matrix tbody th a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(links).toEqual(['01-emptydir', '02-hostpath', '03-nfs', '04-pv-pvc', '05-storageclass', '06-statefulset', '07-snapshots-expansion'].map((f) => `${prefix}/lessons/${f}/`));
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
