/**
 * Chinese paragraphs are often wrapped over several source lines. Browsers render such a soft
 * line break as a space, which shows as a stray gap between two Chinese characters ("篇幅， 不比").
 * cjkBreaksPlugin removes a soft line break (with the indentation around it) when the
 * characters on both sides are CJK characters or full-width punctuation; breaks next to Latin
 * text stay a space, as Chinese typography wants.
 */
import type { SatteriProcessorOptions } from '@astrojs/markdown-satteri';

const CJK = '\\u2e80-\\u2fff\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const BREAK_BETWEEN_CJK = new RegExp(`([${CJK}])[ \\t]*\\r?\\n[ \\t]*(?=[${CJK}])`, 'g');

/** A Sätteri mdast plugin, as @astrojs/markdown-satteri's satteri({ mdastPlugins }) takes it. */
type MdastPlugin = Extract<NonNullable<SatteriProcessorOptions['mdastPlugins']>[number], { name: string }>;

/** Joins soft line breaks between two CJK characters in a text value. */
export function joinCjkBreaks(text: string): string {
  return text.replace(BREAK_BETWEEN_CJK, '$1');
}

/** Sätteri mdast plugin (Astro 7's Markdown processor) applying joinCjkBreaks to every text node; code is left alone. */
export const cjkBreaksPlugin = {
  name: 'course-cjk-breaks',
  text(node, ctx) {
    const joined = joinCjkBreaks(node.value);
    if (joined !== node.value) ctx.setProperty(node, 'value', joined);
  },
} satisfies MdastPlugin;
