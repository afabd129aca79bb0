/**
 * The grader never changes the student's files: the submission folder is byte-identical after a
 * passing run, a failing run and a hostile run (same entries, types, modes, sizes, modification
 * times and SHA-256 of every file and link target). Each run is the real CLI in a child process,
 * with its default reporters, started from the submission's parent folder as a student would.
 */
import { createHash } from 'node:crypto';
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { crashMarks, ROOT, runCli } from '../hostile/run-cli.ts';

const TMP = mkdtempSync(join(tmpdir(), 'faults-untouched-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** One line per entry under dir: path, type, mode, size, mtime and a content hash. */
function fingerprint(dir: string): string[] {
  const lines: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      const st = lstatSync(abs);
      const rel = relative(dir, abs);
      const meta = `${rel} mode=${st.mode.toString(8)} size=${st.size} mtime=${st.mtimeMs}`;
      if (st.isSymbolicLink()) lines.push(`${meta} link->${readlinkSync(abs)}`);
      else if (st.isDirectory()) {
        lines.push(`${meta} dir`);
        walk(abs);
      } else if (st.isFile()) lines.push(`${meta} sha256=${createHash('sha256').update(readFileSync(abs)).digest('hex')}`);
      else lines.push(`${meta} special`);
    }
  };
  walk(dir);
  return lines;
}

/** Copies a folder of manifests into a fresh student folder `<TMP>/<name>/exercises/lesson-N`. */
function studentFolder(name: string, from: string, lesson: string): { cwd: string; dir: string } {
  const cwd = join(TMP, name);
  const dir = join(cwd, 'exercises', lesson);
  cpSync(from, dir, { recursive: true });
  return { cwd, dir };
}

const RUNS = [
  {
    name: 'passing (lesson 1 reference answer)',
    lesson: 'lesson-1',
    make: () => studentFolder('passing', join(ROOT, 'lessons/01-emptydir/solution'), 'lesson-1'),
    exit: 0,
  },
  {
    name: 'failing (lesson 1 known mistake: reader without a command)',
    lesson: 'lesson-1',
    make: () => studentFolder('failing', join(ROOT, 'lessons/01-emptydir/mistakes/no-command/submission'), 'lesson-1'),
    exit: 1,
  },
  {
    name: 'hostile (alias bomb, a link out of the folder, a FIFO, a subfolder, a non-YAML file)',
    lesson: 'lesson-5',
    make: () => {
      const f = studentFolder('hostile', join(ROOT, 'test/hostile/cases/l5-alias-bomb/submission'), 'lesson-5');
      symlinkSync('/etc/hostname', join(f.dir, 'linked.yaml'));
      execFileSync('mkfifo', [join(f.dir, 'pipe.yaml')]);
      cpSync(join(ROOT, 'test/hostile/cases/l1-yaml-tab/submission'), join(f.dir, 'old'), { recursive: true });
      writeFileSync(join(f.dir, 'notes.txt'), 'my notes\n');
      return f;
    },
    exit: 2,
  },
];

describe('the submission folder is byte-identical after a run', () => {
  it.concurrent.each(RUNS)('$name', { timeout: 40_000 }, async ({ lesson, make, exit }) => {
    const { cwd, dir } = make();
    const before = fingerprint(dir);
    const run = await runCli([lesson, '--cluster', 'model', '--lang', 'en'], { cwd, limitMs: 30_000 });
    const context = `\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
    expect({ code: run.code, timedOut: run.timedOut }, context).toEqual({ code: exit, timedOut: false });
    expect(crashMarks(run.stdout + run.stderr), context).toEqual([]);
    expect(fingerprint(dir)).toEqual(before);
    // The reports went to ./reports, next to the exercises, not into the submission folder.
    expect(readdirSync(join(cwd, 'reports')).sort()).toEqual(['junit.xml', 'results.json']);
  });
});
