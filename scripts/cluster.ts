#!/usr/bin/env -S npx tsx
/**
 * `npm run cluster:up` / `cluster:down` / `cluster:env`: a thin entry point over
 * src/local-cluster/main.ts. The Node.js check comes before any import.
 */
import { exitUnlessSupportedNode } from './check-node.cjs';

exitUnlessSupportedNode();
const { resolve } = await import('node:path');
const { main } = await import('../src/local-cluster/main.ts');

process.exitCode = await main(process.argv.slice(2), {
  out: process.stdout,
  err: process.stderr,
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
  root: resolve(import.meta.dirname, '..'),
});
