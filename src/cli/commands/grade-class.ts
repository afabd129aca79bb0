/**
 * `npm run grade -- <lesson> --class <folder> [--jobs N]`: grades every student sub-folder of the
 * class folder with the lesson's grader, N at a time, each student in a run of its own (its own
 * run id, so its own namespace and run-scoped names, through the same cluster selection as one
 * lesson). Each student's reports (results.json, junit.xml) go to <out>/<student>/ as soon as
 * that student is done; then <out>/class-summary.csv and the class table.
 *
 * Contract: usage errors (missing or empty class folder, --out inside it, ...) come before
 * anything is graded or written. One student's failure, hang (bounded by the runner's step
 * timeouts) or exception is that student's row and never stops the others. Ctrl-C / SIGTERM:
 * no new student starts, running ones stop and clean up, the rest are "not graded", the files
 * are still written, exit 130. Exit code otherwise: 0 when every student was graded, whatever
 * their scores or however broken their submissions; 3 when the class could not be graded as a
 * whole or in part because of the cluster or tooling (no cluster, a student's cluster error, a
 * grader crash, or the summary could not be written). Students' folders are only read.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fill } from '../../i18n/lang.ts';
import type { Cluster } from '../../grader/cluster/cluster.ts';
import type { Backend } from '../../grader/cluster/select.ts';
import { runPool } from '../../grader/class/pool.ts';
import { createClassProgress } from '../../grader/class/progress.ts';
import { renderClassCsv, studentRow, type GradedStudent } from '../../grader/class/summary.ts';
import { renderClassTable } from '../../grader/class/table.ts';
import type { Grader } from '../../grader/define.ts';
import { writeReports, type ReporterName } from '../../grader/report/index.ts';
import type { ExerciseResult, RunResult } from '../../grader/report/model.ts';
import type { LessonInfo } from '../deps.ts';
import { gateFirstUse } from '../first-prepare-gate.ts';
import type { GradeRequest } from '../grade-options.ts';
import { readRoster, type Student } from '../class-roster.ts';
import { cliMsg } from '../messages.ts';
import { crashedResult, interruptedResult } from '../placeholder-results.ts';
import { UsageError } from '../usage-error.ts';
import type { CommandContext } from './context.ts';
import { abortOnInterrupt, fallbackInfo, loadGraders, select, type Selection } from './grade-common.ts';

/** The class summary's file name inside --out. */
export const CLASS_SUMMARY_FILE = 'class-summary.csv';

/**
 * --jobs when none is given: on kind or current, min(4, CPUs), since each student runs Pods on
 * the one cluster; on the in-process model, min(8, CPUs).
 */
export function defaultJobs(backend: Backend, cpus: number = availableParallelism()): number {
  return Math.max(1, Math.min(backend === 'model' ? 8 : 4, cpus));
}

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + sep);
const shortPath = (cwd: string, file: string) => {
  const rel = relative(cwd, file);
  return (rel && !rel.startsWith('..') ? rel : file).split(sep).join('/');
};

/** Per student: the file reporters only (the class has one terminal table, and no step summary per student). */
function studentReporters(req: GradeRequest): ReporterName[] {
  return req.reporters.filter((r) => r === 'json' || r === 'junit');
}

