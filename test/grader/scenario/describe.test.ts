import { describe, expect, it } from 'vitest';
import type { PodView } from '../../../src/grader/cluster/cluster.ts';
import { describePod, describePv, describePvc, isRunning, podTrouble } from '../../../src/grader/scenario/index.ts';
import { startFailureMessage } from '../../../src/grader/scenario/describe.ts';

const pod = (over: Partial<PodView> = {}, container: Partial<PodView['containers'][number]> = {}): PodView => ({
  name: 'p',
  uid: 'u1',
  phase: 'Running',
  terminating: false,
  labels: {},
  containers: [{ name: 'app', restartCount: 0, state: 'running', ready: true, ...container }],
  ...over,
});

describe('podTrouble', () => {
  it('classifies states that will not fix themselves', () => {
    expect(podTrouble(pod())).toBeUndefined();
    expect(podTrouble(pod({ phase: 'Pending' }, { state: 'waiting', reason: 'InvalidImageName' }))).toMatchObject({ kind: 'image', container: 'app' });
    expect(podTrouble(pod({}, { state: 'waiting', reason: 'RunContainerError' }))).toMatchObject({ kind: 'start' });
    expect(podTrouble(pod({}, { state: 'waiting', reason: 'CrashLoopBackOff', lastExitCode: 0 }))).toEqual({ kind: 'crash', container: 'app', exitCode: 0 });
    expect(podTrouble(pod({}, { state: 'waiting', reason: 'CrashLoopBackOff', lastExitCode: 137 }))).toBeUndefined();
    expect(podTrouble(pod({ phase: 'Failed' }, { state: 'terminated' }))).toEqual({ kind: 'finished', phase: 'Failed' });
    expect(podTrouble(pod({ phase: 'Pending', reason: 'FailedMount', message: 'm' }))).toEqual({ kind: 'mount', reason: 'FailedMount', message: 'm' });
    expect(podTrouble(pod({ phase: 'Pending', reason: 'Unschedulable' }))).toBeUndefined();
    expect(podTrouble(pod({ phase: 'Pending' }, { state: 'waiting', reason: 'ContainerCreating' }))).toBeUndefined();
  });
});

describe('a container that cannot be started (StartError, exit 128)', () => {
  const NO_SH = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "sh": executable file not found in $PATH: unknown';
  const looping = (last: Partial<PodView['containers'][number]>) => pod({}, { state: 'waiting', ready: false, reason: 'CrashLoopBackOff', restartCount: 2, ...last });

  it('CrashLoopBackOff whose last state is StartError is a start failure, not a crash', () => {
    const t = podTrouble(looping({ lastExitCode: 128, lastReason: 'StartError', lastMessage: NO_SH }));
    expect(t).toEqual({ kind: 'start', container: 'app', reason: 'StartError', message: NO_SH });
    // Exit 128 with a missing program counts even without a reason; exit 128 alone is a crash.
    expect(podTrouble(looping({ lastExitCode: 128, lastMessage: 'exec: "sleepx": executable file not found in $PATH' }))).toMatchObject({ kind: 'start', reason: 'StartError' });
    expect(podTrouble(looping({ lastExitCode: 128, lastReason: 'Error' }))).toEqual({ kind: 'crash', container: 'app', exitCode: 128 });
    // A killed container waiting for its restart is still fine.
    expect(podTrouble(looping({ lastExitCode: 137, lastReason: 'Error' }))).toBeUndefined();
  });

  it('says why, in both languages: no shell, a missing program, or the runtime\'s words', () => {
    const noShell = startFailureMessage('cache-pod', { kind: 'start', container: 'writer', reason: 'StartError', message: NO_SH });
    expect(noShell.en).toBe('Pod cache-pod: container writer could not be started (StartError): its command runs "sh", but the image has no /bin/sh; use an image with a shell such as busybox:1.36');
    expect(noShell['zh-cn']).toContain('容器 writer 无法启动');
    expect(noShell['zh-cn']).toContain('镜像中没有 /bin/sh');
    expect(noShell['zh-cn']).toContain('busybox:1.36');
    const absolute = startFailureMessage('p', { kind: 'start', container: 'app', reason: 'StartError', message: 'exec: "/bin/sh": stat /bin/sh: no such file or directory' });
    expect(absolute.en).toContain('the image has no /bin/sh');
    const program = startFailureMessage('p', { kind: 'start', container: 'app', reason: 'StartError', message: 'exec: "sleepx": executable file not found in $PATH' });
    expect(program.en).toContain('could not be started (StartError): the image has no program "sleepx"');
    expect(program['zh-cn']).toContain('镜像中没有程序“sleepx”');
    expect(program.en).not.toContain('/bin/sh');
    const other = startFailureMessage('p', { kind: 'start', container: 'app', reason: 'RunContainerError', message: 'permission denied' });
    expect(other).toEqual({
      en: 'Pod p: container app could not be started (RunContainerError: permission denied); check its command and image',
      'zh-cn': 'Pod p：容器 app 无法启动（RunContainerError：permission denied）；请检查它的 command 和镜像',
    });
    expect(startFailureMessage('p', { kind: 'start', container: 'app', reason: 'CreateContainerError' }).en).toBe(
      'Pod p: container app could not be started (CreateContainerError); check its command and image',
    );
  });

  it('the observed line carries the last state\'s reason and message', () => {
    expect(describePod(looping({ lastExitCode: 128, lastReason: 'StartError', lastMessage: 'exec: "sh": executable file not found in $PATH' }))).toContain(
      'restarts 2, last exit code 128 (StartError: exec: "sh": executable file not found in $PATH)',
    );
  });
});

describe('describe*', () => {
  it('describes a pod in one line', () => {
    expect(describePod(pod({ nodeName: 'w1' }, { restartCount: 2, lastExitCode: 137 }))).toBe(
      'Pod p, phase Running, node w1; containers: app running, restarts 2, last exit code 137',
    );
    expect(describePod(pod({ phase: 'Pending', terminating: true, containers: [] }))).toBe('Pod p, phase Pending (terminating); containers: none yet');
    expect(isRunning(pod({ terminating: true }))).toBe(false);
    expect(isRunning(pod({ containers: [] }))).toBe(false);
  });

  it('describes claims and volumes, including the empty storageClassName', () => {
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { storageClassName: '', volumeName: 'v' }, status: { phase: 'Bound' } };
    expect(describePvc('c', pvc)).toBe('PersistentVolumeClaim c is Bound, storageClassName "", volumeName v');
    expect(describePvc('c', undefined)).toBe('PersistentVolumeClaim c does not exist');
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v' }, spec: { claimRef: { namespace: 'ns', name: 'c' }, storageClassName: 'fast', persistentVolumeReclaimPolicy: 'Delete' }, status: { phase: 'Released' } };
    expect(describePv('v', pv)).toBe('PersistentVolume v is Released, claim ns/c, storageClassName "fast", reclaimPolicy Delete');
  });
});
