import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { FakeRunner } from '../../../../src/grader/exec/fake-runner.ts';
import { createExecaRunner } from '../../../../src/grader/exec/runner.ts';
import { engineNodeAccess, killArgs, mkdirArgs, readArgs, rmdirArgs } from '../../../../src/grader/cluster/kind/node-access.ts';
import { imagePlatform } from '../../../../src/grader/cluster/kind/images.ts';
import { READ_SCRIPT } from '../../../../src/grader/cluster/common/file-scripts.ts';
import { ExecError } from '../../../../src/grader/cluster/cluster.ts';

const NODE = 'k8s-storage-course-worker2';
const ID = 'a1848056a183e40afe3189fc4920bd565930180ebdf2f9e2daf778ea8105f93e';

describe('engine node access (golden argv)', () => {
  it('kill, read and mkdir command lines', () => {
    expect(killArgs(NODE, ID)).toEqual(['exec', NODE, 'crictl', '--timeout', '25s', 'stop', '--timeout', '0', ID]);
    expect(readArgs(NODE, '/var/local/course-data/token')).toEqual(['exec', NODE, 'sh', '-c', READ_SCRIPT, '--', '/var/local/course-data/token']);
    expect(mkdirArgs(NODE, '/var/local/course-pv')).toEqual(['exec', NODE, 'mkdir', '-p', '--', '/var/local/course-pv']);
  });

  it('removes only a run-scoped node directory', () => {
    expect(rmdirArgs(NODE, '/var/local/course-pv.lesson-4-abc')).toEqual(['exec', NODE, 'rm', '-rf', '--', '/var/local/course-pv.lesson-4-abc']);
    for (const bad of ['/var/local/course-pv', '/var/local', '/', '/var/lib/kubelet.x']) expect(() => rmdirArgs(NODE, bad), bad).toThrow(TypeError);
  });

  it('runs through docker or podman, absent node files are undefined', async () => {
    const runner = new FakeRunner()
      .on('podman', ['exec', NODE, 'sh'], { stdout: 'tok\n' })
      .once('podman', ['exec', NODE, 'sh'], { exitCode: 66, stderr: 'k8s-storage-course: no such file\n' })
      .on('podman', ['exec', NODE, 'mkdir'], {})
      .on('podman', ['exec', NODE, 'crictl'], { stdout: readFileSync(new URL('../../../fixtures/crictl/stop.stdout.txt', import.meta.url), 'utf8') });
    const nodes = engineNodeAccess({ runner, engine: 'podman', cluster: 'k8s-storage-course' });
    expect(await nodes.readFile(NODE, '/var/local/x')).toBeUndefined();
    expect(await nodes.readFile(NODE, '/var/local/x')).toBe('tok\n');
    await nodes.makeDir(NODE, '/var/local/course-pv');
    await nodes.killContainer(NODE, ID);
    expect(runner.argvs().map((a) => a[0])).toEqual(['podman', 'podman', 'podman', 'podman']);
  });

  it('a failed crictl stop is an ExecError with its output', async () => {
    // A constructed crictl failure (logrus style; the text is not from a recording): the id is not on this node.
    const runner = new FakeRunner().on('docker', ['exec'], { exitCode: 1, stderr: `time="2026-01-01T00:00:00Z" level=fatal msg="stopping the container \\"${ID}\\": rpc error: code = NotFound desc = an error occurred when try to find container \\"${ID}\\": not found"\n` });
    const nodes = engineNodeAccess({ runner, engine: 'docker', cluster: 'k8s-storage-course' });
    const err = await nodes.killContainer(NODE, ID).catch((e) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(err.message).toContain('NotFound');
  });

  it('refuses containers that are not nodes of the course cluster, and relative paths', async () => {
    const nodes = engineNodeAccess({ runner: new FakeRunner(), engine: 'docker', cluster: 'k8s-storage-course' });
    await expect(nodes.killContainer('postgres', ID)).rejects.toThrow(/not part of the kind cluster/);
    await expect(nodes.readFile('--privileged', '/x')).rejects.toThrow(TypeError);
    await expect(nodes.makeDir(NODE, 'relative')).rejects.toThrow(TypeError);
  });
});

function hasDocker(): boolean {
  try {
    execFileSync('docker', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The docker CLI parses its flags before it contacts the daemon: with no daemon (this machine),
 * a correct command line fails with "Cannot connect", a wrong one with "unknown flag".
 */
describe.skipIf(!hasDocker())('real docker CLI accepts every argv we build', () => {
  it('exec (kill, read, mkdir), image inspect and image save --platform', async () => {
    const runner = createExecaRunner();
    const argvs = [
      killArgs(NODE, ID),
      readArgs(NODE, `/var/local/a'; rm -rf / #`),
      mkdirArgs(NODE, '/var/local/course-pv'),
      ['image', 'inspect', '--format', '{{.Id}}', 'busybox:1.36'],
      ['image', 'save', '--platform', imagePlatform(), '-o', '/tmp/never-written.tar', 'busybox:1.36'],
      ['version', '--format', '{{.Server.Version}}'],
    ];
    for (const argv of argvs) {
      const r = await runner.run('docker', argv, { reject: false, timeoutMs: 20_000, env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
      const out = `${argv.join(' ')}: ${r.stderr}`;
      expect(out, out).not.toMatch(/unknown (shorthand )?flag|invalid argument|requires at least|accepts .* arg/i);
      expect(out, out).toMatch(/Cannot connect to the Docker daemon|no such file or directory|connect:/i);
    }
  }, 60_000);
});
