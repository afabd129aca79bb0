/**
 * The built lesson pages, in both languages, show each walk-through step's commands and, for a
 * captured step, exactly the output its capture holds under the page's own label; for a step not
 * captured, the reason in the page's language and no output block.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listLessonFolders } from '../../src/site/lessons.ts';
import { readCaptureFile } from '../../src/walkthrough/capture-file.ts';
import { captureFilePath } from '../../src/walkthrough/lesson-steps.ts';
import { expandTabs } from '../../src/walkthrough/transcript.ts';
import { ROOT } from '../graders/harness.ts';

const DIST = process.env.COURSE_DIST ?? 'dist';

/** The HTML of one <div data-walkthrough-step> block, as plain text lines (tags stripped, entities decoded). */
function stepText(html: string, step: string): string | undefined {
  const start = html.indexOf(`data-walkthrough-step="${step}"`);
  if (start < 0) return undefined;
  const end = html.indexOf('data-walkthrough-step=', start + 30);
  const chunk = html.slice(start, end < 0 ? undefined : end);
  return chunk
    .replace(/<\/div>\s*<div class="ec-line"/g, '\n<div class="ec-line"')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const LABELS = {
  en: { page: (f: string) => `lessons/${f}/index.html`, output: 'Output captured on a real cluster', not: 'Output not captured', exit: 'exit code' },
  'zh-cn': { page: (f: string) => `zh-cn/lessons/${f}/index.html`, output: '在真实集群上捕获的输出', not: '未捕获输出', exit: '退出码' },
} as const;

describe('walk-throughs on the built lesson pages', () => {
  for (const { folder } of listLessonFolders(ROOT)) {
    for (const lang of ['en', 'zh-cn'] as const) {
      it(`${lang} ${folder}: every step with its captured output or the reason`, () => {
        const html = readFileSync(`${DIST}/${LABELS[lang].page(folder)}`, 'utf8');
        const capture = readCaptureFile(`${ROOT}/${captureFilePath(folder)}`, captureFilePath(folder));
        for (const step of capture.steps) {
          const text = stepText(html, step.step);
          expect(text, `${folder} ${step.step} is not on the page`).toBeDefined();
          if (step.status === 'captured') {
            expect(text).toContain(LABELS[lang].output);
            for (const c of step.commands) {
              for (const line of expandTabs(c.output).split('\n').filter((l) => l.trim())) expect(text, `${step.step}: ${c.command}`).toContain(line.trim());
              if (c.exitCode !== 0) expect(text).toContain(`# ${LABELS[lang].exit} ${c.exitCode}`);
            }
          } else {
            expect(text).toContain(LABELS[lang].not);
            expect(text).toContain(step.reason[lang]);
            expect(text).not.toContain(LABELS[lang].output);
          }
        }
      });
    }
  }
});
