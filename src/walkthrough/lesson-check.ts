/**
 * The rule behind "no typed output": a lesson page shows command output only through
 * <Walkthrough>, that is only from its capture, and the capture fits the step files as they are
 * now. checkLesson lists every breach for one lesson folder, each as "file:line: what", in English
 * (it is a test and build-time check for course authors; the capture's own messages are bilingual).
 *
 * What it refuses:
 * - a fenced block in a lesson page in any language but sh and yaml (text, console, output, ... :
 *   typed output);
 * - an sh block in the "See it yourself" section ({#observe}) other than the lab cluster's own set-up
 *   command, since its output could not be shown from a capture;
 * - <Walkthrough> tags that do not name each step file of the lesson exactly once, in file order,
 *   in both languages;
 * - a missing, unreadable or stale capture (see transcript.ts), steps out of order, exit codes that
 *   contradict `#@ fails`, a step left uncaptured though neither it nor an earlier step needs
 *   something, and a capture made on another kind or Kubernetes version than cluster/versions.env pins;
 * - a quotation in the text of "See it yourself" ("…" in en, “…” in zh-cn, outside code spans) that
 *   no captured output of the lesson contains: there, quotation marks mean "this is what it prints".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Versions } from '../local-cluster/versions.ts';
import { CaptureFileError, parseCaptureFile, type CaptureFile } from './capture-file.ts';
import { LAB_CONFIG } from './lab-cluster.ts';
import { captureFilePath, loadLessonSteps } from './lesson-steps.ts';
import { WalkthroughFileError, type WalkthroughStep } from './step-file.ts';
import { matchCapture } from './transcript.ts';

export const PAGE_LANGS = ['en', 'zh-cn'] as const;
/** Fence languages a lesson may use: commands and manifests, never output. */
export const ALLOWED_FENCES = ['sh', 'yaml'];
/** The one command the "See it yourself" section may show outside a step: the capture runs it itself. */
export const LAB_SETUP_COMMAND = `kind create cluster --config ${LAB_CONFIG}`;

interface Fence {
  lang: string;
  line: number;
  body: string[];
  inObserve: boolean;
}

/** Fenced blocks of an MDX page, with their 1-based opening line and whether they sit in {#observe}. */
export function fences(mdx: string): Fence[] {
  const lines = mdx.split('\n');
  const out: Fence[] = [];
  let inObserve = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^## /.test(lines[i])) inObserve = /\{#observe\}\s*$/.test(lines[i]);
    const open = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith(open[1]); i++) body.push(lines[i]);
    out.push({ lang: open[2], line: start + 1, body, inObserve });
  }
  return out;
}

/** Quotations in the prose of {#observe}: "…" (en) or “…” (zh-cn), outside fences and code spans. */
export function observeQuotes(mdx: string, lang: string): { text: string; line: number }[] {
  const lines = mdx.split('\n');
  const fenced = new Set(fences(mdx).flatMap((f) => Array.from({ length: f.body.length + 2 }, (_, i) => f.line + i)));
  let inObserve = false;
  // The section's prose, line for line, with everything that is not prose blanked out.
  const prose = lines.map((line, i) => {
    if (/^## /.test(line)) inObserve = /\{#observe\}\s*$/.test(line);
    if (!inObserve || fenced.has(i + 1) || /^\s*</.test(line)) return '';
    return line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
  });
  const text = prose.join('\n');
  const pattern = lang === 'zh-cn' ? /“([^”]+)”/g : /"([^"]+)"/g;
  return [...text.matchAll(pattern)].map((m) => ({ text: m[1].replace(/\s+/g, ' ').trim(), line: text.slice(0, m.index).split('\n').length }));
}

/** <Walkthrough lesson="…" step="…" /> tags of a page, in order, with their lines. */
export function walkthroughTags(mdx: string): { lesson: string; step: string; line: number }[] {
  return mdx.split('\n').flatMap((text, i) => [...text.matchAll(/<Walkthrough\s+lesson="([^"]*)"\s+step="([^"]*)"\s*\/>/g)].map((m) => ({ lesson: m[1], step: m[2], line: i + 1 })));
}

function checkPage(folder: string, lang: string, mdx: string, steps: WalkthroughStep[]): string[] {
  const file = `lessons/${folder}/${lang}.mdx`;
  const problems: string[] = [];
  for (const f of fences(mdx)) {
    if (!ALLOWED_FENCES.includes(f.lang)) {
      problems.push(`${file}:${f.line}: a \`\`\`${f.lang || '(no language)'} block is typed output; show output with <Walkthrough> from a capture`);
    } else if (f.lang === 'sh' && f.inObserve && f.body.join('\n').trim() !== LAB_SETUP_COMMAND) {
      problems.push(`${file}:${f.line}: commands in "See it yourself" belong in lessons/${folder}/walkthrough/NN-name.sh, shown with <Walkthrough>, so their output is captured`);
    }
  }
  const tags = walkthroughTags(mdx);
  for (const tag of tags) {
    if (tag.lesson !== folder) problems.push(`${file}:${tag.line}: <Walkthrough lesson="${tag.lesson}"> in lesson ${folder}`);
    else if (!steps.some((s) => s.id === tag.step)) problems.push(`${file}:${tag.line}: <Walkthrough step="${tag.step}">: there is no lessons/${folder}/walkthrough/${tag.step}.sh`);
  }
  const shown = tags.map((t) => t.step).join(', ');
  const want = steps.map((s) => s.id).join(', ');
  if (problems.length === 0 && shown !== want) problems.push(`${file}: shows the steps [${shown}], but the walk-through has [${want}] (each once, in file order)`);
  return problems;
}

