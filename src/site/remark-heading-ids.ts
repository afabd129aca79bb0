/**
 * Explicit heading anchors, kubernetes.io style: `## 回收策略 {#reclaim-policy}` gives the heading
 * id "reclaim-policy" in both languages, so #anchors match across en and zh-cn. MDX would read
 * `{...}` as an expression, so sync-lessons escapes it to `\{#id\}` and this plugin strips it and
 * sets the id (Astro's heading collector keeps an id that is already set).
 */
const ANCHOR = /\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$/;

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  data?: { hProperties?: Record<string, unknown> };
}

/** Remark plugin: moves a trailing {#id} of a heading into its id attribute. */
export function remarkHeadingIds() {
  return (tree: MdNode) => {
    const walk = (node: MdNode) => {
      if (node.type === 'heading' && node.children?.length) {
        const last = node.children[node.children.length - 1];
        const m = last.type === 'text' && last.value ? ANCHOR.exec(last.value) : null;
        if (m) {
          last.value = last.value!.slice(0, m.index);
          node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: m[1] } };
        }
      }
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}

/** Escapes `{#id}` at the end of Markdown headings so MDX does not parse it as an expression. */
export function escapeHeadingAnchors(mdx: string): string {
  return mdx.replace(/^(#{1,6} .*?)\s\{#([a-z0-9][a-z0-9-]*)\}[ \t]*$/gm, '$1 \\{#$2\\}');
}

/** Reads the explicit anchors of a lesson source, in order (for the parity test). */
export function headingAnchors(mdx: string): { depth: number; id: string }[] {
  return [...mdx.matchAll(/^(#{1,6}) .*?\{#([a-z0-9][a-z0-9-]*)\}[ \t]*$/gm)].map((m) => ({ depth: m[1].length, id: m[2] }));
}
