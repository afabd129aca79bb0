/**
 * Data checks: write a fresh random token into a file in a container, read it back, and assert
 * that it is (or is no longer) there. A token is new on every call, so pre-baked files never pass.
 */
import { posix } from 'node:path';
import { fill, type Localized } from '../../i18n/lang.ts';
import { ExecError } from '../cluster/cluster.ts';
import type { StepContext } from '../define.ts';
import { SMSG } from './messages.ts';
import type { WaitOptions } from './pods.ts';

/** Where a file lives: pod, container, absolute path. */
export interface FileRef {
  pod: string;
  container: string;
  path: string;
}

/** How long expectToken keeps re-reading before it fails (cluster time), unless told otherwise. */
export const TOKEN_VISIBLE_WITHIN_MS = 10_000;

/** Writes a fresh token to path in the container and returns it. Fails the step if it cannot. */
export async function writeToken(ctx: StepContext, pod: string, container: string, path: string): Promise<string> {
  const token = ctx.token();
  try {
    await ctx.cluster.writeFile(pod, container, path, token);
  } catch (err) {
    if (!(err instanceof ExecError)) throw err;
    ctx.fail(fill(SMSG.writeFailed, { pod, container, path, dir: posix.dirname(path) }), err.message);
  }
  return token;
}

/** Reads a file in a container: its text, or undefined if it does not exist. Fails the step if the container cannot be reached. */
export async function readFileIn(ctx: StepContext, pod: string, container: string, path: string): Promise<string | undefined> {
  try {
    return await ctx.cluster.readFile(pod, container, path);
  } catch (err) {
    if (!(err instanceof ExecError)) throw err;
    ctx.fail(fill(SMSG.readFailed, { pod, container, path }), err.message);
  }
}

function shown(content: string | undefined): string {
  if (content === undefined) return 'the file does not exist';
  const text = content.trim();
  return text === '' ? 'the file is empty' : `the file holds "${text.length > 200 ? `${text.slice(0, 200)}...` : text}"`;
}

/**
 * Passes once the file's trimmed content equals token (re-reads for up to 10 s, for shared file
 * systems); otherwise fails with `failure` (default: "does not hold the token") and what it read.
 */
export async function expectToken(
  ctx: StepContext,
  file: FileRef,
  token: string,
  opts: WaitOptions & { failure?: Localized } = {},
): Promise<void> {
  await ctx.until(
    async (observe) => {
      const content = await readFileIn(ctx, file.pod, file.container, file.path);
      observe(`${file.path} in ${file.pod}/${file.container}: ${shown(content)}; expected "${token}"`);
      return content?.trim() === token ? true : undefined;
    },
    opts.failure ?? fill(SMSG.tokenMissing, { ...file }),
    { timeoutMs: TOKEN_VISIBLE_WITHIN_MS, ...opts },
  );
}

/** Fails with `failure` (default: "still holds the token") if the file contains token; reads once. */
export async function expectNoToken(ctx: StepContext, file: FileRef, token: string, opts: { failure?: Localized } = {}): Promise<void> {
  const content = await readFileIn(ctx, file.pod, file.container, file.path);
  if (content?.includes(token)) {
    ctx.fail(opts.failure ?? fill(SMSG.tokenPresent, { ...file }), `${file.path} in ${file.pod}/${file.container}: ${shown(content)}`);
  }
}
