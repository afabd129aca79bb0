/**
 * The grade command line: `run(argv, io)` parses, dispatches to one command and resolves to the
 * exit code (0 all passed, 1 a check failed, 2 usage or a submission that was unreadable, invalid
 * or refused, 3 cluster or tooling, 130 Ctrl-C). It never calls process.exit itself (except on a
 * second Ctrl-C, through deps.exitNow) and prints each error once.
 */
import type { Lang } from '../i18n/lang.ts';
import { colorEnabled, palette, type Colors } from '../grader/report/check-lines.ts';
import { deleteClusterCommand } from './commands/delete-cluster.ts';
import { gradeCommand } from './commands/grade.ts';
import { listCommand } from './commands/list.ts';
import { defaultDeps, type CliDeps } from './deps.ts';
import { GRADE_OPTIONS, languageOf, parseGradeArgs } from './grade-options.ts';
import { gradeHelp } from './help.ts';
import type { CliIo } from './io.ts';
import { cliMsg } from './messages.ts';
import { UsageError } from './usage-error.ts';

/** Prints a usage error (in both languages when the language itself was not understood). */
export function printUsageError(err: UsageError, lang: Lang, io: CliIo, c: Colors, seeHelp = cliMsg.seeHelp): void {
  const langs: Lang[] = err.bothLanguages ? ['en', 'zh-cn'] : [lang];
  for (const l of langs) io.stderr.write(`${c.red(cliMsg.error[l])}${err.reason[l]}\n${c.dim(seeHelp[l])}\n`);
}

/** Prints an unexpected error with its stack: a bug in the grader, not the student's fault. */
export function printInternalError(err: unknown, lang: Lang, io: CliIo, c: Colors): void {
  io.stderr.write(c.red(cliMsg.internalError[lang]) + '\n' + (err instanceof Error ? (err.stack ?? err.message) : String(err)) + '\n');
}

/** Runs `grade` with the given arguments (without node and script); resolves to the exit code. */
export async function run(argv: string[], io: CliIo, deps: CliDeps = defaultDeps()): Promise<number> {
  const colors = palette(colorEnabled(io.env, io.isTTY));
  let lang = languageOf(argv, io.env).lang;
  try {
    const req = parseGradeArgs(argv, io.env);
    lang = req.lang;
    const ctx = { io, deps, lang, colors };
    switch (req.action) {
      case 'help':
        io.stdout.write(gradeHelp(GRADE_OPTIONS, lang));
        return 0;
      case 'list':
        return await listCommand(ctx);
      case 'delete-cluster':
        return await deleteClusterCommand(req.trace, ctx);
      case 'grade':
        return await gradeCommand(req, ctx);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      printUsageError(err, lang, io, colors);
      return 2;
    }
    printInternalError(err, lang, io, colors);
    return 3;
  }
}
