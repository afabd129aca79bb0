/**
 * The two languages of the course. `en` is the root locale of the site; `zh-cn` is the URL
 * key and the grader's --lang value (its BCP-47 tag is zh-CN).
 */
export const LANGS = ['en', 'zh-cn'] as const;
export type Lang = (typeof LANGS)[number];

/** A user-facing string in both languages. Every message the grader prints is one of these. */
export type Localized = Record<Lang, string>;

/** Picks the language from --lang, then LC_ALL / LC_MESSAGES / LANG (zh* gives zh-cn), else en. */
export function detectLang(explicit?: string, env: Record<string, string | undefined> = process.env): Lang {
  if (explicit) {
    const norm = explicit.toLowerCase().replace('_', '-');
    if (norm === 'en' || norm.startsWith('en-')) return 'en';
    if (norm === 'zh' || norm.startsWith('zh')) return 'zh-cn';
    throw new Error(`unknown language "${explicit}" (use en or zh-cn)`);
  }
  for (const key of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const value = env[key];
    if (value) return value.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
  }
  return 'en';
}

/** Replaces {name} placeholders in both languages of a message. */
export function fill(message: Localized, params: Record<string, string | number>): Localized {
  const sub = (text: string) => text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  return { en: sub(message.en), 'zh-cn': sub(message['zh-cn']) };
}

/** A message in both languages, one line each: for when the language itself is what went wrong. */
export function inBoth(message: Localized): string {
  return `${message.en}\n${message['zh-cn']}\n`;
}
