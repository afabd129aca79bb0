/**
 * Reads lessons/<NN-slug>/mistakes/<name>/mistake.yaml: the check a known-wrong answer must fail,
 * the checks that fail with it as a consequence, a fragment its message or hint must contain in
 * each language, and a one-line "why". The submission is mistakes/<name>/submission/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const Text = z.strictObject({ en: z.string().trim().min(1), 'zh-cn': z.string().trim().min(1) });

export const MistakeSchema = z.strictObject({
  fails: z.string().min(1),
  alsoFails: z.array(z.string().min(1)).default([]),
  expect: Text,
  why: Text,
});

export type Mistake = z.output<typeof MistakeSchema> & { name: string; dir: string; submissionDir: string };

/** Every mistake of a lesson folder, sorted by name; throws with the file name when one is malformed. */
export function readMistakes(lessonDir: string): Mistake[] {
  const root = join(lessonDir, 'mistakes');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      const file = join(dir, 'mistake.yaml');
      const parsed = MistakeSchema.safeParse(parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
      return { ...parsed.data, name, dir, submissionDir: join(dir, 'submission') };
    });
}
