/**
 * The hostile corpus: bad submissions and what the grader must answer to each. Two sources:
 * folders under test/hostile/cases/<name>/ (case.yaml + submission/), and cases generated at test
 * time into a temp folder (huge, binary, special files: see generated.ts). Both give the same
 * HostileCase shape, so the test treats them alike.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Lang } from '../../src/i18n/lang.ts';

export const CASES_DIR = resolve(import.meta.dirname, 'cases');

/** What a case expects; case.yaml holds exactly these fields. */
export const ExpectationSchema = z
  .object({
    /** The lesson graded: lesson-1 .. lesson-6. */
    lesson: z.string().regex(/^lesson-[1-7]$/),
    /** One line: what is hostile or broken about this submission. */
    why: z.string().min(10),
    /** The exit code the CLI must end with. */
    exit: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
    /** A fragment the output (terminal or results.json) must contain, per language. */
    expect: z.object({ en: z.string().min(3), 'zh-cn': z.string().min(2) }).strict(),
    /** Extra CLI arguments; `--cluster model` is added unless they name a cluster. */
    args: z.array(z.string()).default([]),
    /** Wall-clock limit for one run in seconds (default DEFAULT_LIMIT_S). */
    limitSeconds: z.number().positive().max(120).optional(),
    /** While a grader bug makes this case fail: where it was reported. Remove once fixed. */
    bug: z.string().optional(),
  })
  .strict();

export type Expectation = z.infer<typeof ExpectationSchema>;

export interface HostileCase extends Expectation {
  name: string;
  /**
   * Returns the folder passed to --dir. Folder cases return their submission/ folder;
   * generated cases build theirs under `tmp` first.
   */
  prepare(tmp: string): string;
}

/** Per-run limit when a case names none (in-process, modules already loaded: runs take well under 1 s). */
export const DEFAULT_LIMIT_S = 10;

/** Reads every test/hostile/cases/<name>/case.yaml; throws with the file name on a bad one. */
export function folderCases(dir: string = CASES_DIR): HostileCase[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const file = join(dir, name, 'case.yaml');
      let expectation: Expectation;
      try {
        expectation = ExpectationSchema.parse(parse(readFileSync(file, 'utf8')));
      } catch (err) {
        throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
      const submission = join(dir, name, 'submission');
      if (!existsSync(submission)) throw new Error(`${join(dir, name)}: no submission/ folder`);
      return { name, ...expectation, prepare: () => submission };
    });
}

/** The CLI arguments for one run of a case. */
export function caseArgs(c: HostileCase, dir: string, lang: Lang, out: string): string[] {
  const cluster = c.args.includes('--cluster') ? [] : ['--cluster', 'model'];
  return [c.lesson, '--dir', dir, ...cluster, ...c.args, '--lang', lang, '--reporter', 'terminal,json', '--out', out];
}

/** Every string inside a parsed JSON value, joined by newlines (to look for message fragments). */
export function jsonStrings(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out.join('\n');
}
