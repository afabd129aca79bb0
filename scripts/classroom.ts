#!/usr/bin/env -S npx tsx
/**
 * `npm run classroom`: a thin entry point for src/classroom/main.ts. Without a command it generates
 * a GitHub Classroom student repository (`--out <dir>`); `verify` and `result` are the steps the
 * generated workflow runs from the course checkout. The Node.js check comes before any import.
 */
import { exitUnlessSupportedNode } from './check-node.cjs';

exitUnlessSupportedNode();
const { runClassroom } = await import('../src/classroom/main.ts');

process.exitCode = await runClassroom(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY && process.stderr.isTTY),
});
