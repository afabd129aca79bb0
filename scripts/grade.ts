#!/usr/bin/env -S npx tsx
/**
 * `npm run grade`: a thin entry point. All behaviour is in src/cli/main.ts; this file only wires
 * the real process in and sets the exit code. It checks the Node.js version before it imports
 * anything (scripts/check-node.cjs), so an older Node gets a line in both languages, not a stack trace.
 */
import { exitUnlessSupportedNode } from './check-node.cjs';

exitUnlessSupportedNode();
const { run } = await import('../src/cli/main.ts');

const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY && process.stderr.isTTY),
});
process.exitCode = code;
// Never a hang: if a stray handle (a child process, a socket) keeps the loop alive after the run
// and its clean-up have finished, leave anyway. unref() lets a clean exit happen sooner.
setTimeout(() => process.exit(code), 5000).unref();
