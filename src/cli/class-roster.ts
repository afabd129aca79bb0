/**
 * The students of a class folder: each direct sub-folder is one student's submission, named by
 * the folder (the student id). Hidden entries (".git", ".DS_Store") and anything that is not a
 * real folder (files, symbolic links) are left out; the list is sorted by name so every run
 * grades and reports in the same order. A missing, non-folder or empty class folder is a
 * UsageError (exit 2), raised before anything is graded or written.
 */
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { fill } from '../i18n/lang.ts';
import { cliMsg } from './messages.ts';
import { UsageError } from './usage-error.ts';

export interface Student {
  /** The sub-folder's name. */
  id: string;
  /** Its absolute path. */
  dir: string;
}

/** Reads the class folder (relative to cwd or absolute); shown is how messages name it. */
export function readRoster(classDir: string, cwd: string): Student[] {
  const dir = resolve(cwd, classDir);
  let stat: Stats;
  try {
    stat = lstatSync(dir);
  } catch {
    throw new UsageError(fill(cliMsg.classMissing, { dir: classDir }));
  }
  if (!stat.isDirectory()) throw new UsageError(fill(cliMsg.classNotFolder, { dir: classDir }));
  const students = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => ({ id: e.name, dir: join(dir, e.name) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (students.length === 0) throw new UsageError(fill(cliMsg.classEmpty, { dir: classDir }));
  return students;
}
