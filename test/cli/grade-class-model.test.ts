/**
 * End to end on the offline model, with the real registry, graders, runner and reports: a class
 * made of lesson 1's solution, two of its known mistakes and a folder of broken YAML.
 */
import { describe, it, expect } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COURSE_ROOT, defaultDeps } from '../../src/cli/deps.ts';
import { run } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';

const LESSON = join(COURSE_ROOT, 'lessons', '01-emptydir');

function listing(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of readdirSync(dir, { recursive: true }) as string[]) out[f] = statSync(join(dir, f)).mtimeMs;
  return out;
}

describe('grade --class on the model (end to end)', () => {
  it('every student gets a report, the summary lists all, the broken one is an error row, the others are unaffected', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'class-e2e-'));
    const cls = join(tmp, 'class');
    cpSync(join(LESSON, 'solution'), join(cls, 'alice'), { recursive: true });
    cpSync(join(LESSON, 'mistakes', 'no-command', 'submission'), join(cls, 'bob'), { recursive: true });
    cpSync(join(LESSON, 'mistakes', 'two-emptydirs', 'submission'), join(cls, '张三'), { recursive: true });
    mkdirSync(join(cls, 'broken'));
    writeFileSync(join(cls, 'broken', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\n  - [\n');
    const before = listing(cls);
    let out = '';
    let err = '';
    const io: CliIo = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: { LANG: 'C.UTF-8' }, cwd: tmp, isTTY: false };
    const deps = { ...defaultDeps(), onInterrupt: () => () => {} };
    expect(await run(['lesson-1', '--class', 'class', '--cluster', 'model', '--jobs', '3', '--out', 'out'], io, deps)).toBe(0);

    const csv = readFileSync(join(tmp, 'out', 'class-summary.csv'), 'utf8').trimEnd().split('\r\n').map((l) => l.split(','));
    expect(csv[0]).toEqual(['student', 'score', 'max_score', 'status', 'failed_checks', 'seconds']);
    const rows = Object.fromEntries(csv.slice(1).map((r) => [r[0], r]));
    expect(Object.keys(rows)).toEqual(['alice', 'bob', 'broken', '张三']);
    expect(rows.alice!.slice(1, 5)).toEqual(['100', '100', 'pass', '']);
    expect(rows.broken!.slice(1, 5)).toEqual(['0', '100', 'error', '']);
    expect(rows.bob![3]).toBe('fail');
    expect(rows.bob![4]).toContain('pod-runs');
    expect(rows['张三']![3]).toBe('fail');
    expect(rows['张三']![4]).toContain('emptydir-in-both');

    // The same verdicts as grading each one alone.
    for (const [student, row] of Object.entries(rows)) {
      const results = JSON.parse(readFileSync(join(tmp, 'out', student, 'results.json'), 'utf8'));
      expect(String(results.score)).toBe(row[1]);
      expect(results.cluster.is_model).toBe(true);
      expect(readFileSync(join(tmp, 'out', student, 'junit.xml'), 'utf8')).toContain('<testsuites');
      let alone = '';
      const single: CliIo = { ...io, stdout: { write: (s: string) => (alone += s) }, stderr: { write: () => true } };
      await run(['lesson-1', '--dir', join('class', student), '--cluster', 'model', '--out', join('alone', student), '--reporter', 'json'], single, deps);
      expect(JSON.parse(readFileSync(join(tmp, 'alone', student, 'results.json'), 'utf8')).score).toBe(results.score);
    }
    expect(out).toMatch(/broken: The submission in class\/broken could not be read:/);
    expect(out).toMatch(/pod\.yaml:\d+:\d+/);
    expect(out).toContain('4 submissions: 1 passed, 2 failed, 1 could not be graded, 0 not graded.');
    expect(out).toContain('Offline model, not a real cluster');
    expect(err).toContain('graded 4/4');
    expect(listing(cls)).toEqual(before); // grading only read the students' folders
  });
});
