/**
 * `npm run exercise lesson-N`: copies lessons/<folder>/starter/* into exercises/lesson-N/. A file
 * that already exists is never overwritten (the copy is exclusive, so not even a race can);
 * the command says which files it created and which it kept, then what to do next.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fill } from '../../i18n/lang.ts';
import type { LessonInfo } from '../deps.ts';
import { cliMsg } from '../messages.ts';
import type { CommandContext } from './context.ts';

/** Relative paths of every file under dir. */
async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(join(dir, prefix), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

export interface CopyOutcome {
  created: string[];
  kept: string[];
}

/** Copies every starter file that is not already in target; returns both lists (relative paths). */
export async function copyStarter(starterDir: string, target: string): Promise<CopyOutcome> {
  const outcome: CopyOutcome = { created: [], kept: [] };
  for (const rel of await filesUnder(starterDir)) {
    const dest = join(target, rel);
    await mkdir(resolve(dest, '..'), { recursive: true });
    try {
      await copyFile(join(starterDir, rel), dest, constants.COPYFILE_EXCL);
      outcome.created.push(rel);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      outcome.kept.push(rel);
    }
  }
  return outcome;
}

/** Starts the exercise of one lesson; exit 0, or 2 when the lesson has no starter files. */
export async function exerciseCommand(lesson: LessonInfo, ctx: CommandContext): Promise<number> {
  const { io, lang, colors: c } = ctx;
  const starter = join(lesson.dir, 'starter');
  const shown = (p: string) => relative(io.cwd, p).split('\\').join('/') || '.';
  let files: string[] = [];
  try {
    files = await filesUnder(starter);
  } catch {
    // no starter folder: reported below
  }
  if (files.length === 0) {
    io.stderr.write(c.red(fill(cliMsg.noStarter, { id: lesson.id, dir: shown(starter) })[lang]) + '\n');
    return 2;
  }
  const target = resolve(io.cwd, 'exercises', lesson.id);
  const { created, kept } = await copyStarter(starter, target);
  const lines = [c.bold(fill(cliMsg.exerciseHeader, { id: lesson.id, title: lesson.title[lang] })[lang])];
  for (const f of created) lines.push(`  ${c.green('+')} ${shown(join(target, f))}${c.dim(cliMsg.created[lang])}`);
  for (const f of kept) lines.push(`  ${c.yellow('=')} ${shown(join(target, f))}${c.dim(cliMsg.kept[lang])}`);
  if (created.length === 0) lines.push(cliMsg.exerciseAllKept[lang]);
  lines.push('', fill(cliMsg.exerciseNext, { dir: shown(target) + '/', id: lesson.id })[lang]);
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}
