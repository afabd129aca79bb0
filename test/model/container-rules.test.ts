/** The documented rules that decide, from image and command alone, what a container does. */
import { describe, it, expect } from 'vitest';
import { ContainerRules } from '../../src/model/container-rules.ts';

const rules = new ContainerRules(['example.com/private/app'], ['example.com/static']);
const b = (image: string, command?: string[], args?: string[], extra: Record<string, unknown> = {}) => rules.behaviour({ image, command, args, ...extra });

describe('images', () => {
  it('an image whose reference says does-not-exist / invalid / nonexistent / no-such cannot be pulled', () => {
    for (const ref of ['busybox:does-not-exist', 'example.com/invalid-image:1', 'nonexistent/app', 'registry.local/no-such:2', 'busybox:doesnotexist']) expect(rules.image(ref).pull).toBe('unpullable');
  });
  it('images from the configured unpullable list cannot be pulled (by reference or repository)', () => {
    expect(rules.image('example.com/private/app:1.0').pull).toBe('unpullable');
    expect(rules.image('busybox:1.36').pull).toBe('ok');
  });
  it('an empty reference, whitespace or upper case in the repository is an InvalidImageName', () => {
    for (const ref of ['', 'Busybox:1.36', 'busy box']) expect(rules.image(ref).pull).toBe('invalid');
  });
  it('scratch, pause, hello-world, distroless and configured images have no shell', () => {
    for (const ref of ['scratch', 'registry.k8s.io/pause:3.10', 'hello-world', 'gcr.io/distroless/static-debian12', 'example.com/static:v1']) expect(rules.image(ref).hasShell).toBe(false);
    for (const ref of ['busybox:1.36', 'nginx:1.27', 'alpine']) expect(rules.image(ref).hasShell).toBe(true);
  });
});

describe('commands', () => {
  it('sleep N runs N seconds then exits 0; sleep infinity never ends', () => {
    expect(b('busybox:1.36', ['sh', '-c', 'sleep 3600'])).toMatchObject({ kind: 'exits', afterMs: 3_600_000, exitCode: 0, reason: 'Completed' });
    expect(b('busybox:1.36', ['sleep', '1h'])).toMatchObject({ kind: 'exits', afterMs: 3_600_000 });
    expect(b('busybox:1.36', ['sleep', 'infinity'])).toMatchObject({ kind: 'runs', handlesSigterm: false });
  });
  it('tail -f and while-true / until-false loops never end and ignore SIGTERM', () => {
    expect(b('busybox', ['tail', '-f', '/dev/null'])).toEqual({ kind: 'runs', handlesSigterm: false });
    expect(b('busybox', ['sh', '-c', 'echo start; while true; do date >> /cache/log; sleep 2; done'])).toEqual({ kind: 'runs', handlesSigterm: false });
    expect(b('busybox', ['/bin/sh', '-c', 'while :\ndo sleep 1\ndone'])).toMatchObject({ kind: 'runs' });
    expect(b('busybox', ['sh', '-c', 'until false; do sleep 5; done'])).toMatchObject({ kind: 'runs' });
  });
  it('a trap on TERM makes the container stop at once on SIGTERM', () => {
    expect(b('busybox', ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"])).toEqual({ kind: 'runs', handlesSigterm: true });
  });
  it('exit N, false and echo-only commands end at once with their status', () => {
    expect(b('busybox', ['sh', '-c', 'exit 3'])).toMatchObject({ kind: 'exits', afterMs: 0, exitCode: 3, reason: 'Error' });
    expect(b('busybox', ['false'])).toMatchObject({ kind: 'exits', exitCode: 1 });
    expect(b('busybox', ['sh', '-c', 'echo hello > /data/x'])).toMatchObject({ kind: 'exits', afterMs: 0, exitCode: 0, reason: 'Completed' });
    expect(b('busybox', ['sh', '-c', 'echo a; exit 0; sleep 3600'])).toMatchObject({ kind: 'exits', afterMs: 0, exitCode: 0 });
  });
  it('&& and || follow the previous status; & backgrounds a statement', () => {
    expect(b('busybox', ['sh', '-c', 'false && sleep infinity'])).toMatchObject({ kind: 'exits', exitCode: 1 });
    expect(b('busybox', ['sh', '-c', 'false || sleep infinity'])).toMatchObject({ kind: 'runs' });
    expect(b('busybox', ['sh', '-c', 'sleep infinity & echo done'])).toMatchObject({ kind: 'exits', exitCode: 0 });
    expect(b('busybox', ['sh', '-c', 'mkdir -p /data && echo ok > /data/ok && sleep 60'])).toMatchObject({ kind: 'exits', afterMs: 60_000 });
  });
  it('servers run and stop on SIGTERM; plain nginx daemonizes and returns', () => {
    expect(b('nginx:1.27')).toEqual({ kind: 'runs', handlesSigterm: true });
    expect(b('redis:7')).toEqual({ kind: 'runs', handlesSigterm: true });
    expect(b('nginx:1.27', ['nginx', '-g', 'daemon off;'])).toEqual({ kind: 'runs', handlesSigterm: true });
    expect(b('nginx:1.27', ['nginx'])).toMatchObject({ kind: 'exits', exitCode: 0 });
    expect(b('httpd:2.4', ['httpd-foreground'])).toMatchObject({ kind: 'runs' });
    expect(b('busybox', ['httpd', '-f', '-p', '8080'])).toMatchObject({ kind: 'runs' });
    expect(b('nginx:1.27', undefined, ['nginx', '-g', 'daemon off;'])).toMatchObject({ kind: 'runs' });
  });
  it('shell images exit at once by default unless stdin and tty are both set', () => {
    expect(b('busybox:1.36')).toMatchObject({ kind: 'exits', afterMs: 0, exitCode: 0 });
    expect(b('ubuntu:24.04', undefined, undefined, { stdin: true, tty: true })).toMatchObject({ kind: 'runs' });
    expect(b('ubuntu:24.04', undefined, undefined, { stdin: true })).toMatchObject({ kind: 'exits' });
  });
  it('an unknown image or program is assumed to end at once (never assumed to keep running)', () => {
    expect(b('example.com/team/app:1.0')).toMatchObject({ kind: 'exits', afterMs: 0, exitCode: 0 });
    expect(b('python:3.12', ['python', 'app.py'])).toMatchObject({ kind: 'exits', afterMs: 0 });
    expect(b('python:3.12', ['python', '-m', 'http.server'])).toMatchObject({ kind: 'runs' });
  });
  it('cat with no file keeps running only when stdin is open', () => {
    expect(b('busybox', ['cat'])).toMatchObject({ kind: 'exits' });
    expect(b('busybox', ['cat'], undefined, { stdin: true })).toMatchObject({ kind: 'runs' });
  });
  it('a shell command in an image without a shell fails to start (StartError, 128)', () => {
    expect(b('gcr.io/distroless/static', ['sh', '-c', 'sleep 3600'])).toMatchObject({ kind: 'exits', exitCode: 128, reason: 'StartError' });
  });
  it('nested sh -c and exec are followed', () => {
    expect(b('busybox', ['sh', '-c', "exec sh -c 'sleep infinity'"])).toMatchObject({ kind: 'runs' });
  });
});
