/** The command evaluator behind the container rules. */
import { describe, it, expect } from 'vitest';
import { runArgv, splitStatements } from '../../src/model/command-eval.ts';

const ctx = { imageRuns: false, stdin: false, interactive: false, depth: 0 };

describe('command evaluation', () => {
  it('statement splitting honours quotes and drops redirections', () => {
    expect(splitStatements(`echo "a; b" > /x 2>&1; sleep 5 && echo 'c || d'`).map((s) => s.words)).toEqual([['echo', 'a; b'], ['sleep', '5'], ['echo', 'c || d']]);
    expect(splitStatements('echo hi>/data/x').map((s) => s.words)).toEqual([['echo', 'hi']]);
  });
  it('sleeps add up; exit stops the script', () => {
    expect(runArgv(['sh', '-c', 'sleep 2; sleep 3; exit 4; sleep 100'], ctx)).toMatchObject({ forever: false, ms: 5000, status: 4 });
  });
  it('environment assignments before a command are skipped', () => {
    expect(runArgv(['FOO=1', 'sleep', 'infinity'], ctx)).toMatchObject({ forever: true });
  });
  it('docker-entrypoint.sh follows the image default', () => {
    expect(runArgv(['docker-entrypoint.sh', 'postgres'], { ...ctx, imageRuns: true })).toMatchObject({ forever: true, sigterm: true });
    expect(runArgv(['docker-entrypoint.sh'], ctx)).toMatchObject({ forever: false });
  });
});
