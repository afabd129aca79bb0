#!/usr/bin/env -S npx tsx
/**
 * `npm run walkthroughs:capture`: a thin entry point over src/walkthrough/main.ts. Ctrl-C stops
 * the running command and deletes the lab cluster before exiting (130). The Node.js check comes
 * before any import.
 */
import { exitUnlessSupportedNode } from './check-node.cjs';

exitUnlessSupportedNode();
const { resolve } = await import('node:path');
const { main } = await import('../src/walkthrough/main.ts');

const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
process.once('SIGTERM', () => controller.abort(new Error('terminated')));

process.exitCode = await main(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
  root: resolve(import.meta.dirname, '..'),
  signal: controller.signal,
});
