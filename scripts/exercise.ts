#!/usr/bin/env -S npx tsx
/**
 * `npm run exercise lesson-N`: a thin entry point for src/cli/exercise-main.ts (copies the
 * lesson's starter files into exercises/lesson-N/, never overwriting). The Node.js check comes
 * before any import.
 */
import { exitUnlessSupportedNode } from './check-node.cjs';

exitUnlessSupportedNode();
const { runExerciseCli } = await import('../src/cli/exercise-main.ts');

process.exitCode = await runExerciseCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY && process.stderr.isTTY),
});
