import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { describe, expect, it } from 'vitest';
import { escapeHeadingAnchors, headingAnchors, headingIdsPlugin } from '../../src/site/heading-ids.ts';

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

  // Through Astro's own Sätteri pipeline, so its heading-id plugin runs after ours, as in the build.
  it('moves the anchor into the heading id, strips it from the text, and Astro keeps that id', async () => {
    const md = await createSatteriMarkdownProcessor({ mdastPlugins: [headingIdsPlugin] });
    const { code, metadata } = await md.render('## 回收策略 {#reclaim-policy}\n\n## Plain heading\n\nText {#not-a-heading}\n');
    expect(code).toContain('<h2 id="reclaim-policy">回收策略</h2>');
    expect(code).toContain('<h2 id="plain-heading">Plain heading</h2>');
    expect(code).toContain('Text {#not-a-heading}');
    expect(metadata.headings.map((h) => h.slug)).toEqual(['reclaim-policy', 'plain-heading']);
  });
});