/** Quotations of the pages that no captured output of the lesson contains (whitespace folded). */
function checkQuotes(root: string, folder: string, capture: CaptureFile): string[] {
  const fold = (t: string) => t.replace(/\s+/g, ' ');
  const outputs = capture.steps.flatMap((s) => (s.status === 'captured' ? s.commands.map((c) => fold(c.output)) : []));
  const problems: string[] = [];
  for (const lang of PAGE_LANGS) {
    const page = join(root, 'lessons', folder, `${lang}.mdx`);
    if (!existsSync(page)) continue;
    for (const q of observeQuotes(readFileSync(page, 'utf8'), lang)) {
      if (!outputs.some((o) => o.includes(q.text))) problems.push(`lessons/${folder}/${lang}.mdx:${q.line}: quotes "${q.text}", which no captured output of the lesson contains`);
    }
  }
  return problems;
}

function checkCapture(folder: string, steps: WalkthroughStep[], capture: CaptureFile, file: string, pins: Pick<Versions, 'KIND_VERSION' | 'KUBERNETES_VERSION'>): string[] {
  const problems: string[] = [];
  if (capture.lesson !== folder) problems.push(`${file}: says lesson "${capture.lesson}"`);
  if (capture.cluster.kindConfig !== LAB_CONFIG) problems.push(`${file}: captured on ${capture.cluster.kindConfig}, not ${LAB_CONFIG}`);
  if (capture.cluster.kubernetesVersion !== pins.KUBERNETES_VERSION || capture.cluster.kindVersion !== pins.KIND_VERSION) {
    problems.push(
      `${file}: captured with kind ${capture.cluster.kindVersion} and Kubernetes ${capture.cluster.kubernetesVersion}, but cluster/versions.env pins kind ${pins.KIND_VERSION} and Kubernetes ${pins.KUBERNETES_VERSION}; capture it again`,
    );
  }
  const order = capture.steps.map((s) => s.step).join(', ');
  if (order !== steps.map((s) => s.id).join(', ')) problems.push(`${file}: holds the steps [${order}], not [${steps.map((s) => s.id).join(', ')}]; capture it again`);
  let needed = false;
  for (const step of steps) {
    needed ||= step.needs.length > 0;
    const m = matchCapture(folder, step, capture, file);
    if ('problem' in m) {
      problems.push(m.problem.en);
      continue;
    }
    const c = m.captured;
    if (c.status === 'not-captured') {
      if (!needed) problems.push(`${step.file}: not captured ("${c.reason.en}"), though neither it nor an earlier step says "#@ needs:"`);
      continue;
    }
    for (const [i, command] of step.commands.entries()) {
      const code = c.commands[i].exitCode;
      if ((code !== 0) !== command.expectFailure) {
        problems.push(`${step.file}:${command.line}: captured with exit code ${code}, but the step ${command.expectFailure ? 'says "#@ fails"' : 'does not say "#@ fails"'}`);
      }
    }
  }
  return problems;
}

/** Every breach of the rule above in lesson folder (an empty list when it holds). */
export function checkLesson(root: string, folder: string, pins: Pick<Versions, 'KIND_VERSION' | 'KUBERNETES_VERSION'>): string[] {
  let steps: WalkthroughStep[];
  try {
    steps = loadLessonSteps(root, folder);
  } catch (err) {
    if (err instanceof WalkthroughFileError) return [err.localized.en];
    throw err;
  }
  const problems: string[] = [];
  for (const lang of PAGE_LANGS) {
    const page = join(root, 'lessons', folder, `${lang}.mdx`);
    if (existsSync(page)) problems.push(...checkPage(folder, lang, readFileSync(page, 'utf8'), steps));
  }
  if (steps.length === 0) return problems;
  const file = captureFilePath(folder);
  if (!existsSync(join(root, file))) return [...problems, `${file}: missing; run \`npm run walkthroughs:capture -- ${folder}\` on a machine with the cluster`];
  try {
    const capture = parseCaptureFile(readFileSync(join(root, file), 'utf8'), file);
    problems.push(...checkCapture(folder, steps, capture, file, pins), ...checkQuotes(root, folder, capture));
  } catch (err) {
    if (err instanceof CaptureFileError) return [...problems, err.localized.en];
    throw err;
  }
  return problems;
}
