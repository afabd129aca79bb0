/**
 * One step of a lesson's walk-through: lessons/<lesson>/walkthrough/<NN-name>.sh, the commands a
 * student types for one part of "See it yourself", shown on both language pages and run, exactly
 * as written, by `npm run walkthroughs:capture`.
 *
 * Contract of the file:
 * - Each command is one line, or several joined by a trailing backslash. Blank lines separate
 *   nothing; they are kept in what the page shows.
 * - Lines starting with `#@` are directives for the capture, never shown to students:
 *     `#@ needs: nfs`  (before the first command) the step needs an NFS client in the node kernel;
 *     `#@ needs: csi`  (likewise) the step uses the course's CSI driver, which the capture then
 *                      installs on the lab cluster (as `npm run lab:csi` does for a student);
 *     `#@ fails`       the next command is meant to exit non-zero (the capture refuses any other
 *                      non-zero exit, so a typo in a lesson cannot be captured as its output).
 * - Ordinary `#` comments are refused: the file is shared by both languages, so explanations belong
 *   in the lesson text, where each language has its own.
 * Errors carry file:line and both languages (WalkthroughFileError).
 */
import { fill, type Localized } from '../i18n/lang.ts';
import { msg } from './messages.ts';

/** Host capabilities a step may need. */
export const NEEDS = ['nfs', 'csi'] as const;
export type Need = (typeof NEEDS)[number];

export interface StepCommand {
  /** The command as written (continuation lines included, joined by "\n"). */
  text: string;
  /** 1-based line of the command's first line in the file. */
  line: number;
  /** True when a `#@ fails` directive precedes it. */
  expectFailure: boolean;
}

export interface WalkthroughStep {
  /** The file name without .sh, e.g. "02-restart". */
  id: string;
  /** The file, relative to the repository root, for messages. */
  file: string;
  /** What the page shows: the file without its directive lines and without trailing blank lines. */
  display: string;
  commands: StepCommand[];
  needs: Need[];
}

export class WalkthroughFileError extends Error {
  constructor(readonly localized: Localized) {
    super(localized.en);
    this.name = 'WalkthroughFileError';
  }
}

export const STEP_FILE_PATTERN = /^(\d{2}-[a-z0-9-]+)\.sh$/;

function fail(message: Localized, file: string, line: number, extra: Record<string, string> = {}): never {
  const where = `${file}:${line}`;
  throw new WalkthroughFileError(fill({ en: `${where}: ${message.en}`, 'zh-cn': `${where}：${message['zh-cn']}` }, extra));
}

/** Parses a step file's text; file is its path relative to the repository root. */
export function parseStepFile(text: string, file: string): WalkthroughStep {
  const name = file.split('/').pop() ?? file;
  const match = STEP_FILE_PATTERN.exec(name);
  if (!match) fail(msg.badStepName, file, 1, { name });
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const commands: StepCommand[] = [];
  const needs: Need[] = [];
  const shown: string[] = [];
  let pendingFailure = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const lineNo = i + 1;
    const trimmed = line.trim();
    if (trimmed.startsWith('#@')) {
      const directive = trimmed.slice(2).trim();
      const needsMatch = /^needs:\s*(\S+)$/.exec(directive);
      if (directive === 'fails') {
        pendingFailure = true;
      } else if (needsMatch) {
        if (commands.length > 0) fail(msg.needsAfterCommand, file, lineNo);
        const need = needsMatch[1] as Need;
        if (!NEEDS.includes(need)) fail(msg.unknownNeed, file, lineNo, { need: needsMatch[1], known: NEEDS.join(', ') });
        needs.push(need);
      } else {
        fail(msg.unknownDirective, file, lineNo, { directive });
      }
      continue;
    }
    if (trimmed.startsWith('#')) fail(msg.plainComment, file, lineNo);
    if (trimmed === '') {
      shown.push(line);
      continue;
    }
    const start = i;
    const parts = [line];
    while (/\\$/.test(lines[i]) && i + 1 < lines.length) {
      i++;
      parts.push(lines[i]);
    }
    if (/\\$/.test(lines[i])) fail(msg.danglingContinuation, file, i + 1);
    shown.push(...parts);
    commands.push({ text: parts.join('\n'), line: start + 1, expectFailure: pendingFailure });
    pendingFailure = false;
  }
  if (pendingFailure) fail(msg.failsWithoutCommand, file, lines.length);
  if (commands.length === 0) fail(msg.noCommands, file, 1);
  while (shown.length > 0 && shown.at(-1)!.trim() === '') shown.pop();
  while (shown.length > 0 && shown[0].trim() === '') shown.shift();
  return { id: match![1], file, display: `${shown.join('\n')}\n`, commands, needs };
}
