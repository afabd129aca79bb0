/**
 * Captures one lesson's walk-through on the lab cluster: runs its steps in one session
 * (run-session.ts), checks every exit code against the step files' `#@ fails` marks, and turns the
 * result into the lesson's capture file. A step that needs what this machine lacks (NFS) is not
 * run, and neither is any later step of the lesson, since it builds on it; both keep their
 * commands and the reason. Nothing is written when anything went wrong (CaptureError), so a lesson's
 * previous capture is only ever replaced by a complete, checked one.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fill, type Localized } from '../i18n/lang.ts';
import { CAPTURED_BY, serializeCaptureFile, type CaptureFile, type CapturedCommand, type CapturedStep } from './capture-file.ts';
import { msg } from './messages.ts';
import { runSession, type SessionOptions } from './run-session.ts';
import type { Need, WalkthroughStep } from './step-file.ts';

export interface CaptureContext {
  /** What the machine lacks, need -> evidence (absent when it has it). */
  missing: Partial<Record<Need, string>>;
  cluster: CaptureFile['cluster'];
  session: SessionOptions;
  now?: () => Date;
  /**
   * The command as it runs, from the command as written (lab-names.ts: the node names of a lab
   * cluster not named "course"). The capture keeps each command as written, so it still belongs
   * to its step file; the output is what the mapped command printed. Absent: run as written.
   */
  mapCommand?: (text: string) => string;
}

export class CaptureError extends Error {
  constructor(
    readonly localized: Localized,
    /** Output to show under the message (the failing command's). */
    readonly output = '',
  ) {
    super(localized.en);
    this.name = 'CaptureError';
  }
}

/** Why a step that needs something this machine lacks is not run ({evidence} is what showed it). */
const NEED_REASON: Record<Need, Localized> = { nfs: msg.noNfsClient, csi: msg.noCsiDriver };

/** Which steps run, and why the others do not (the first one lacking something, and all after it). */
export function planSteps(steps: WalkthroughStep[], missing: CaptureContext['missing']): { run: WalkthroughStep[]; skipped: { step: WalkthroughStep; reason: Localized }[] } {
  const firstBlocked = steps.findIndex((s) => s.needs.some((n) => missing[n] !== undefined));
  if (firstBlocked < 0) return { run: steps, skipped: [] };
  const blocker = steps[firstBlocked];
  const need = blocker.needs.find((n) => missing[n] !== undefined)!;
  const own = fill(NEED_REASON[need], { evidence: missing[need]! });
  return {
    run: steps.slice(0, firstBlocked),
    skipped: steps.slice(firstBlocked).map((step) => ({
      step,
      reason: step === blocker || step.needs.some((n) => missing[n] !== undefined) ? own : fill(msg.afterSkippedStep, { step: blocker.id }),
    })),
  };
}

/** Exit codes that contradict the step files, as errors (the first one). */
export function checkExitCodes(steps: WalkthroughStep[], results: { step: string; commands: CapturedCommand[] }[]): CaptureError | undefined {
  for (const [i, step] of steps.entries()) {
    for (const [j, command] of step.commands.entries()) {
      const got = results[i].commands[j];
      const params = { file: step.file, line: String(command.line), command: command.text.split('\n')[0], code: String(got.exitCode) };
      if (got.exitCode !== 0 && !command.expectFailure) return new CaptureError(fill(msg.unexpectedFailure, params), got.output);
      if (got.exitCode === 0 && command.expectFailure) return new CaptureError(fill(msg.unexpectedSuccess, params), got.output);
    }
  }
  return undefined;
}

/** Runs and checks a lesson's walk-through; resolves to its capture (not yet written). */
export async function captureLesson(folder: string, steps: WalkthroughStep[], ctx: CaptureContext): Promise<CaptureFile> {
  const { run, skipped } = planSteps(steps, ctx.missing);
  const map = ctx.mapCommand;
  const mapped = map ? run.map((step) => ({ ...step, commands: step.commands.map((c) => ({ ...c, text: map(c.text) })) })) : run;
  const ran = mapped.length > 0 ? await runSession(mapped, ctx.session) : [];
  const results = ran.map((r, i) => ({ step: r.step, commands: r.commands.map((c, j) => ({ ...c, command: run[i].commands[j].text })) }));
  const problem = checkExitCodes(run, results);
  if (problem) throw problem;
  const captured: CapturedStep[] = results.map((r) => ({ step: r.step, status: 'captured', commands: r.commands }));
  const notCaptured: CapturedStep[] = skipped.map(({ step, reason }) => ({ step: step.id, status: 'not-captured', commands: step.commands.map((c) => c.text), reason }));
  return {
    lesson: folder,
    capturedBy: CAPTURED_BY,
    capturedAt: (ctx.now?.() ?? new Date()).toISOString(),
    cluster: ctx.cluster,
    steps: [...captured, ...notCaptured],
  };
}

/** Writes a capture into dir atomically (a reader sees the old file or the whole new one). */
export function writeCapture(dir: string, capture: CaptureFile, name = 'captured.json'): string {
  const target = join(dir, name);
  const partial = `${target}.partial`;
  writeFileSync(partial, serializeCaptureFile(capture));
  renameSync(partial, target);
  return target;
}
