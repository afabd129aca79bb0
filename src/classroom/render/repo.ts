/**
 * The whole student repository as a map of relative path -> bytes, from an assignment and the
 * course checkout. The protected part (workflow, package.json, .classroom/*) is a pure function of
 * the assignment and the course at its ref: renderProtected() is what the integrity check compares
 * against. The rest (README, .gitignore, starter files) is the student's to change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSIGNMENT_FILE, renderAssignment, type Assignment } from '../assignment.ts';
import { courseLessons, graderDependencies, lessonChecks, readCoursePackage, type ClassroomLesson } from '../course.ts';
import { LAUNCHER_FILE, LAUNCHER_TSCONFIG_FILE, PACKAGE_FILE, renderPackageJson } from './package-json.ts';
import { README_FILE, renderReadme } from './readme.ts';
import { renderWorkflow, WORKFLOW_FILE } from './workflow.ts';

/** Folders in which every file is generated: anything else found there is an integrity failure. */
export const GUARDED_DIRS = ['.github', '.classroom'];
/** The course's templates for the student repository. */
export const TEMPLATE_DIR = 'templates/classroom';

export type FileMap = Map<string, Buffer>;

/** The assignment's lessons as the course at `root` has them; throws naming lessons it cannot hand out. */
export function assignedLessons(root: string, a: Assignment): ClassroomLesson[] {
  const all = courseLessons(root);
  return a.lessons.map((id) => {
    const found = all.find((l) => l.lesson.id === id);
    if (!found) throw new Error(`${id} is not a lesson of the course at ${root}`);
    if (!found.info) throw new Error(found.problem!.en);
    return found.info;
  });
}

/** The protected files, rendered from the course at `root` for this assignment. */
export function renderProtected(root: string, a: Assignment, lessons: ClassroomLesson[] = assignedLessons(root, a)): FileMap {
  const deps = graderDependencies(root);
  const engines = readCoursePackage(root).engines?.node ?? '>=22.12.0';
  const titles = Object.fromEntries(lessons.map((l) => [l.id, l.title.en]));
  return new Map([
    [WORKFLOW_FILE, Buffer.from(renderWorkflow(a, deps, titles))],
    [PACKAGE_FILE, Buffer.from(renderPackageJson(a, deps, engines))],
    [ASSIGNMENT_FILE, Buffer.from(renderAssignment(a))],
    [LAUNCHER_FILE, readFileSync(join(root, TEMPLATE_DIR, 'grade.ts'))],
    [LAUNCHER_TSCONFIG_FILE, readFileSync(join(root, TEMPLATE_DIR, 'tsconfig.grader.json'))],
  ]);
}

/** Every file of the student repository (protected files, README, .gitignore, starter files). */
export async function renderRepository(root: string, a: Assignment): Promise<FileMap> {
  const lessons = assignedLessons(root, a);
  const files = renderProtected(root, a, lessons);
  const readmeLessons = [];
  for (const lesson of lessons) readmeLessons.push({ lesson, checks: await lessonChecks(root, lesson.folder) });
  files.set(README_FILE, Buffer.from(renderReadme(a, readmeLessons)));
  files.set('.gitignore', readFileSync(join(root, TEMPLATE_DIR, 'gitignore')));
  for (const lesson of lessons) {
    for (const f of lesson.starter) files.set(`exercises/${lesson.id}/${f.path}`, f.content);
  }
  return files;
}
