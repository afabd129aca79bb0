import { describe, it, expect } from 'vitest';
import { FakeRunner } from '../../../src/grader/exec/fake-runner.ts';
import { RunError } from '../../../src/grader/exec/runner.ts';

describe('FakeRunner', () => {
  it('answers by argv prefix, in order, repeating the last response', async () => {
    const fake = new FakeRunner().on('kubectl', ['get', 'pods'], { stdout: 'a' }, { stdout: 'b' });
    expect((await fake.run('kubectl', ['get', 'pods', '-o', 'json'])).stdout).toBe('a');
    expect((await fake.run('kubectl', ['get', 'pods'])).stdout).toBe('b');
    expect((await fake.run('kubectl', ['get', 'pods'])).stdout).toBe('b');
    expect(fake.argvs()).toEqual([
      ['kubectl', 'get', 'pods', '-o', 'json'],
      ['kubectl', 'get', 'pods'],
      ['kubectl', 'get', 'pods'],
    ]);
  });

  it('fails loudly on an unscripted command', async () => {
    await expect(new FakeRunner().run('docker', ['rm', '-f', 'x'])).rejects.toThrow('unscripted command: docker rm -f x');
  });

  it('rejects non-zero exits like the real runner unless reject is false', async () => {
    const fake = new FakeRunner().on('kind', ['version'], { exitCode: 1, stderr: 'nope' });
    await expect(fake.run('kind', ['version'])).rejects.toBeInstanceOf(RunError);
    expect((await fake.run('kind', ['version'], { reject: false })).exitCode).toBe(1);
  });

  it('the latest matching rule wins; once-rules stop matching after their responses', async () => {
    const fake = new FakeRunner().on('kind', ['get', 'clusters'], { stdout: '' }).once('kind', ['get', 'clusters'], { stdout: 'x\n' });
    expect((await fake.run('kind', ['get', 'clusters'])).stdout).toBe('x\n');
    expect((await fake.run('kind', ['get', 'clusters'])).stdout).toBe('');
  });

  it('records stdin and honours an aborted signal', async () => {
    const fake = new FakeRunner().on('kubectl', ['apply']);
    await fake.run('kubectl', ['apply'], { input: '{}' });
    expect(fake.calls[0].input).toBe('{}');
    const ac = new AbortController();
    ac.abort();
    await expect(fake.run('kubectl', ['apply'], { signal: ac.signal })).rejects.toBeInstanceOf(RunError);
  });
});
