/**
 * The exercise command line: `runExerciseCli(argv, io)` parses `<lesson> [--lang] [--help]` and
 * copies the lesson's starter files (commands/exercise.ts). Resolves to the exit code.
 */
import { CommanderError } from 'commander';
import { fill } from '../i18n/lang.ts';
import { colorEnabled, palette } from '../grader/report/check-lines.ts';
import { exerciseCommand } from './commands/exercise.ts';
import { defaultDeps, type CliDeps } from './deps.ts';
import { languageOf, parser, usageFromCommander, type OptionSpec } from './grade-options.ts';
import { exerciseHelp } from './help.ts';
import type { CliIo } from './io.ts';
import { printInternalError, printUsageError } from './main.ts';
import { cliMsg } from './messages.ts';
import { UsageError } from './usage-error.ts';

export const EXERCISE_OPTIONS: OptionSpec[] = [
  { flags: '--lang <en|zh-cn>', description: { en: 'language of the messages (default: from LC_ALL / LANG)', 'zh-cn': '提示信息的语言（默认：根据 LC_ALL / LANG）' } },
  { flags: '-h, --help', description: { en: 'show this help', 'zh-cn': '显示本帮助' } },
];

/** Runs `exercise` with the given arguments; resolves to the exit code (0 done, 2 usage). */
export async function runExerciseCli(argv: string[], io: CliIo, deps: CliDeps = defaultDeps()): Promise<number> {
  const colors = palette(colorEnabled(io.env, io.isTTY));
  const { lang, bad } = languageOf(argv, io.env);
  try {
    if (bad !== undefined) throw new UsageError(fill(cliMsg.badLang, { value: bad }), true);
    const program = parser('exercise', EXERCISE_OPTIONS);
    try {
      program.parse(argv, { from: 'user' });
    } catch (err) {
      if (err instanceof CommanderError) throw usageFromCommander(err);
      throw err;
    }
    if (program.opts().help) {
      io.stdout.write(exerciseHelp(EXERCISE_OPTIONS, lang));
      return 0;
    }
    const [input, ...rest] = program.args;
    if (rest.length) throw new UsageError(fill(cliMsg.tooManyArgs, { args: program.args.join(' ') }));
    if (!input) throw new UsageError(cliMsg.needExerciseLesson);
    const lesson = await deps.resolveLesson(input);
    return await exerciseCommand(lesson, { io, deps, lang, colors });
  } catch (err) {
    if (err instanceof UsageError) {
      printUsageError(err, lang, io, colors, cliMsg.seeExerciseHelp);
      return 2;
    }
    printInternalError(err, lang, io, colors);
    return 3;
  }
}
