/**
 * The built "what survives what" page in both languages, read from dist/ and checked against the
 * graders and demos it is built from: every proven cell shows its value and its sources, every
 * n/a cell shows its reason, and no cell says "not tested".
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemos } from '../../src/grader/demo/load.ts';
import { loadGrader } from '../../src/grader/lessons.ts';
import { buildMatrix, cellKey, EVENTS, NOT_APPLICABLE, ROWS, type CellKey, type ProvenCell } from '../../src/grader/lifetime.ts';
import { courseLessons, ROOT } from '../graders/harness.ts';

const DIST = process.env.COURSE_DIST ?? 'dist';

/** data-cell -> the cell's attributes and text (tags stripped). */
function cells(html: string): Map<string, { attrs: string; text: string }> {
  const out = new Map<string, { attrs: string; text: string }>();
  for (const m of html.matchAll(/<td([^>]*data-cell="([^"]+)"[^>]*)>([\s\S]*?)<\/td>/g)) {
    out.set(m[2]!, { attrs: m[1]!, text: m[3]!.replace(/<[^>]+>/g, '').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') });
  }
  return out;
}

describe('the built matrix page', () => {
  let proven: Map<CellKey, ProvenCell>;
  beforeAll(async () => {
    const graders = await Promise.all(courseLessons().map((l) => loadGrader(ROOT, l)));
    const demos = await loadDemos(ROOT);
    proven = buildMatrix([
      ...graders.map((g) => ({ kind: 'grader' as const, id: g.lesson, lifetime: g.lifetime })),
      ...demos.map((d) => ({ kind: 'demo' as const, id: d.id, title: d.title, lifetime: d.lifetime })),
    ]);
  });

  it.each([
    ['matrix/index.html', 'en', { kept: 'kept', lost: 'lost', pinned: 'pinned: the Pod cannot leave the volume’s node', na: 'n/a', untested: 'not tested', grader: 'grader', demo: 'demonstration' }],
    ['zh-cn/matrix/index.html', 'zh-cn', { kept: '保留', lost: '丢失', pinned: '固定：Pod 离不开卷所在的节点', na: '不适用', untested: '没有练习验证', grader: '评分程序', demo: '由演示“' }],
  ] as const)('%s: proven cells, n/a reasons, nothing untested', (path, lang, words) => {
    const page = readFileSync(`${DIST}/${path}`, 'utf8');
    // The table only: the page's own legend explains what "not tested" would mean.
    const html = page.slice(page.indexOf('class="course-matrix'), page.indexOf('</table>'));
    const found = cells(html);
    expect(found.size).toBe(ROWS.length * EVENTS.length);
    expect(html).not.toContain(words.untested);
    for (const row of ROWS) {
      for (const event of EVENTS) {
        const key = cellKey(row, event);
        const cell = found.get(key)!;
        const na = NOT_APPLICABLE[key];
        if (na) {
          expect(cell.attrs, key).toContain('data-value="na"');
          expect(cell.text, key).toContain(words.na);
          expect(cell.text, key).toContain(na[lang]);
          continue;
        }
        const want = proven.get(key)!;
        expect(want, key).toBeDefined();
        expect(cell.attrs, key).toContain(`data-value="${want.value}"`);
        expect(cell.text, key).toContain(words[want.value]);
        for (const s of want.sources) {
          if (s.kind === 'grader') expect(cell.text, key).toContain(String(Number(s.id.slice(0, 2))));
          else expect(cell.text, key).toContain(s.title![lang]);
          expect(cell.text, key).toContain(words[s.kind]);
        }
      }
    }
  });
});
