#!/usr/bin/env -S npx tsx
/**
 * `npm run new-lesson <slug>`: a thin entry point for src/site/new-lesson.ts (scaffolds
 * lessons/<NN-slug>/ and graders/<NN-slug>.ts with the next number; refuses an existing or
 * invalid slug with a message in both languages, exit 2). The Node.js check comes before any import.
 */
import { exitUnlessSupportedNode } from './check-node.cjs';

exitUnlessSupportedNode();
const { newLessonMain } = await import('../src/site/new-lesson.ts');

process.exitCode = newLessonMain(
  process.argv.slice(2),
  process.cwd(),
  (line) => console.log(line),
  (line) => console.error(line),
);
