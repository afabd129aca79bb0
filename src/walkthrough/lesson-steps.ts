/**
 * A lesson's walk-through on disk: the step files lessons/<folder>/walkthrough/NN-name.sh, in name
 * order (the order the capture runs them and the pages show them), and its capture file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPTURE_FILE } from './capture-file.ts';
import { parseStepFile, type WalkthroughStep } from './step-file.ts';

export const WALKTHROUGH_DIR = 'walkthrough';

/** Repository-relative folder of a lesson's walk-through, e.g. "lessons/01-emptydir/walkthrough". */
export function walkthroughDir(folder: string): string {
  return `lessons/${folder}/${WALKTHROUGH_DIR}`;
}

/** Repository-relative path of a lesson's capture file. */
export function captureFilePath(folder: string): string {
  return `${walkthroughDir(folder)}/${CAPTURE_FILE}`;
}

/** The parsed steps of a lesson (none when it has no walk-through folder). Throws WalkthroughFileError. */
export function loadLessonSteps(root: string, folder: string): WalkthroughStep[] {
  const dir = join(root, walkthroughDir(folder));
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sh'))
    .sort()
    .map((name) => parseStepFile(readFileSync(join(dir, name), 'utf8'), `${walkthroughDir(folder)}/${name}`));
}
