/** What every command gets: the injected io and dependencies, the chosen language and colours. */
import type { Lang } from '../../i18n/lang.ts';
import type { Colors } from '../../grader/report/check-lines.ts';
import type { CliDeps } from '../deps.ts';
import type { CliIo } from '../io.ts';

export interface CommandContext {
  io: CliIo;
  deps: CliDeps;
  lang: Lang;
  colors: Colors;
}
