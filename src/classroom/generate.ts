/**
 * `npm run classroom -- --out <dir>`: turns a GenerateRequest into an Assignment (choosing the
 * defaults from the course checkout: its GitHub repository and current commit, every lesson that
 * can be graded), renders the repository and writes it. Warnings (uncommitted course changes, a
 * local course source) are returned, not printed, so the caller decides how to show them.
 */
import { isAbsolute, resolve } from 'node:path';
import { fill, type Localized } from '../i18n/lang.ts';
import { resolveLesson, UnknownLessonError, listLessons } from '../grader/lessons.ts';
import { UsageError } from '../cli/usage-error.ts';
import { ASSIGNMENT_SCHEMA_VERSION, AssignmentSchema, githubSource, type Assignment } from './assignment.ts';
import { courseLessons, readCourseGit, readCoursePackage, repositoryFromPackage, type CourseGit } from './course.ts';
import { classroomMsg as M } from './messages.ts';
import type { GenerateRequest } from './options.ts';
import { ACTIONS, parsePinOverride } from './pins.ts';
import { renderRepository } from './render/repo.ts';
import { writeRepository } from './write.ts';
import { isLocalSource } from '../../templates/classroom/grade.ts';

/** Node.js major version of the CI job. */
export const CI_NODE_MAJOR = '24';

export interface GenerateOutcome {
  assignment: Assignment;
  outDir: string;
  files: string[];
  warnings: Localized[];
}

/** The lesson ids to hand out: the ones asked for (any form resolveLesson accepts), else every ready lesson. */
export function chooseLessons(root: string, asked: string[] | undefined): string[] {
  const all = courseLessons(root);
  if (!asked) {
    const ready = all.filter((l) => l.info).map((l) => l.lesson.id);
    if (ready.length === 0) throw new UsageError(M.noLessons);
    return ready;
  }
  const ids: string[] = [];
  for (const input of asked) {
    let id: string;
    try {
      id = resolveLesson(root, input).id;
    } catch (err) {
      if (err instanceof UnknownLessonError) throw new UsageError(fill(M.badLessons, { value: input, all: listLessons(root).map((l) => l.id).join(', ') }));
      throw err;
    }
    if (ids.includes(id)) throw new UsageError(fill(M.duplicateLesson, { id }));
    const entry = all.find((l) => l.lesson.id === id)!;
    if (!entry.info) throw new UsageError({ en: fill(M.lessonNotReady, { id, reason: entry.problem!.en }).en, 'zh-cn': fill(M.lessonNotReady, { id, reason: entry.problem!['zh-cn'] })['zh-cn'] });
    ids.push(id);
  }
  return ids.sort((x, y) => Number(x.split('-')[1]) - Number(y.split('-')[1]));
}

function pinOverrides(pins: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const text of pins) {
    const parsed = parsePinOverride(text);
    if ('error' in parsed) {
      const why = parsed.error === 'form' ? M.pinForm : parsed.error === 'unknown' ? M.pinUnknown : M.pinUnpinned;
      const actions = Object.values(ACTIONS).join(', ');
      throw new UsageError({ en: fill(M.badPin, { value: text, why: why.en, actions }).en, 'zh-cn': fill(M.badPin, { value: text, why: why['zh-cn'], actions })['zh-cn'] });
    }
    out[ACTIONS[parsed.key]] = parsed.pin.ref;
  }
  return out;
}

/** Builds the assignment for a request against the course at `root`; throws UsageError for bad input. */
export function buildAssignment(req: GenerateRequest, root: string, git: CourseGit, cwd: string): { assignment: Assignment; warnings: Localized[] } {
  const warnings: Localized[] = [];
  const repository = req.courseRepo ?? repositoryFromPackage(readCoursePackage(root).repository) ?? git.githubRepository;
  if (!repository) throw new UsageError(M.needRepo);
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) throw new UsageError(fill(M.badRepo, { value: repository }));
  const ref = req.courseRef ?? git.head;
  if (!ref) throw new UsageError(M.needRef);
  if (!/^[A-Za-z0-9._/-]+$/.test(ref)) throw new UsageError(fill(M.badRef, { value: ref }));
  if (!req.courseRef && git.dirty.length) {
    const files = git.dirty.slice(0, 5).join(', ') + (git.dirty.length > 5 ? ', …' : '');
    warnings.push(fill(M.dirtyWarning, { files, ref: ref.slice(0, 12) }));
  }
  let source = req.courseSource ?? githubSource(repository);
  if (req.courseSource && isLocalSource(source)) {
    source = isAbsolute(source) ? source : resolve(cwd, source);
    warnings.push(fill(M.localSourceWarning, { source }));
  }
  const assignment = AssignmentSchema.parse({
    schemaVersion: ASSIGNMENT_SCHEMA_VERSION,
    course: { repository, ref, source },
    lessons: chooseLessons(root, req.lessons),
    gradeLang: req.gradeLang,
    node: CI_NODE_MAJOR,
    pins: pinOverrides(req.pins),
  });
  return { assignment, warnings };
}

/** Generates the student repository for a request; throws UsageError or WriteRefusedError. */
export async function generate(req: GenerateRequest, root: string, cwd: string): Promise<GenerateOutcome> {
  const git = await readCourseGit(root);
  const { assignment, warnings } = buildAssignment(req, root, git, cwd);
  const files = await renderRepository(root, assignment);
  const outDir = resolve(cwd, req.out);
  const written = writeRepository(outDir, files, req.force);
  return { assignment, outDir, files: written, warnings };
}
