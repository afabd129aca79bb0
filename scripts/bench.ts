#!/usr/bin/env -S npx tsx
/**
 * `npm run bench`: measures the grader and the site in one run, prints a table with the targets
 * next to the figures and writes the figures to bench/results.json (with a timestamp, the Node
 * version and machine info) so runs can be compared. All logic is in src/bench/.
 * Options: --lang <en|zh-cn> (default from LANG), --skip-site, --quick (fewer repetitions, a class
 * of 10 instead of 30).
 * Exit code: 0 when every figure it measured is within its target; 1 when one is over its target
 * or failed to measure (a figure that needs something this machine lacks, such as a running course
 * cluster or a test:cluster record, is "not measured" and does not count); 2 on a bad option; 3
 * when the Node.js is too old (the check comes before any import).
 */
import type { Lang } from '../src/i18n/lang.ts';
import { exitUnlessSupportedNode } from './check-node.cjs';

exitUnlessSupportedNode();
const { mkdirSync, writeFileSync } = await import('node:fs');
const { join, relative } = await import('node:path');
const { fileURLToPath } = await import('node:url');
const { detectLang, fill } = await import('../src/i18n/lang.ts');
const { allMetrics, metricStatus, toResultsJson } = await import('../src/bench/report.ts');
const { DEFAULT_BENCH, runBench } = await import('../src/bench/run-bench.ts');
const { renderTable, TABLE_TEXT } = await import('../src/bench/table.ts');

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const known = new Set(['--lang', '--skip-site', '--quick']);
let lang: Lang;
try {
  const i = args.indexOf('--lang');
  lang = detectLang(i >= 0 ? args[i + 1] : undefined, process.env);
  const bad = args.filter((a, k) => a.startsWith('-') && !known.has(a) && args[k - 1] !== '--lang');
  if (bad.length) throw new Error(`unknown option ${bad.join(' ')} (use --lang <en|zh-cn>, --skip-site, --quick)`);
} catch (err) {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}

const quick = args.includes('--quick');
const report = await runBench({
  root: ROOT,
  ...DEFAULT_BENCH,
  ...(quick ? { firstErrorRuns: 2, staticRuns: 3, scenarioPasses: 1, classSize: 10 } : {}),
  skipSite: args.includes('--skip-site'),
  onSection: (title) => process.stderr.write(`… ${title[lang]}\n`),
});

process.stdout.write(renderTable(report, lang));
const file = join(ROOT, 'bench', 'results.json');
mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(file, JSON.stringify(toResultsJson(report), null, 2) + '\n');
process.stdout.write(fill(TABLE_TEXT.written, { file: relative(process.cwd(), file) || file })[lang] + '\n');
process.exitCode = allMetrics(report).some((m) => metricStatus(m) === 'failed' || metricStatus(m) === 'over') ? 1 : 0;
