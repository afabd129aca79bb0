/**
 * The integrity check: regenerates the protected files of a student repository from the course
 * this code belongs to (in CI: the course at the pinned ref, checked out by the workflow itself)
 * and compares them byte for byte, and lists any file in .github/ or .classroom/ that the
 * generator did not make. With `expected` (an instructor's own assignment.json) the comparison is
 * against the instructor's choices instead of the ones recorded in the student repository.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSIGNMENT_FILE, parseAssignment, type Assignment } from './assignment.ts';
import { readCourseGit } from './course.ts';
import { GUARDED_DIRS, renderProtected } from './render/repo.ts';

export type FileStatus = 'ok' | 'changed' | 'missing' | 'unexpected';

export interface IntegrityFile {
  path: string;
  status: FileStatus;
  /** sha256 of what the course generates (absent for unexpected files). */
  expected?: string;
  /** sha256 of what the repository has (absent for missing files). */
  actual?: string;
}

/** integrity.json, written by `classroom verify --out` and read by `classroom result`. */
export interface IntegrityReport {
  schemaVersion: 1;
  ok: boolean;
  /** Why the check could not compare at all (unreadable assignment.json, unknown lesson). */
  error?: string;
  course?: { repository: string; ref: string; commit?: string };
  lessons: string[];
  files: IntegrityFile[];
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function guardedFiles(repo: string, dir: string): string[] {
  const abs = join(repo, dir);
  if (!existsSync(abs) || !lstatSync(abs).isDirectory()) return existsSync(abs) ? [dir] : [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? guardedFiles(repo, rel) : [rel];
  });
}

function readIfFile(path: string): Buffer | undefined {
  try {
    return lstatSync(path).isFile() ? readFileSync(path) : Buffer.from(`(not a regular file)`);
  } catch {
    return undefined;
  }
}

/** Compares a repository's protected files with what the course at `courseRoot` generates for its assignment. */
export async function verifyRepository(repo: string, courseRoot: string, expected?: Assignment): Promise<IntegrityReport> {
  let assignment: Assignment;
  try {
    assignment = expected ?? parseAssignment(readFileSync(join(repo, ASSIGNMENT_FILE), 'utf8'));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file is missing' : (err as Error).message;
    return { schemaVersion: 1, ok: false, error: `${ASSIGNMENT_FILE}: ${reason}`, lessons: [], files: [] };
  }
  const git = await readCourseGit(courseRoot);
  const course = { repository: assignment.course.repository, ref: assignment.course.ref, ...(git.head ? { commit: git.head } : {}) };
  let want: Map<string, Buffer>;
  try {
    want = renderProtected(courseRoot, assignment);
  } catch (err) {
    return { schemaVersion: 1, ok: false, error: (err as Error).message, course, lessons: assignment.lessons, files: [] };
  }
  const files: IntegrityFile[] = [];
  for (const [path, content] of want) {
    const have = readIfFile(join(repo, ...path.split('/')));
    const expectedHash = sha256(content);
    if (!have) files.push({ path, status: 'missing', expected: expectedHash });
    else {
      const actual = sha256(have);
      files.push({ path, status: actual === expectedHash ? 'ok' : 'changed', expected: expectedHash, actual });
    }
  }
  for (const path of GUARDED_DIRS.flatMap((d) => guardedFiles(repo, d)).sort()) {
    if (want.has(path)) continue;
    const have = readIfFile(join(repo, ...path.split('/')));
    files.push({ path, status: 'unexpected', ...(have ? { actual: sha256(have) } : {}) });
  }
  return { schemaVersion: 1, ok: files.every((f) => f.status === 'ok'), course, lessons: assignment.lessons, files };
}
