/**
 * The status message, the one type actions.ts and render.ts share: actions produce Messages,
 * render turns them into the status line. It lives in its own module so that render.ts does not
 * import actions.ts (actions.ts imports render.ts's shortPath; the other way would be a cycle).
 */
import type { Localized } from '../model/types.ts';

/** One status message: a key under course.playground. and its {placeholder} values. */
export interface Message {
  key: string;
  /** Values for the placeholders; a Localized value is shown in the page's language. */
  params?: Record<string, string | number | Localized>;
}
