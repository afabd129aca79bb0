/**
 * Explicit heading anchors, kubernetes.io style: `## 回收策略 {#reclaim-policy}` gives the heading
 * id "reclaim-policy" in both languages, so #anchors match across en and zh-cn. MDX would read
 * `{...}` as an expression, so sync-lessons escapes it to `\{#id\}` and headingIdsPlugin strips it
 * and sets the id.
 */
import type { SatteriProcessorOptions } from '@astrojs/markdown-satteri';

const ANCHOR = /\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$/;

/** A Sätteri mdast plugin, as @astrojs/markdown-satteri's satteri({ mdastPlugins }) takes it. */
type MdastPlugin = Extract<NonNullable<SatteriProcessorOptions['mdastPlugins']>[number], { name: string }>;

/**
 * Sätteri mdast plugin (Astro 7's Markdown processor): moves a trailing {#id} of a heading into
 * its id attribute. Astro's own heading-id plugin runs later and keeps an id that is already set,
 * so the table of contents and the page agree.
 */
export const headingIdsPlugin = {
  name: 'course-heading-ids',
  heading(node, ctx) {
    const last = node.children[node.children.length - 1];
    const m = last?.type === 'text' ? ANCHOR.exec(last.value) : null;
    if (last?.type !== 'text' || !m) return;
    ctx.setProperty(last, 'value', last.value.slice(0, m.index));
    // data.hProperties becomes the <h*> element's attributes (mdast-to-hast convention).
    const data: { hProperties?: Record<string, unknown> } = node.data ?? {};
    ctx.setProperty(node, 'data', { ...data, hProperties: { ...data.hProperties, id: m[1] } });
  },
} satisfies MdastPlugin;

/** Escapes `{#id}` at the end of Markdown headings so MDX does not parse it as an expression. */
export function escapeHeadingAnchors(mdx: string): string {
  return mdx.replace(/^(#{1,6} .*?)\s\{#([a-z0-9][a-z0-9-]*)\}[ \t]*$/gm, '$1 \\{#$2\\}');
}

/** Reads the explicit anchors of a lesson source, in order (for the parity test). */
export function headingAnchors(mdx: string): { depth: number; id: string }[] {
  return [...mdx.matchAll(/^(#{1,6}) .*?\{#([a-z0-9][a-z0-9-]*)\}[ \t]*$/gm)].map((m) => ({ depth: m[1].length, id: m[2] }));
}
