/**
 * Words for JSON types and values in messages, in both languages: what a field expects ("an
 * integer" / "整数") and what was written ("the string \"two\"" / "字符串 \"two\"").
 */
import type { Localized } from '../../i18n/lang.ts';

/** What the schema wanted, from the set of allowed JSON types (oneOf branches merged). */
export function describeExpected(types: Set<string>): Localized {
  const has = (t: string) => types.has(t);
  if (has('string') && has('number')) return { en: 'a quantity such as 1Gi or 500m', 'zh-cn': '数量（quantity），例如 1Gi 或 500m' };
  if (has('string') && has('integer')) return { en: 'an integer or a string', 'zh-cn': '整数或字符串' };
  const one: Record<string, Localized> = {
    string: { en: 'a string', 'zh-cn': '字符串' },
    integer: { en: 'an integer', 'zh-cn': '整数' },
    number: { en: 'a number', 'zh-cn': '数字' },
    boolean: { en: 'true or false', 'zh-cn': '布尔值（true 或 false）' },
    object: { en: 'a mapping (key: value lines)', 'zh-cn': '映射（"键: 值" 形式的各行）' },
    array: { en: 'a list (lines starting with "- ")', 'zh-cn': '列表（以 "- " 开头的各行）' },
  };
  const parts = [...types].map((t) => one[t] ?? { en: t, 'zh-cn': t });
  return { en: parts.map((p) => p.en).join(' or '), 'zh-cn': parts.map((p) => p['zh-cn']).join('或') };
}

/** What was written, e.g. the string "two", the boolean true, a list. */
export function describeActual(value: unknown): Localized {
  if (value === null || value === undefined) return { en: 'an empty value', 'zh-cn': '空值' };
  if (Array.isArray(value)) return { en: 'a list', 'zh-cn': '一个列表' };
  switch (typeof value) {
    case 'string':
      return { en: `the string ${JSON.stringify(short(value))}`, 'zh-cn': `字符串 ${JSON.stringify(short(value))}` };
    case 'number':
      return { en: `the number ${value}`, 'zh-cn': `数字 ${value}` };
    case 'boolean':
      return { en: `the boolean ${value}`, 'zh-cn': `布尔值 ${value}` };
    case 'object':
      return { en: 'a mapping', 'zh-cn': '一个映射' };
    default:
      return { en: String(value), 'zh-cn': String(value) };
  }
}

/** Cuts long strings for messages. */
export function short(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

