/**
 * Test helper: the playground configuration of each lesson, read from the same <Playground>
 * elements the lesson pages use (lessons/<NN-slug>/en.mdx), with the manifests parsed from disk.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from '../../src/model/types.ts';
import type { PlaygroundConfig } from '../../src/playground/scenario.ts';

/** The files={[...]} of the <Playground> element in a lesson's English page. */
export function playgroundFiles(lesson: string): string[] {
  const mdx = readFileSync(join('lessons', lesson, 'en.mdx'), 'utf8');
  const m = /<Playground\s+lesson="([^"]+)"\s+files=\{(\[[^\]]*\])\}/.exec(mdx);
  if (!m || m[1] !== lesson) throw new Error(`lessons/${lesson}/en.mdx has no <Playground lesson="${lesson}" files={[...]} />`);
  return JSON.parse(m[2]) as string[];
}

/** The config a lesson page hands its playground. */
export function lessonConfig(lesson: string): PlaygroundConfig {
  const objects = playgroundFiles(lesson).flatMap((f) =>
    parseAllDocuments(readFileSync(join('lessons', lesson, f), 'utf8'))
      .map((d) => d.toJS() as K8sObject)
      .filter(Boolean),
  );
  return { lesson, objects };
}

/** English UI strings of the playground (keys without their prefix). */
export function englishStrings(): Record<string, string> {
  const all = JSON.parse(readFileSync('src/content/i18n/en.json', 'utf8')) as Record<string, string>;
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('course.playground.')).map(([k, v]) => [k.slice('course.playground.'.length), v]));
}
