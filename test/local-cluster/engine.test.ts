/**
 * The course engine's decisions (engine.ts), against fake engines on PATH: a `docker` client that
 * answers like Docker CE, like an engine the user may not use ("permission denied"), or not at
 * all; a pid file that outlived its dockerd; a machine without /proc.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dockerdArgs, enginePaths, findOnPath, ownEnginePid, planEngine, probeEngine, type EngineFacts } from '../../src/local-cluster/engine.ts';

const paths = enginePaths({ K8S_STORAGE_COURSE_ENGINE_RUN: '/run/ksc-test', K8S_STORAGE_COURSE_ENGINE_DATA: '/var/lib/ksc-test' });
const facts = (f: Partial<EngineFacts>): EngineFacts => ({ course: { state: 'down', detail: '' }, foreignPackages: [], foreignAnswers: false, isRoot: true, ...f });

/** A folder on PATH with a fake `docker` that prints `stdout`/`stderr` and exits with `code`; records DOCKER_HOST. */
function fakeDocker(script: string): { bin: string; env: Record<string, string> } {
  const bin = mkdtempSync(join(tmpdir(), 'fake-docker-'));
  writeFileSync(join(bin, 'docker'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, 'docker'), 0o755);
  return { bin, env: { PATH: `${bin}:/usr/bin:/bin` } };
}

describe('planEngine', () => {
  it('uses the course engine when it answers, whatever else is installed', () => {
    expect(planEngine(facts({ course: { state: 'ok', runtime: 'runc' }, foreignPackages: ['docker-ce'], foreignAnswers: true }), paths)).toEqual({ action: 'use' });
  });

  it('never installs docker.io beside Docker CE, Docker Desktop or podman-docker: it uses their dockerd, or refuses', () => {
    expect(planEngine(facts({ dockerd: '/usr/bin/dockerd', foreignPackages: ['docker-ce', 'containerd.io'], foreignAnswers: true }), paths)).toEqual({ action: 'start', dockerd: '/usr/bin/dockerd' });
    for (const f of [facts({ foreignPackages: ['docker-desktop'] }), facts({ foreignPackages: ['podman-docker'] }), facts({ foreignAnswers: true })]) {
      const plan = planEngine(f, paths);
      expect(plan.action).toBe('refuse');
      if (plan.action === 'refuse') {
        expect(plan.why.en).toContain('the course never installs an engine over another one');
        expect(plan.why['zh-cn']).toContain('课程绝不会在已有引擎之上再安装一个');
      }
    }
  });

  it('installs docker.io only on a machine with no engine of any kind', () => {
    expect(planEngine(facts({}), paths)).toEqual({ action: 'install-then-start' });
  });

  it('"permission denied" is not "no engine": it refuses with the docker-group hint, and never installs', () => {
    const plan = planEngine(facts({ course: { state: 'denied', detail: 'permission denied while trying to connect' } }), paths);
    expect(plan.action).toBe('refuse');
    if (plan.action === 'refuse') {
      expect(plan.why.en).toContain('sudo usermod -aG docker');
      expect(plan.why.en).toContain(paths.socket);
      expect(plan.why['zh-cn']).toContain('docker 组');
    }
  });

  it('refuses to start an engine as a user who is not root, with the command that works', () => {
    const plan = planEngine(facts({ isRoot: false, dockerd: '/usr/bin/dockerd' }), paths);
    expect(plan).toMatchObject({ action: 'refuse', why: { en: expect.stringContaining('sudo npm run cluster:up') } });
  });
});

