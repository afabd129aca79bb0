import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRepo } from '../helpers.ts';

let readme: string;

beforeAll(async () => {
  const g = await generateRepo(['--lessons', '1,4']);
  expect(g.code, g.io.err()).toBe(0);
  readme = readFileSync(join(g.repo, 'README.md'), 'utf8');
});

const half = (lang: 'en' | 'zh') => (lang === 'en' ? readme.split('\n## 中文\n')[0]! : readme.split('\n## 中文\n')[1]!);

describe('the student README', () => {
  it('has an English and a Chinese part with the same sections', () => {
    expect(readme).toContain('\n## English\n');
    expect(readme).toContain('\n## 中文\n');
    const heads = (text: string) => text.split('\n').filter((l) => l.startsWith('### ')).length;
    expect(heads(half('en'))).toBe(5);
    expect(heads(half('zh'))).toBe(5);
  });

  it('lists each exercise with its folder and files, 100 points each, and the total', () => {
    for (const part of [half('en'), half('zh')]) {
      expect(part).toMatch(/\| lesson-1 \|[^\n]*`exercises\/lesson-1\/cache-pod\.yaml`[^\n]*\| 100 \|/);
      expect(part).toMatch(/\| lesson-4 \|[^\n]*`exercises\/lesson-4\/course-pv\.yaml`[^\n]*\| 100 \|/);
      expect(part).toContain('**200**');
    }
  });

  it('tells how to grade locally: install, kind, the offline model, the language', () => {
    for (const part of [half('en'), half('zh')]) {
      expect(part).toContain('npm install');
      expect(part).toContain('npm run grade lesson-1');
      expect(part).toContain('npm run grade -- lesson-1 --cluster model');
      expect(part).toContain('--lang zh-cn');
      expect(part).toContain('kind');
      expect(part).toContain('npm run exercise');
    }
    expect(half('zh')).toContain('离线模型');
  });

  it('shows every check’s points, adding up to 100 per lesson, in both languages', () => {
    for (const part of [half('en'), half('zh')]) {
      const tables = part.split(/\n\*\*lesson-\d+(?:: |：)[^\n]*\*\*\n/).slice(1);
      expect(tables).toHaveLength(2);
      for (const table of tables) {
        const points = [...table.split('\n###')[0]!.matchAll(/^\| .+ \| (\d+) \|$/gm)].map((m) => Number(m[1]));
        expect(points.length).toBeGreaterThan(1);
        expect(points.reduce((a, b) => a + b, 0)).toBe(100);
      }
    }
  });

  it('names the protected files', () => {
    for (const part of [half('en'), half('zh')]) {
      for (const f of ['.github/workflows/classroom.yml', 'package.json', '.classroom/']) expect(part).toContain(`\`${f}\``);
    }
  });
});
