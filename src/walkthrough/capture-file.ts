/**
 * lessons/<lesson>/walkthrough/captured.json: what `npm run walkthroughs:capture` saw when it ran
 * the lesson's walk-through steps on a real cluster, and the only source of the command output a
 * lesson page shows. Each captured command keeps its text, so a step edited after its capture no
 * longer matches (test/lessons/walkthroughs.test.ts fails until it is captured again). A step that
 * could not run here (lesson 3 has no NFS client) keeps its commands and carries the reason, in
 * both languages, instead of output.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fill } from '../i18n/lang.ts';
import { msg } from './messages.ts';

export const CAPTURED_BY = 'npm run walkthroughs:capture';
export const CAPTURE_FILE = 'captured.json';

const Localized = z.object({ en: z.string().min(1), 'zh-cn': z.string().min(1) }).strict();

export const CapturedCommand = z
  .object({
    command: z.string().min(1),
    exitCode: z.number().int(),
    output: z.string(),
    seconds: z.number().nonnegative(),
  })
  .strict();

export const CapturedStep = z.discriminatedUnion('status', [
  z.object({ step: z.string(), status: z.literal('captured'), commands: z.array(CapturedCommand).min(1) }).strict(),
  z.object({ step: z.string(), status: z.literal('not-captured'), commands: z.array(z.string().min(1)).min(1), reason: Localized }).strict(),
]);

export const CaptureFile = z
  .object({
    lesson: z.string(),
    capturedBy: z.literal(CAPTURED_BY),
    capturedAt: z.iso.datetime(),
    cluster: z
      .object({
        kindConfig: z.string(),
        kindVersion: z.string(),
        kubernetesVersion: z.string(),
        nodeImage: z.string(),
        /** For a lesson with NFS steps: which client the lab's nodes mounted with (nfs-client.ts). */
        nfsClient: z.enum(['kernel', 'fuse']).optional(),
      })
      .strict(),
    steps: z.array(CapturedStep),
  })
  .strict();

export type CapturedCommand = z.infer<typeof CapturedCommand>;
export type CapturedStep = z.infer<typeof CapturedStep>;
export type CaptureFile = z.infer<typeof CaptureFile>;

export class CaptureFileError extends Error {
  constructor(readonly localized: { en: string; 'zh-cn': string }) {
    super(localized.en);
    this.name = 'CaptureFileError';
  }
}

/** Parses a capture's text; file names it in errors. */
export function parseCaptureFile(text: string, file: string): CaptureFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CaptureFileError(fill(msg.badCaptureFile, { file, problem: (err as Error).message }));
  }
  const parsed = CaptureFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CaptureFileError(fill(msg.badCaptureFile, { file, problem: `${issue.path.join('.') || '(root)'}: ${issue.message}` }));
  }
  return parsed.data;
}

export function readCaptureFile(path: string, file: string): CaptureFile {
  return parseCaptureFile(readFileSync(path, 'utf8'), file);
}

/** The text written to disk: stable key order, two-space indent, final newline. */
export function serializeCaptureFile(capture: CaptureFile): string {
  return `${JSON.stringify(CaptureFile.parse(capture), null, 2)}\n`;
}

/** The commands of a captured or not-captured step, as text. */
export function stepCommands(step: CapturedStep): string[] {
  return step.status === 'captured' ? step.commands.map((c) => c.command) : step.commands;
}
