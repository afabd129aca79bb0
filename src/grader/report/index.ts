/**
 * The reporters and the one place that dispatches on their names. Every reporter renders the
 * same RunResult; a failing reporter (unwritable folder) does not stop the others.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { Lang } from '../../i18n/lang.ts';
import type { Colors } from './check-lines.ts';
import { writeGithub } from './github.ts';
import { renderResultsJson } from './json.ts';
import { renderJunit } from './junit.ts';
import type { RunResult } from './model.ts';
import { renderTerminal } from './terminal.ts';

export const REPORTERS = ['terminal', 'json', 'junit', 'github'] as const;
export type ReporterName = (typeof REPORTERS)[number];

/** File names inside the output folder. */
export const REPORT_FILES = { json: 'results.json', junit: 'junit.xml' } as const;

export interface ReportContext {
  lang: Lang;
  cwd: string;
  /** Folder for results.json and junit.xml (relative to cwd or absolute). */
  outDir: string;
  env: Record<string, string | undefined>;
  /** Terminal report and GitHub workflow commands go here. */
  stdout: { write(text: string): unknown };
  colors: Colors;
  /** Checks the live progress already printed, per exercise id. */
  shown?: ReadonlyMap<string, ReadonlySet<string>>;
  /** The lesson after a single graded one (see TerminalOptions.next). */
  next?: string | null;
}

export interface ReportOutcome {
  /** Files written or appended to, relative to cwd where possible. */
  files: string[];
  errors: { reporter: ReporterName; error: unknown }[];
}

const shortPath = (cwd: string, file: string) => {
  const rel = relative(cwd, file);
  return (rel && !rel.startsWith('..') ? rel : file).split(sep).join('/');
};

/** Renders the run with each named reporter (files first, terminal last so it can list them). */
export async function writeReports(run: RunResult, reporters: readonly ReporterName[], ctx: ReportContext): Promise<ReportOutcome> {
  const outcome: ReportOutcome = { files: [], errors: [] };
  const outDir = resolve(ctx.cwd, ctx.outDir);
  const reportFiles: string[] = [];
  const order: ReporterName[] = ['json', 'junit', 'github', 'terminal'];
  for (const name of order) {
    if (!reporters.includes(name)) continue;
    try {
      switch (name) {
        case 'json':
        case 'junit': {
          await mkdir(outDir, { recursive: true });
          const file = resolve(outDir, REPORT_FILES[name]);
          const text = name === 'json' ? renderResultsJson(run, ctx.lang, ctx.cwd) : renderJunit(run, ctx.lang, ctx.cwd);
          await writeFile(file, text, 'utf8');
          reportFiles.push(shortPath(ctx.cwd, file));
          outcome.files.push(shortPath(ctx.cwd, file));
          break;
        }
        case 'github':
          outcome.files.push(...(await writeGithub(run, ctx.lang, ctx.cwd, ctx)).map((f) => shortPath(ctx.cwd, f)));
          break;
        case 'terminal':
          ctx.stdout.write(
            renderTerminal(run, {
              lang: ctx.lang,
              cwd: ctx.cwd,
              colors: ctx.colors,
              shown: ctx.shown,
              next: ctx.next,
              files: reportFiles,
            }),
          );
          break;
      }
    } catch (error) {
      outcome.errors.push({ reporter: name, error });
    }
  }
  return outcome;
}
