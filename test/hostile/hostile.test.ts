/**
 * The hostile corpus through the real CLI: every case in test/hostile/cases/ and every generated
 * one, in English and in Chinese, as `grade <lesson> --dir <case> --cluster model --lang <l>
 * --reporter terminal,json --out <tmp>`, run in-process by worker processes (batch.ts: the CLI's
 * `run`, exactly what scripts/grade.ts calls) with a wall-clock limit per run; a run that overruns
 * has its worker killed. For each run: no crash text (stack frames, JS error names, the grader's
 * "internal error" sentences), no hang, the expected exit code, the expected fragment in the
 * chosen language, and a results.json in that language. (test/faults/ spawns scripts/grade.ts
 * itself, one process per run.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliMsg } from '../../src/cli/messages.ts';
import { MSG } from '../../src/grader/run/messages.ts';
import { LANGS, type Lang } from '../../src/i18n/lang.ts';
import { runBatch } from './batch.ts';
import { caseArgs, DEFAULT_LIMIT_S, folderCases, jsonStrings, type HostileCase } from './corpus.ts';
import { generatedCases } from './generated.ts';
import { crashMarks, type CliRun } from './run-cli.ts';

const CASES: HostileCase[] = [...folderCases(), ...generatedCases()];
const TMP = mkdtempSync(join(tmpdir(), 'hostile-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const RUNS = CASES.flatMap((c) => LANGS.map((lang) => ({ c, lang, id: `${c.name}/${lang}`, want: `exit ${c.exit}`, out: join(TMP, 'out', `${c.name}-${lang}`) })));
let results = new Map<string, CliRun>();

beforeAll(async () => {
  const jobs = RUNS.map(({ c, lang, id, out }) => ({ id, args: caseArgs(c, c.prepare(join(TMP, lang)), lang, out), limitMs: (c.limitSeconds ?? DEFAULT_LIMIT_S) * 1000 }));
  results = await runBatch(jobs);
}, 600_000);

/** Sentences the grader prints only when it itself went wrong, in both languages. */
const BUG_SENTENCES: string[] = [
  ...[cliMsg.internalError, MSG.unexpected, MSG.staticCrashed].flatMap((m) => [m.en, m['zh-cn']]),
  'this is a bug in the grader',
  '这是评分程序的缺陷',
];

/** Every complaint about one run, as text (empty when the run behaved). */
function complaints(c: HostileCase, lang: Lang, run: CliRun, out: string): string[] {
  const found: string[] = [];
  if (run.timedOut) found.push(`still running after ${c.limitSeconds ?? DEFAULT_LIMIT_S} s (killed)`);
  if (run.code !== c.exit) found.push(`exit ${run.code ?? run.signal}, expected ${c.exit}`);
  const output = `${run.stdout}\n${run.stderr}`;
  for (const mark of crashMarks(output)) found.push(`crash text on stdout/stderr: ${mark}`);
  for (const s of BUG_SENTENCES) if (output.includes(s)) found.push(`grader-bug sentence in the output: "${s}"`);
  const file = join(out, 'results.json');
  let report = '';
  if (!existsSync(file)) found.push('no results.json written');
  else {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { lang?: string };
    if (json.lang !== lang) found.push(`results.json has lang ${json.lang}, expected ${lang}`);
    report = jsonStrings(json);
    for (const mark of crashMarks(report)) found.push(`crash text in results.json: ${mark}`);
    for (const s of BUG_SENTENCES) if (report.includes(s)) found.push(`grader-bug sentence in results.json: "${s}"`);
  }
  const wanted = c.expect[lang];
  if (!output.includes(wanted) && !report.includes(wanted)) found.push(`the ${lang} fragment "${wanted}" is in neither the output nor results.json`);
  return found;
}

describe('hostile submissions through the real CLI', () => {
  it('has at least 40 cases, covering every lesson, with distinct names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.lesson))).toEqual(new Set(['lesson-1', 'lesson-2', 'lesson-3', 'lesson-4', 'lesson-5', 'lesson-6', 'lesson-7']));
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(RUNS)('$id: $want', ({ c, lang, id, out }) => {
    const run = results.get(id);
    expect(run, `${id} never ran`).toBeDefined();
    const problems = complaints(c, lang, run!, out);
    const context = problems.length ? `\n--- stdout ---\n${run!.stdout.slice(0, 3000)}\n--- stderr ---\n${run!.stderr.slice(0, 3000)}` : '';
    expect(problems, `${id}: ${c.why} (${run!.ms} ms)${c.bug ? ` [known: ${c.bug}]` : ''}${context}`).toEqual([]);
  });
});
