import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncLessons } from '../../src/site/sync-lessons.ts';

function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'sync-'));
  mkdirSync(join(root, 'lessons', '01-demo'), { recursive: true });
  mkdirSync(join(root, 'lessons', 'notes'), { recursive: true });
  writeFileSync(join(root, 'lessons', '01-demo', 'en.mdx'), '---\ntitle: Demo\n---\n## Why {#why}\n');
  writeFileSync(join(root, 'lessons', '01-demo', 'zh-cn.mdx'), '---\ntitle: 演示\n---\n## 为什么 {#why}\n');
  return root;
}

describe('syncLessons', () => {
  it('copies each language to where Starlight reads it, escaping anchors and marking the copy', () => {
    const root = fixture();
    const written = syncLessons(root);
    expect(written).toHaveLength(2);
    const en = readFileSync(join(root, 'src/content/docs/lessons/01-demo.mdx'), 'utf8');
    const zh = readFileSync(join(root, 'src/content/docs/zh-cn/lessons/01-demo.mdx'), 'utf8');
    expect(en.startsWith('---\ntitle: Demo\n---\n{/* Generated from lessons/01-demo/en.mdx')).toBe(true);
    expect(zh).toContain('## 为什么 \\{#why\\}');
  });

  it('removes pages whose lesson folder is gone', () => {
    const root = fixture();
    syncLessons(root);
    writeFileSync(join(root, 'src/content/docs/lessons/99-stale.mdx'), 'stale');
    syncLessons(root);
    expect(existsSync(join(root, 'src/content/docs/lessons/99-stale.mdx'))).toBe(false);
  });
});
