/**
 * Cache keys: a short hash of the files a build product is made from, so editing a build script,
 * a pin or the CNI manifest rebuilds exactly what depends on it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** 12 hex characters of sha256 over the named repository files and any extra strings, in order. */
export function contentKey(root: string, files: readonly string[], extra: readonly string[] = []): string {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f}\0`).update(readFileSync(join(root, f))).update('\0');
  for (const e of extra) h.update(`${e}\0`);
  return h.digest('hex').slice(0, 12);
}