describe('probeEngine', () => {
  it('tells an engine that answers, one that refuses this user, and none, and asks at the given DOCKER_HOST', async () => {
    const ok = fakeDocker('echo "$DOCKER_HOST" > "$(dirname "$0")/host"; echo ksc-runc');
    expect(await probeEngine(paths.host, ok.env)).toEqual({ state: 'ok', runtime: 'ksc-runc' });
    const denied = fakeDocker('echo "permission denied while trying to connect to the Docker daemon socket at unix:///run/ksc-test/docker.sock" >&2; exit 1');
    expect((await probeEngine(paths.host, denied.env)).state).toBe('denied');
    const down = fakeDocker('echo "Cannot connect to the Docker daemon at unix:///run/ksc-test/docker.sock. Is the docker daemon running?" >&2; exit 1');
    expect((await probeEngine(paths.host, down.env)).state).toBe('down');
  });
});

describe('the course engine stays apart', () => {
  it('has its own socket, data root, exec root and containerd namespace, and leaves iptables and docker0 alone', () => {
    const args = dockerdArgs(paths);
    const value = (flag: string) => args[args.indexOf(flag) + 1];
    expect(value('--host')).toBe('unix:///run/ksc-test/docker.sock');
    expect(value('--data-root')).toBe('/var/lib/ksc-test');
    expect(value('--exec-root')).toBe('/run/ksc-test/exec');
    expect(value('--containerd-namespace')).toBe('k8s-storage-course');
    expect(value('--bridge')).toBe('none');
    expect(args).toContain('--iptables=false');
  });

  it('finds programs by PATH lookup, skipping a folder when asked, and only executable files', () => {
    const a = mkdtempSync(join(tmpdir(), 'path-a-'));
    const b = mkdtempSync(join(tmpdir(), 'path-b-'));
    writeFileSync(join(a, 'runc'), '#!/bin/sh\n');
    chmodSync(join(a, 'runc'), 0o755);
    writeFileSync(join(b, 'runc'), '#!/bin/sh\n');
    chmodSync(join(b, 'runc'), 0o755);
    mkdirSync(join(a, 'dockerd'));
    expect(findOnPath('runc', `${a}:${b}`)).toBe(join(a, 'runc'));
    expect(findOnPath('runc', `${a}:${b}`, a)).toBe(join(b, 'runc'));
    chmodSync(join(b, 'runc'), 0o644);
    expect(findOnPath('runc', `${b}`)).toBeUndefined();
    expect(findOnPath('dockerd', a), 'a folder is not a program').toBeUndefined();
  });
});

describe('ownEnginePid', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0));
  function layout(pid: number, cmdline?: string[]) {
    const run = mkdtempSync(join(tmpdir(), 'engine-run-'));
    const proc = mkdtempSync(join(tmpdir(), 'proc-'));
    dirs.push(run, proc);
    const p = enginePaths({ K8S_STORAGE_COURSE_ENGINE_RUN: run });
    writeFileSync(p.pidFile, `${pid}\n`);
    if (cmdline) {
      mkdirSync(join(proc, String(pid)));
      writeFileSync(join(proc, String(pid), 'cmdline'), `${cmdline.join('\0')}\0`);
    }
    return { p, proc };
  }

  it('trusts the pid file only when that pid is a dockerd serving the course socket', () => {
    const { p, proc } = layout(4242, []);
    writeFileSync(join(proc, '4242', 'cmdline'), ['/usr/sbin/dockerd', ...dockerdArgs(p)].join('\0'));
    expect(ownEnginePid(p, proc)).toBe(4242);
  });

  it('a stale pid file naming another process after a reboot is ignored, so nothing is signalled', () => {
    const { p, proc } = layout(4243, ['/usr/sbin/sshd', '-D']);
    expect(ownEnginePid(p, proc)).toBeUndefined();
    const other = layout(4244, ['/usr/bin/dockerd', '--host', 'unix:///var/run/docker.sock']);
    expect(ownEnginePid(other.p, other.proc), "the user's own dockerd is not ours").toBeUndefined();
  });

  it('without /proc to ask, it answers "not ours" rather than guess', () => {
    const { p } = layout(4245);
    expect(ownEnginePid(p, join(tmpdir(), 'no-such-proc'))).toBeUndefined();
  });
});
