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
  it('a background job holds the script only through a later wait; a TERM trap makes it stop on SIGTERM', () => {
    expect(runArgv(['sh', '-c', 'sleep 3600 &'], ctx)).toMatchObject({ forever: false, ms: 0 });
    expect(runArgv(['sh', '-c', 'sleep 3600 & wait'], ctx)).toMatchObject({ forever: false, ms: 3_600_000, sigterm: false });
    expect(runArgv(['sh', '-c', 'sleep 2 & sleep 5 & wait; sleep 1'], ctx)).toMatchObject({ ms: 6000 });
    expect(runArgv(['sh', '-c', 'tail -f /dev/null & wait'], ctx)).toMatchObject({ forever: true });
    expect(runArgv(['sh', '-c', 'echo hi >> /data/log || exit 1; trap "exit 0" TERM; sleep 3600 & wait'], ctx)).toMatchObject({ forever: false, ms: 3_600_000, sigterm: true });
  });
  it('docker-entrypoint.sh follows the image default', () => {
    expect(runArgv(['docker-entrypoint.sh', 'postgres'], { ...ctx, imageRuns: true })).toMatchObject({ forever: true, sigterm: true });
    expect(runArgv(['docker-entrypoint.sh'], ctx)).toMatchObject({ forever: false });
  });
});
