/**
 * A mistake in how the command was called (unknown lesson, bad option value). The CLI prints its
 * message once, in the chosen language, and exits 2.
 */
import type { Localized } from '../i18n/lang.ts';

export class UsageError extends Error {
  constructor(
    readonly reason: Localized,
    /** Print both languages (when the language itself could not be understood). */
    readonly bothLanguages = false,
  ) {
    super(reason.en);
    this.name = 'UsageError';
  }
}
