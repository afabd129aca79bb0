import { describe, it, expect } from 'vitest';
import { createExecaRunner, describeFailure, RunError, traceLine } from '../../../src/grader/exec/runner.ts';
import { escapeCommand, quoteArg } from '../../../src/grader/exec/escape.ts';

describe('escapeCommand', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(escapeCommand('kubectl', ['get', 'pods', '-n', 'course-x', '-o', 'json'])).toBe('kubectl get pods -n course-x -o json');
    expect(quoteArg('')).toBe("''");
    expect(quoteArg('a b')).toBe("'a b'");
    expect(quoteArg(`a'; rm -rf / #`)).toBe(`'a'\\''; rm -rf / #'`);
    expect(quoteArg('{{.Server.Version}}')).toBe("'{{.Server.Version}}'");
  });

  it('round-trips through a real POSIX shell', async () => {
    const runner = createExecaRunner();
    const nasty = [`a'; rm -rf / #`, '$(id)', '`id`', 'x\ny', '"q"', '\\', '*', ''];
    // The escaped line, evaluated by sh, must give back exactly the original argv.
    const line = escapeCommand('printf', ['%s\\0', ...nasty]);
    const r = await runner.run('sh', ['-c', line]);
    expect(r.stdout.split('\0').slice(0, -1)).toEqual(nasty);
  });
});

describe('createExecaRunner', () => {
  it('captures stdout, stderr and the exit code, and traces the command with its duration', async () => {
    const lines: string[] = [];
    const runner = createExecaRunner({ trace: (l) => lines.push(l) });
    const r = await runner.run('sh', ['-c', 'echo out; echo err >&2; exit 3'], { reject: false });
    expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitCode: 3 });
    expect(r.failure).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[trace\] +\d+ ms {2}exit 3 {2}sh -c 'echo out; echo err >&2; exit 3'$/);
  });

  it('rejects with RunError carrying the escaped command and output by default', async () => {
    const runner = createExecaRunner();
    const err = await runner.run('sh', ['-c', 'echo boom >&2; exit 2']).catch((e) => e);
    expect(err).toBeInstanceOf(RunError);
    expect(err.result.exitCode).toBe(2);
    expect(err.message).toBe("command failed with exit code 2: sh -c 'echo boom >&2; exit 2'\nboom");
  });

  it('feeds input on stdin and keeps the final newline (file contents stay exact)', async () => {
    const r = await createExecaRunner().run('cat', [], { input: 'token\n\n' });
    expect(r.stdout).toBe('token\n\n');
  });

  it('closes stdin when there is no input, so a reader sees EOF at once', async () => {
    const r = await createExecaRunner().run('cat', [], { timeoutMs: 5_000 });
    expect(r).toMatchObject({ stdout: '', exitCode: 0 });
  });

  it('reports a missing program as not-found with exit 127, and traces it', async () => {
    const lines: string[] = [];
    const r = await createExecaRunner({ trace: (l) => lines.push(l) }).run('no-such-program-k8s-course', [], { reject: false });
    expect(r.failure).toBe('not-found');
    expect(r.exitCode).toBe(127);
    expect(lines[0]).toContain('not-found  no-such-program-k8s-course');
  });

  it('kills a command at its timeout', async () => {
    const started = Date.now();
    const r = await createExecaRunner().run('sleep', ['5'], { timeoutMs: 200, reject: false });
    expect(r.failure).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('kills a command when the signal aborts', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('Ctrl-C')), 100);
    const err = await createExecaRunner().run('sleep', ['5'], { signal: ac.signal }).catch((e) => e);
    expect(err).toBeInstanceOf(RunError);
    expect(err.result.failure).toBe('canceled');
  });

  it('passes extra environment variables', async () => {
    const r = await createExecaRunner().run('sh', ['-c', 'printf %s "$KIND_EXPERIMENTAL_PROVIDER"'], { env: { KIND_EXPERIMENTAL_PROVIDER: 'podman' } });
    expect(r.stdout).toBe('podman');
  });
});

describe('describeFailure / traceLine', () => {
  it('names timeouts and stdin size', () => {
    const base = { stdout: '', stderr: '', exitCode: -1, durationMs: 1234.4, command: 'kind create cluster' };
    expect(describeFailure({ ...base, failure: 'timeout' })).toBe('command timed out: kind create cluster');
    expect(traceLine({ ...base, exitCode: 0 }, 42)).toBe('[trace]   1234 ms  exit 0  kind create cluster (stdin 42 B)');
  });
});
