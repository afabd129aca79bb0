/** Loading the demonstrations: every demos/<id>.ts default-exports a Demo whose id is <id>. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Demo } from './define.ts';

/** The demo files under root/demos (top level only), sorted by name. */
export function demoFiles(root: string): string[] {
  return readdirSync(join(root, 'demos'))
    .filter((f) => /^[a-z0-9-]+\.ts$/.test(f))
    .sort()
    .map((f) => join(root, 'demos', f));
}

/** Imports every demo; throws naming the file when one does not export a demo with its own id. */
export async function loadDemos(root: string): Promise<Demo[]> {
  const out: Demo[] = [];
  for (const file of demoFiles(root)) {
    const demo = ((await import(pathToFileURL(file).href)) as { default?: Demo }).default;
    const id = file.slice(file.lastIndexOf('/') + 1, -3);
    if (!demo || demo.id !== id || !Array.isArray(demo.steps)) throw new Error(`${file} must default-export defineDemo({ id: '${id}', ... })`);
    out.push(demo);
  }
  return out;
}