/** Runs the class; resolves to the exit code (see the module comment). */
export async function gradeClassCommand(req: GradeRequest, ctx: CommandContext): Promise<number> {
  const { io, deps, lang, colors: c } = ctx;
  const started = Date.now();
  const lesson = await deps.resolveLesson(req.lesson!);
  const students = readRoster(req.classDir!, io.cwd);
  const classDir = resolve(io.cwd, req.classDir!);
  const outDir = resolve(io.cwd, req.outDir);
  if (inside(outDir, classDir)) throw new UsageError(fill(cliMsg.outInsideClass, { out: req.outDir, dir: req.classDir! }));

  const graders = await loadGraders([lesson], ctx);
  if (!graders) return 3;
  const grader = graders.get(lesson.id)!;
  const trace = req.trace ? (line: string) => void io.stderr.write(c.dim(line) + '\n') : undefined;
  const sel = await select(req, ctx, trace);
  const jobs = req.jobs ?? defaultJobs(sel.backend);
  const factory = sel.backend === 'model' ? sel.factory : gateFirstUse(sel.factory);

  const terminal = req.reporters.includes('terminal');
  const progress = terminal
    ? createClassProgress({ stream: io.stderr as NodeJS.WritableStream, lang, colors: c, interactive: io.isTTY, count: students.length })
    : undefined;
  const { controller, off } = abortOnInterrupt(ctx, progress);

  let made: Cluster | undefined;
  const reportErrors: string[] = [];
  const writeStudent = async (student: Student, result: ExerciseResult, cluster = made) => {
    const run: RunResult = { cluster: cluster?.info ?? fallbackInfo(sel), exercises: [result], startedAt: result.startedAt, durationMs: result.durationMs };
    const outcome = await writeReports(run, studentReporters(req), { lang, cwd: io.cwd, outDir: join(outDir, student.id), env: io.env, stdout: { write: () => true }, colors: c });
    for (const { reporter, error } of outcome.errors) {
      reportErrors.push(fill(cliMsg.reportFailed, { reporter: `${student.id}/${reporter}`, reason: error instanceof Error ? error.message : String(error) })[lang]);
    }
  };
  const gradeOne = async (student: Student): Promise<ExerciseResult> => {
    progress?.started(student.id);
    let mine: Cluster | undefined;
    let result: ExerciseResult;
    try {
      const runId = deps.runId(lesson.id);
      result = await deps.runExercise({
        id: lesson.id,
        lesson: lesson.folder,
        title: lesson.title,
        grader,
        submissionDir: student.dir,
        cluster: () => (made = mine = factory(runId)),
        signal: controller.signal,
        stepTimeoutMs: req.timeoutMs,
        keep: req.keep,
      });
    } catch (err) {
      result = crashedResult(lesson, grader, student.dir, err instanceof Error ? err.message : String(err));
    }
    progress?.finished(studentRow({ student: student.id, result }));
    await writeStudent(student, result, mine ?? made);
    return result;
  };

  let graded: GradedStudent[];
  try {
    const outcomes = await runPool(students, gradeOne, { limit: jobs, signal: controller.signal });
    graded = await Promise.all(
      outcomes.map(async (o, i) => {
        const student = students[i]!;
        if (o.started && o.ok) return { student: student.id, result: o.value };
        const result = o.started ? crashed(lesson, grader, student, o.error) : interruptedResult(lesson, grader, student.dir);
        await writeStudent(student, result);
        return { student: student.id, result };
      }),
    );
  } finally {
    progress?.stop();
  }

  try {
    return await finish(req, ctx, { graded, sel, made, jobs, started, outDir, reportErrors }, controller.signal);
  } finally {
    off();
  }
}

function crashed(lesson: LessonInfo, grader: Grader, student: Student, error: unknown): ExerciseResult {
  return crashedResult(lesson, grader, student.dir, error instanceof Error ? error.message : String(error));
}

/** Writes class-summary.csv, prints the table and chooses the exit code. */
async function finish(
  req: GradeRequest,
  ctx: CommandContext,
  done: { graded: GradedStudent[]; sel: Selection; made?: Cluster; jobs: number; started: number; outDir: string; reportErrors: string[] },
  interrupted: AbortSignal,
): Promise<number> {
  const { io, lang, colors: c } = ctx;
  const csvFile = join(done.outDir, CLASS_SUMMARY_FILE);
  let csvWritten = true;
  try {
    await mkdir(done.outDir, { recursive: true });
    await writeFile(csvFile, renderClassCsv(done.graded.map(studentRow)), 'utf8');
  } catch (err) {
    csvWritten = false;
    done.reportErrors.push(fill(cliMsg.classSummaryFailed, { file: shortPath(io.cwd, csvFile), reason: err instanceof Error ? err.message : String(err) })[lang]);
  }
  if (req.reporters.includes('terminal')) {
    io.stdout.write(
      renderClassTable(done.graded, {
        lang,
        cwd: io.cwd,
        colors: c,
        cluster: done.made?.info ?? fallbackInfo(done.sel),
        jobs: done.jobs,
        durationMs: Date.now() - done.started,
        files: csvWritten ? { csv: shortPath(io.cwd, csvFile), dir: shortPath(io.cwd, done.outDir) } : undefined,
      }),
    );
  }
  for (const line of done.reportErrors) io.stderr.write(c.red(line) + '\n');
  if (interrupted.aborted) return 130;
  const clusterTrouble = done.sel.unavailable || done.graded.some((g) => g.result.error?.kind === 'cluster');
  return clusterTrouble || done.reportErrors.length > 0 ? 3 : 0;
}
