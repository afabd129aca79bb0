/**
 * The results.json contract as a zod schema, written from the field lists of the Exercism
 * test-runner interface v3 and the GitHub Classroom v1 result (reference/kind-and-grading.md §4),
 * not from our code: tests validate the reporter's output against it.
 */
import { z } from 'zod';

const status = z.enum(['pass', 'fail', 'error']);

export const ResultsTestSchema = z.strictObject({
  // Exercism v3
  name: z.string().min(1),
  status,
  message: z.string().nullable(),
  output: z.string().max(500).nullable(),
  test_code: z.string().min(1),
  task_id: z.number().int().positive(),
  // Classroom v1
  score: z.number().min(0),
  max_score: z.number().min(0),
  filename: z.string().nullable(),
  line_no: z.number().int().nullable(),
  duration: z.number().int().min(0),
  timing: z
    .object({ kubectl: z.number().int().min(0), waiting: z.number().int().min(0), sleeping: z.number().int().min(0) })
    .strict()
    .nullable(),
});

export const ResultsSchema = z
  .strictObject({
    version: z.literal(3),
    status,
    message: z.string().max(65535).nullable(),
    tests: z.array(ResultsTestSchema),
    max_score: z.number().min(0),
    score: z.number().min(0),
    schema_version: z.literal(1),
    lesson: z.string(),
    lang: z.enum(['en', 'zh-cn']),
    cluster: z.strictObject({ backend: z.enum(['kind', 'current', 'model']), description: z.string(), is_model: z.boolean() }).nullable(),
    warnings: z.array(z.string()),
    exercises: z.array(
      z.strictObject({
        id: z.string().regex(/^lesson-\d+$/),
        lesson: z.string(),
        task_id: z.number().int(),
        title: z.string(),
        status,
        message: z.string().nullable(),
        score: z.number(),
        max_score: z.number(),
        submission_dir: z.string(),
        error: z
          .strictObject({
            kind: z.enum(['submission', 'cluster', 'interrupted']),
            problems: z
              .array(z.strictObject({ code: z.string(), message: z.string(), filename: z.string().nullable(), line_no: z.number().nullable(), col: z.number().nullable() }))
              .optional(),
          })
          .nullable(),
        notes: z.array(z.string()),
        duration: z.number(),
      }),
    ),
    started_at: z.string(),
    duration: z.number(),
  })
  .superRefine((r, ctx) => {
    // Exercism: a message is required when status is error, and for every failed or errored test.
    if (r.status === 'error' && !r.message) ctx.addIssue({ code: 'custom', message: 'status error needs a message' });
    r.tests.forEach((t, i) => {
      if (t.status !== 'pass' && !t.message) ctx.addIssue({ code: 'custom', path: ['tests', i, 'message'], message: 'fail/error needs a message' });
      if (t.score > t.max_score) ctx.addIssue({ code: 'custom', path: ['tests', i, 'score'], message: 'score above max' });
    });
  });

export type Results = z.infer<typeof ResultsSchema>;

export const ClassroomSchema = z.strictObject({
  version: z.literal(1),
  status,
  max_score: z.number(),
  tests: z.array(
    z.strictObject({
      name: z.string(),
      status,
      score: z.number(),
      message: z.string(),
      test_code: z.string(),
      filename: z.string(),
      line_no: z.number(),
      duration: z.number(),
    }),
  ),
});
