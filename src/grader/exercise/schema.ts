/**
 * The contract of lessons/<NN-slug>/exercise.yaml, version 1. One zod schema; authors write
 * ExerciseInput, the grader and the site get Exercise (defaults filled in). Rules that need the
 * file system (id matches the folder, starter files exist) live in load.ts.
 */
import { z } from 'zod';

/** The schema version this code reads and writes. Bump it, and migrate, when the shape changes. */
export const EXERCISE_SCHEMA_VERSION = 1;

/** A user-facing text in both languages; neither may be blank. */
export const LocalizedTextSchema = z.strictObject({
  en: z.string().trim().min(1),
  'zh-cn': z.string().trim().min(1),
});

/** Same as LocalizedTextSchema, but each language must fit on one line. */
const OneLineSchema = LocalizedTextSchema.superRefine((text, ctx) => {
  for (const lang of ['en', 'zh-cn'] as const) {
    if (/[\r\n]/.test(text[lang])) ctx.addIssue({ code: 'custom', path: [lang], message: 'exercise.oneLine' });
  }
});

/** A starter manifest's file name: no folders, ends in .yaml or .yml. */
const StarterFileSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/, { message: 'exercise.fileName' });

export const ExerciseSchema = z
  .strictObject({
    schemaVersion: z.literal(EXERCISE_SCHEMA_VERSION),
    id: z.string().regex(/^lesson-[1-9]\d*$/, { message: 'exercise.idFormat' }),
    title: OneLineSchema,
    summary: OneLineSchema,
    task: LocalizedTextSchema,
    files: z.array(StarterFileSchema).min(1),
    hints: z.array(LocalizedTextSchema).default([]),
    minutes: z.number().int().min(1).max(240),
  })
  .superRefine((ex, ctx) => {
    ex.files.forEach((file, i) => {
      if (ex.files.indexOf(file) !== i) ctx.addIssue({ code: 'custom', path: ['files', i], message: 'exercise.duplicateFile' });
    });
  });

/** What an author writes in exercise.yaml. */
export type ExerciseInput = z.input<typeof ExerciseSchema>;
/** What the grader, the CLI and the site get after parsing (defaults applied). */
export type Exercise = z.output<typeof ExerciseSchema>;

/** The top-level field names, for "did you mean" suggestions. */
export const EXERCISE_FIELDS = Object.keys(ExerciseSchema.shape) as (keyof Exercise)[];

/** The JSON Schema of exercise.yaml (for editors and a committed schemas/exercise.schema.json). */
export function exerciseJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ExerciseSchema, { io: 'input' }) as Record<string, unknown>;
}
