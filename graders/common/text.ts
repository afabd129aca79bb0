/** Small helpers for the graders' bilingual strings. */
import { fill, type Localized } from '../../src/i18n/lang.ts';

/** A Localized from its English and Chinese text. */
export function t(en: string, zh: string): Localized {
  return { en, 'zh-cn': zh };
}

export { fill };
