/**
 * The GitHub Actions reporter: workflow-command annotations on stdout (at most 10 errors, the
 * per-step limit GitHub shows), the Markdown step summary appended to $GITHUB_STEP_SUMMARY, and
 * `result=<base64 Classroom v1 JSON>` appended to $GITHUB_OUTPUT for the Classroom reporter.
 */
import { appendFile } from 'node:fs/promises';
import { fill, type Lang } from '../../i18n/lang.ts';
import { classroomOutputLine } from './classroom.ts';
import { exerciseMessage } from './entries.ts';
import { displayFile } from './format.ts';
import { renderStepSummary } from './github-summary.ts';
import { msg } from './messages.ts';
import type { RunResult } from './model.ts';
import type { SourcePos } from '../cluster/cluster.ts';

/** GitHub shows at most 10 annotations of one type per step. */
export const ANNOTATION_LIMIT = 10;

/** Escapes a workflow command's message: % CR LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as data, plus : and ,. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::cmd k=v,...::message` line; undefined properties are left out. */
export function workflowCommand(
  command: 'error' | 'warning' | 'notice',
  props: Record<string, string | number | undefined>,
  message: string,
): string {
  const list = Object.entries(props)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${command}${list ? ' ' + list : ''}::${escapeData(message)}`;
}

interface Annotation {
  title: string;
  message: string;
  at?: SourcePos;
  dir: string;
}

/** The annotation lines for a run: static failures and problems as errors (<= 10), a model warning. */
export function annotations(run: RunResult, lang: Lang, cwd: string): string[] {
  const found: Annotation[] = [];
  for (const ex of run.exercises) {
    const dir = ex.submissionDir;
    if (ex.error?.kind === 'submission') {
      for (const p of ex.error.problems) found.push({ title: `${ex.id}: ${p.code}`, message: p.message[lang], at: p.at, dir });
    } else if (ex.error?.kind === 'cluster') {
      found.push({ title: ex.id, message: exerciseMessage(ex, lang, cwd) ?? '', dir });
    }
    for (const c of ex.checks) {
      if (c.kind !== 'static' || c.status !== 'failed') continue;
      const text = [c.message?.[lang], c.hint ? `${msg.hint[lang]}${c.hint[lang]}` : undefined].filter(Boolean).join('\n');
      found.push({ title: `${ex.id}: ${c.title[lang]}`, message: text, at: c.at, dir });
    }
  }
  const lines: string[] = [];
  if (run.cluster?.isModel) lines.push(workflowCommand('warning', { title: msg.modelBannerTitle[lang] }, msg.modelBanner[lang]));
  for (const a of found.slice(0, ANNOTATION_LIMIT)) {
    const file = a.at ? displayFile(a.at.file, a.dir, cwd) : undefined;
    lines.push(workflowCommand('error', { file, line: a.at?.line, col: a.at?.col, title: a.title }, a.message));
  }
  if (found.length > ANNOTATION_LIMIT) {
    lines.push(workflowCommand('notice', {}, fill(msg.moreAnnotations, { count: found.length - ANNOTATION_LIMIT })[lang]));
  }
  return lines;
}

export interface GithubIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
}

/** Writes annotations, the step summary and the Classroom output; returns the files it appended to. */
export async function writeGithub(run: RunResult, lang: Lang, cwd: string, io: GithubIo): Promise<string[]> {
  const written: string[] = [];
  for (const line of annotations(run, lang, cwd)) io.stdout.write(line + '\n');
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) {
    await appendFile(summary, renderStepSummary(run, lang, cwd), 'utf8');
    written.push(summary);
  }
  const output = io.env.GITHUB_OUTPUT;
  if (output) {
    await appendFile(output, classroomOutputLine(run, lang, cwd), 'utf8');
    written.push(output);
  }
  return written;
}
