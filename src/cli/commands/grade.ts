/**
 * `npm run grade <lesson>` / `--all`: picks the lessons and the back end, runs each exercise
 * through the runner with live progress and Ctrl-C handling, then writes every chosen report.
 * No grading logic lives here: it turns a GradeRequest into runner calls and a RunResult.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fill } from '../../i18n/lang.ts';
import type { Cluster, ClusterInfo } from '../../grader/cluster/cluster.ts';
import { displayFile } from '../../grader/report/format.ts';
import { writeReports } from '../../grader/report/index.ts';
import { runExitCode, type ExerciseResult, type RunResult } from '../../grader/report/model.ts';
import { createProgress } from '../../grader/report/progress.ts';
import { withTimingLines } from '../../grader/report/timing.ts';
import type { LessonInfo } from '../deps.ts';
import type { GradeRequest } from '../grade-options.ts';
import { cliMsg } from '../messages.ts';
import { interruptedResult, missingSubmissionResult } from '../placeholder-results.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandContext } from './context.ts';
import { gradeClassCommand } from './grade-class.ts';
import { abortOnInterrupt, fallbackInfo, loadGraders, select } from './grade-common.ts';

async function pickLessons(req: GradeRequest, ctx: CommandContext): Promise<LessonInfo[]> {
  if (!req.all) return [await ctx.deps.resolveLesson(req.lesson!)];
  const all = await ctx.deps.listLessons();
  const graded = all.filter((l) => l.graded);
  const ungraded = all.filter((l) => !l.graded).map((l) => l.id);
  if (ungraded.length) ctx.io.stderr.write(ctx.colors.dim(fill(cliMsg.notGradedSkipped, { ids: ungraded.join(', ') })[ctx.lang]) + '\n');
  if (graded.length === 0) throw new UsageError(cliMsg.noGradedLessons);
  return graded;
}

/** Runs the grade command; resolves to the process exit code. */
export async function gradeCommand(req: GradeRequest, ctx: CommandContext): Promise<number> {
  if (req.classDir !== undefined) return gradeClassCommand(req, ctx);
  const { io, deps, lang, colors: c } = ctx;
  const started = Date.now();
  const lessons = await pickLessons(req, ctx);
  const graders = await loadGraders(lessons, ctx);
  if (!graders) return 3;
  const trace = req.trace ? (line: string) => void io.stderr.write(c.dim(line) + '\n') : undefined;
  const sel = await select(req, ctx, trace);

  const dirs = new Map(lessons.map((l) => [l.id, resolve(io.cwd, req.dir ?? join('exercises', l.id))]));
  const progress = req.reporters.includes('terminal')
    ? createProgress({
        stream: io.stderr as NodeJS.WritableStream,
        lang,
        colors: c,
        interactive: io.isTTY,
        cwd: io.cwd,
        submissionDirOf: (id) => dirs.get(id) ?? io.cwd,
      })
    : undefined;
  const { controller, off } = abortOnInterrupt(ctx, progress);

  /** The last cluster made; its info is read after the run (a lazy back end knows it only once loaded). */
  let made: Cluster | undefined;
  const exercises: ExerciseResult[] = [];
  try {
    for (const lesson of lessons) {
      const grader = graders.get(lesson.id)!;
      const dir = dirs.get(lesson.id)!;
      if (controller.signal.aborted) {
        exercises.push(interruptedResult(lesson, grader, dir));
      } else if (!existsSync(dir)) {
        exercises.push(missingSubmissionResult(lesson, grader, dir, displayFile(dir, dir, io.cwd)));
      } else {
        const runId = deps.runId(lesson.id);
        exercises.push(
          await deps.runExercise({
            id: lesson.id,
            lesson: lesson.folder,
            title: lesson.title,
            grader,
            submissionDir: dir,
            cluster: () => (made = sel.factory(runId)),
            signal: controller.signal,
            events: trace ? withTimingLines(progress, trace, lang) : progress,
            stepTimeoutMs: req.timeoutMs,
            keep: req.keep,
          }),
        );
      }
    }
  } finally {
    progress?.stop();
  }
  try {
    const done = { cluster: made?.info ?? fallbackInfo(sel), exercises, started, shown: progress?.shown };
    return await report(req, ctx, lessons, done, controller.signal);
  } finally {
    off();
  }
}

/**
 * Writes the reports and chooses the exit code. Once Ctrl-C was pressed (during grading, cleanup
 * or the reports themselves) the code is 130 whatever the verdict; the reports say what was done.
 */
async function report(
  req: GradeRequest,
  ctx: CommandContext,
  lessons: LessonInfo[],
  done: { cluster: ClusterInfo; exercises: ExerciseResult[]; started: number; shown?: Map<string, Set<string>> },
  interrupted: AbortSignal,
): Promise<number> {
  const { io, lang, colors: c } = ctx;
  const { exercises, started } = done;
  const run: RunResult = {
    cluster: done.cluster,
    exercises,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
  };
  const outcome = await writeReports(run, req.reporters, {
    lang,
    cwd: io.cwd,
    outDir: req.outDir,
    env: io.env,
    stdout: io.stdout,
    colors: c,
    shown: done.shown,
    next: req.all ? undefined : await nextLesson(lessons[0]!, ctx),
  });
  for (const { reporter, error } of outcome.errors) {
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr.write(c.red(fill(cliMsg.reportFailed, { reporter, reason })[lang]) + '\n');
  }
  if (interrupted.aborted) return 130;
  const code = runExitCode(run);
  // A run that passed but could not leave its reports must not look green in CI.
  return code === 0 && outcome.errors.length > 0 ? 3 : code;
}

async function nextLesson(current: LessonInfo, ctx: CommandContext): Promise<string | null | undefined> {
  try {
    const later = (await ctx.deps.listLessons()).filter((l) => l.number > current.number && l.graded);
    return later[0]?.id ?? null;
  } catch {
    return undefined;
  }
}
