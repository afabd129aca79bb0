/**
 * What a lesson page shows for one walk-through step, and the check that the capture belongs to
 * the step as it is written now. The page never shows output that is not in the capture, and it
 * refuses (build error, test failure) a capture whose commands differ from the step file's.
 */
import { fill, type Localized } from '../i18n/lang.ts';
import { msg } from './messages.ts';
import type { CaptureFile, CapturedStep } from './capture-file.ts';
import { stepCommands } from './capture-file.ts';
import type { WalkthroughStep } from './step-file.ts';


/** The captured step for a step file, or why there is none that fits (missing or stale). */
export function matchCapture(lesson: string, step: WalkthroughStep, capture: CaptureFile | undefined, captureFile: string): { captured: CapturedStep } | { problem: Localized } {
  const found = capture?.steps.find((s) => s.step === step.id);
  const base = { file: step.file, step: step.id, capture: captureFile, lesson };
  if (!found) return { problem: fill(msg.captureMissing, base) };
  const then = stepCommands(found);
  if (then.length !== step.commands.length) return { problem: fill(msg.captureCount, { ...base, now: step.commands.length, then: then.length }) };
  for (const [i, command] of step.commands.entries()) {
    if (command.text !== then[i]) return { problem: fill(msg.captureChanged, { ...base, line: command.line, captured: then[i].split('\n')[0] }) };
  }
  return { captured: found };
}

/** Tabs as a terminal shows them: up to the next multiple of eight columns. */
export function expandTabs(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
      return out;
    })
    .join('\n');
}

/**
 * A captured step as a terminal session: each command after "$ " (its continuation lines as
 * written), then what it printed (tabs expanded as a terminal would, see expandTabs), then, when
 * it failed, a "# exit code N" line in the page's language (exitLabel gives the text after "# ").
 */
export function transcript(step: Extract<CapturedStep, { status: 'captured' }>, exitLabel: (code: number) => string): string {
  const lines: string[] = [];
  for (const c of step.commands) {
    lines.push(`$ ${c.command}`);
    if (c.output !== '') lines.push(expandTabs(c.output.replace(/\n$/, '')));
    if (c.exitCode !== 0) lines.push(`# ${exitLabel(c.exitCode)}`);
  }
  return `${lines.join('\n')}\n`;
}
