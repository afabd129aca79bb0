/**
 * The classroom command line: `runClassroom(argv, io)` dispatches to generate (the default),
 * verify or result and resolves to the exit code: 0 done, 1 verify found a difference, 2 bad usage
 * or refused output folder, 3 an unexpected error. It never calls process.exit.
 */
import { readFileSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fill, type Lang } from '../i18n/lang.ts';
import { colorEnabled, palette, type Colors } from '../grader/report/check-lines.ts';
import type { CliIo } from '../cli/io.ts';
import { printInternalError, printUsageError } from '../cli/main.ts';
import { UsageError } from '../cli/usage-error.ts';
import { parseAssignment } from './assignment.ts';
import { generate } from './generate.ts';
import { verifyRepository } from './integrity.ts';
import { classroomMsg as M } from './messages.ts';
import { classroomHelp, messageLang, parseClassroomArgs, type GenerateRequest, type ResultRequest, type VerifyRequest } from './options.ts';
import { collectResults, outputLines } from './result.ts';
import { resultSummary, verifyText } from './summary.ts';
import { WriteRefusedError } from './write.ts';

/** The course this code belongs to: src/classroom/ -> ../../ */
export const CLASSROOM_COURSE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const SEE_HELP = { en: 'See `npm run classroom -- --help`.', 'zh-cn': '参见 `npm run classroom -- --help`。' };

/** A path as the user should see it: relative to cwd when it is below it, else absolute. */
function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return !rel ? '.' : rel.startsWith('..') ? path : rel;
}

function refusal(err: WriteRefusedError, cwd: string): UsageError {
  const r = err.refusal;
  if (r.kind === 'not-empty') return new UsageError(fill(M.notEmpty, { dir: shown(cwd, r.dir), entries: r.entries.join(', ') }));
  if (r.kind === 'not-a-directory') return new UsageError(fill(M.notDirectory, { dir: shown(cwd, r.dir) }));
  return new UsageError(fill(M.escapes, { path: r.path }));
}

async function runGenerate(req: GenerateRequest, io: CliIo, lang: Lang, c: Colors, root: string): Promise<number> {
  let outcome;
  try {
    outcome = await generate(req, root, io.cwd);
  } catch (err) {
    if (err instanceof WriteRefusedError) throw refusal(err, io.cwd);
    throw err;
  }
  const { assignment: a } = outcome;
  for (const w of outcome.warnings) io.stderr.write(c.yellow(`⚠  ${w[lang]}`) + '\n');
  io.stdout.write(
    [
      c.green(fill(M.generated, { lessons: a.lessons.join(', '), dir: shown(io.cwd, outcome.outDir), count: outcome.files.length })[lang]),
      fill(M.courseAt, { repo: a.course.repository, ref: a.course.ref, source: a.course.source })[lang],
      ...outcome.files.filter((f) => !f.startsWith('exercises/')).map((f) => `  ${f}`),
      `  exercises/ (${a.lessons.map((l) => `${l}/`).join(' ')})`,
      '',
      M.nextSteps[lang],
      '',
    ].join('\n'),
  );
  return 0;
}

async function runVerify(req: VerifyRequest, io: CliIo, lang: Lang, root: string): Promise<number> {
  let expected;
  if (req.expect) {
    try {
      expected = parseAssignment(readFileSync(resolve(io.cwd, req.expect), 'utf8'));
    } catch (err) {
      throw new UsageError({ en: `--expect ${req.expect}: ${(err as Error).message}`, 'zh-cn': `--expect ${req.expect}：${(err as Error).message}` });
    }
  }
  const report = await verifyRepository(resolve(io.cwd, req.repo), root, expected);
  if (req.out) {
    const out = resolve(io.cwd, req.out);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify(report, null, 2) + '\n', 'utf8');
  }
  io.stdout.write(verifyText(report, lang));
  return report.ok ? 0 : 1;
}

async function runResult(req: ResultRequest, io: CliIo, lang: Lang): Promise<number> {
  const results = collectResults({
    lessons: req.lessons,
    reportsDir: resolve(io.cwd, req.reports),
    integrityFile: resolve(io.cwd, req.integrity),
    lang,
    backend: req.backend,
  });
  const summary = resultSummary(results, lang);
  if (io.env.GITHUB_OUTPUT) await appendFile(io.env.GITHUB_OUTPUT, outputLines(results), 'utf8');
  if (io.env.GITHUB_STEP_SUMMARY) await appendFile(io.env.GITHUB_STEP_SUMMARY, summary, 'utf8');
  io.stdout.write(summary);
  return 0;
}

/** Runs a classroom command with the given arguments (without node and script); resolves to the exit code. */
export async function runClassroom(argv: string[], io: CliIo, root: string = CLASSROOM_COURSE_ROOT): Promise<number> {
  const c = palette(colorEnabled(io.env, io.isTTY));
  let lang = messageLang(argv, io.env).lang;
  try {
    const req = parseClassroomArgs(argv, io.env);
    lang = req.lang;
    switch (req.command) {
      case 'help':
        io.stdout.write(classroomHelp(req.of, lang));
        return 0;
      case 'generate':
        return await runGenerate(req, io, lang, c, root);
      case 'verify':
        return await runVerify(req, io, lang, root);
      case 'result':
        return await runResult(req, io, lang);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      printUsageError(err, lang, io, c, SEE_HELP);
      return 2;
    }
    printInternalError(err, lang, io, c);
    return 3;
  }
}
