import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { FakeRunner } from '../../../../src/grader/exec/fake-runner.ts';
import { detectKindTooling, engineFromEnv, parseKindVersion } from '../../../../src/grader/cluster/kind/tooling.ts';

const tooling = (name: string) => readFileSync(new URL(`../../../fixtures/kubectl/tooling/${name}`, import.meta.url), 'utf8');

// "kind v0.33.0 go1.26.7-X:nodwarf5 linux/amd64" is a real `kind version` line (redhat-developer/vscode-openshift-tools#6086).
const KIND_033 = 'kind v0.33.0 go1.26.7-X:nodwarf5 linux/amd64\n';

function healthy(): FakeRunner {
  return new FakeRunner()
    .on('kind', ['version'], { stdout: KIND_033 })
    .on('kubectl', ['version', '--client', '-o', 'json'], { stdout: tooling('kubectl-version-no-server.stdout.json') })
    .on('docker', ['version', '--format', '{{.Server.Version}}'], { stdout: '28.2.2\n' })
    .on('podman', ['info'], { stdout: '5.2.0\n' });
}

describe('parseKindVersion', () => {
  it('reads the display line and the -q form', () => {
    expect(parseKindVersion(KIND_033)).toEqual([0, 33, 0]);
    expect(parseKindVersion('0.31.0\n')).toEqual([0, 31, 0]);
    expect(parseKindVersion('kind v0.31.0-alpha.1+abc go1.25 linux/arm64')).toEqual([0, 31, 0]);
    expect(parseKindVersion('garbage')).toBeUndefined();
  });
});

describe('engineFromEnv', () => {
  it('follows KIND_EXPERIMENTAL_PROVIDER like kind does', () => {
    expect(engineFromEnv({})).toBe('docker');
    expect(engineFromEnv({ KIND_EXPERIMENTAL_PROVIDER: 'podman' })).toBe('podman');
    expect(engineFromEnv({ KIND_EXPERIMENTAL_PROVIDER: 'nerdctl' })).toBe('unsupported');
  });
});

describe('detectKindTooling', () => {
  it('ok with kind >= 0.31, kubectl and a Docker daemon that answers', async () => {
    const runner = healthy();
    expect(await detectKindTooling(runner, {})).toEqual({ ok: true, engine: 'docker' });
    expect(runner.argvs()).toEqual([
      ['kind', 'version'],
      ['kubectl', 'version', '--client', '-o', 'json'],
      ['docker', 'version', '--format', '{{.Server.Version}}'],
    ]);
  });

  it('uses podman info when KIND_EXPERIMENTAL_PROVIDER=podman', async () => {
    const runner = healthy();
    expect(await detectKindTooling(runner, { KIND_EXPERIMENTAL_PROVIDER: 'podman' })).toEqual({ ok: true, engine: 'podman' });
    expect(runner.argvs()[2]).toEqual(['podman', 'info', '--format', '{{.Version.Version}}']);
  });

  it('a Docker client without a daemon (this machine\'s real output) says to start Docker', async () => {
    const runner = healthy().on('docker', ['version'], {
      exitCode: 1,
      stdout: tooling('docker-version-no-daemon.stdout.txt'),
      stderr: tooling('docker-version-no-daemon.stderr.txt'),
    });
    const r = await detectKindTooling(runner, {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing.en).toBe('The kind back end needs: a running Docker engine (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?).');
    expect(r.missing['zh-cn']).toContain('正在运行的 Docker 引擎');
    expect(r.hint.en).toContain('sudo systemctl start docker');
    expect(r.hint['zh-cn']).toContain('请启动 Docker');
  });

  it('lists everything missing at once, with install hints in both languages', async () => {
    const runner = new FakeRunner()
      .on('kind', ['version'], { failure: 'not-found' })
      .on('kubectl', ['version'], { failure: 'not-found' })
      .on('docker', ['version'], { failure: 'not-found' });
    const r = await detectKindTooling(runner, {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing.en).toBe(
      'The kind back end needs: kind is not installed (not found on PATH); kubectl is not installed (not found on PATH); Docker is not installed (no docker command).',
    );
    expect(r.missing['zh-cn']).toBe('kind 后端还缺少：未安装 kind（PATH 中找不到）；未安装 kubectl（PATH 中找不到）；未安装 Docker（找不到 docker 命令）。');
    expect(r.hint.en.split('\n')).toHaveLength(4);
    expect(r.hint.en).toContain('https://kind.sigs.k8s.io/docs/user/quick-start/#installation');
    expect(r.hint.en).toContain('https://kubernetes.io/docs/tasks/tools/');
    expect(r.hint.en).toContain('KIND_EXPERIMENTAL_PROVIDER=podman');
    expect(r.hint['zh-cn']).toContain('--cluster model');
  });

  it('an old kind is reported with the version found', async () => {
    const runner = healthy().on('kind', ['version'], { stdout: 'kind v0.23.0 go1.22.2 linux/amd64\n' });
    const r = await detectKindTooling(runner, {});
    expect(r.ok ? '' : r.missing.en).toContain('kind v0.31.0 or newer (found v0.23.0)');
  });

  it('a permission error on the Docker socket gets the docker-group hint', async () => {
    const runner = healthy().on('docker', ['version'], {
      exitCode: 1,
      stderr: 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock',
    });
    const r = await detectKindTooling(runner, {});
    expect(r.ok ? '' : r.hint.en).toContain('usermod -aG docker');
  });

  it('nerdctl is refused with a clear reason', async () => {
    const r = await detectKindTooling(healthy(), { KIND_EXPERIMENTAL_PROVIDER: 'nerdctl' });
    expect(r.ok ? '' : r.missing.en).toContain('KIND_EXPERIMENTAL_PROVIDER=nerdctl');
  });
});
