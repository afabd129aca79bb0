import { describe, expect, it } from 'vitest';
import { escapeHeadingAnchors, headingAnchors, remarkHeadingIds } from '../../src/site/remark-heading-ids.ts';

describe('explicit heading anchors', () => {
  it('escapes {#id} at the end of headings only', () => {
    const src = '## 回收策略 {#reclaim-policy}\n\nText {#not-a-heading}\n### Sub {#sub}';
    expect(escapeHeadingAnchors(src)).toBe('## 回收策略 \\{#reclaim-policy\\}\n\nText {#not-a-heading}\n### Sub \\{#sub\\}');
  });

  it('lists anchors with their depth', () => {
    expect(headingAnchors('## A {#a}\ntext\n### B {#b}\n## C')).toEqual([
      { depth: 2, id: 'a' },
      { depth: 3, id: 'b' },
    ]);
  });

  it('moves the anchor into the heading id and strips it from the text', () => {
    const heading = { type: 'heading', children: [{ type: 'text', value: '回收策略 {#reclaim-policy}' }] } as any;
    remarkHeadingIds()({ type: 'root', children: [heading] });
    expect(heading.children[0].value).toBe('回收策略');
    expect(heading.data.hProperties.id).toBe('reclaim-policy');
  });
});
