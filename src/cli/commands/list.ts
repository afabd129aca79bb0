/** `npm run grade -- --list`: the lessons with their exercise titles in the chosen language. */
import { cliMsg } from '../messages.ts';
import type { CommandContext } from './context.ts';

/** Prints the lesson list to stdout; always exit 0. */
export async function listCommand(ctx: CommandContext): Promise<number> {
  const { io, lang, colors: c } = ctx;
  const lessons = await ctx.deps.listLessons();
  const idWidth = Math.max(0, ...lessons.map((l) => l.id.length)) + 2;
  const folderWidth = Math.max(0, ...lessons.map((l) => l.folder.length)) + 2;
  const lines = [cliMsg.listHeader[lang]];
  for (const l of lessons) {
    const title = l.graded ? l.title[lang] : c.dim(cliMsg.listNotGraded[lang]);
    lines.push(`  ${c.bold(l.id.padEnd(idWidth))}${c.dim(l.folder.padEnd(folderWidth))}${title}`);
  }
  lines.push('', cliMsg.listFooter[lang]);
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}
