/** Containers, restart policies, back-off, image pulls and graceful deletion. */
import { describe, it, expect } from 'vitest';
import { ExecError } from '../../src/grader/cluster/cluster.ts';
import { StorageModel } from '../../src/model/index.ts';
import { killAndWait, newModel, sleeper, status, waitRunning } from './helpers.ts';

const phase = (m: StorageModel, name: string) => m.get({ kind: 'Pod', name })?.status?.phase;

describe('restart policies', () => {
  it('Always: a killed container restarts with restartCount + 1, a new container id and exit 137 in lastState', () => {
    const m = newModel();
    m.apply(sleeper('p'));
    waitRunning(m, 'p');
    const [before, after] = killAndWait(m, 'p', 'app');
    expect(after.restartCount).toBe(before.restartCount + 1);
    expect(after.containerID).not.toBe(before.containerID);
    expect(after.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(after.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error', containerID: before.containerID });
  });

  it('the restart shows up only on the next reconcile or advance, not inside killContainer', () => {
    const m = newModel();
    m.apply(sleeper('p'));
    const before = status(m, 'p', 'app');
    m.killContainer('default', 'p', 'app');
    expect(status(m, 'p', 'app').containerID).toBe(before.containerID);
    m.advance(0);
    expect(status(m, 'p', 'app').restartCount).toBe(1);
  });

  it('OnFailure: a killed container (137) restarts, one that exits 0 does not and the pod Succeeds', () => {
    const m = newModel();
    m.apply(sleeper('p', { restartPolicy: 'OnFailure' }));
    expect(killAndWait(m, 'p', 'app')[1].restartCount).toBe(1);
    m.apply(sleeper('done', { restartPolicy: 'OnFailure' }, { command: ['sh', '-c', 'echo hi'] }));
    m.advance(60_000);
    expect(status(m, 'done', 'app')).toMatchObject({ restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    expect(phase(m, 'done')).toBe('Succeeded');
  });

  it('Never: a killed container stays terminated (137) and the pod Fails', () => {
    const m = newModel();
    m.apply(sleeper('p', { restartPolicy: 'Never' }));
    m.killContainer('default', 'p', 'app');
    m.advance(60_000);
    expect(status(m, 'p', 'app')).toMatchObject({ restartCount: 0, ready: false, state: { terminated: { exitCode: 137 } } });
    expect(phase(m, 'p')).toBe('Failed');
    expect(() => m.readFile('default', 'p', 'app', '/tmp/x')).toThrow(ExecError);
  });

  it("files written in the container's own filesystem are lost on restart; files in a volume are kept", () => {
    const m = newModel();
    m.apply(sleeper('p', { volumes: [{ name: 'v', emptyDir: {} }] }, { volumeMounts: [{ name: 'v', mountPath: '/v' }] }));
    m.writeFile('default', 'p', 'app', '/tmp/own', 'a');
    m.writeFile('default', 'p', 'app', '/v/kept', 'b');
    killAndWait(m, 'p', 'app');
    expect(m.readFile('default', 'p', 'app', '/tmp/own')).toBeUndefined();
    expect(m.readFile('default', 'p', 'app', '/v/kept')).toBe('b');
  });

  it('a container whose command ends is restarted under Always (sleep 5 restarts every 5 s)', () => {
    const m = newModel();
    m.apply(sleeper('p', {}, { command: ['sh', '-c', 'sleep 5'] }));
    m.advance(5_000);
    expect(status(m, 'p', 'app')).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 0, reason: 'Completed' } } });
  });
});

describe('back-off', () => {
  it('the first restart is immediate, a second kill within 10 minutes waits 10 s in CrashLoopBackOff', () => {
    const m = newModel();
    m.apply(sleeper('p'));
    killAndWait(m, 'p', 'app');
    m.killContainer('default', 'p', 'app');
    m.advance(1_000);
    expect(status(m, 'p', 'app').state.waiting).toMatchObject({ reason: 'CrashLoopBackOff' });
    expect(phase(m, 'p')).toBe('Running');
    m.advance(9_000);
    expect(status(m, 'p', 'app')).toMatchObject({ restartCount: 2, state: { running: {} } });
  });

  it('the back-off is forgotten after 10 minutes', () => {
    const m = newModel();
    m.apply(sleeper('p'));
    killAndWait(m, 'p', 'app');
    m.advance(601_000);
    m.killContainer('default', 'p', 'app');
    m.advance(0);
    expect(status(m, 'p', 'app')).toMatchObject({ restartCount: 2, state: { running: {} } });
  });

  it('a crashing container goes CrashLoopBackOff with delays 10 s, 20 s, 40 s ... and a BackOff event', () => {
    const m = newModel();
    m.apply(sleeper('p', {}, { command: ['sh', '-c', 'exit 1'] }));
    expect(status(m, 'p', 'app')).toMatchObject({ restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1 } } });
    m.advance(10_000);
    expect(status(m, 'p', 'app').restartCount).toBe(2);
    m.advance(19_000);
    expect(status(m, 'p', 'app').restartCount).toBe(2);
    m.advance(1_000);
    expect(status(m, 'p', 'app').restartCount).toBe(3);
    expect(m.events({ kind: 'Pod', name: 'p' }).some((e) => e.reason === 'BackOff' && e.type === 'Warning')).toBe(true);
  });

  it('back-off never exceeds 5 minutes', () => {
    const m = newModel();
    m.apply(sleeper('p', {}, { command: ['false'] }));
    m.advance(3_600_000);
    const msg: string = status(m, 'p', 'app').state.waiting?.message ?? '';
    expect(msg).toMatch(/back-off (\d+)s/);
    expect(Number(/back-off (\d+)s/.exec(msg)![1])).toBeLessThanOrEqual(300);
  });
});

describe('images', () => {
  it('an unpullable image gives ErrImagePull, then ImagePullBackOff, and the pod stays Pending', () => {
    const m = newModel();
    m.apply(sleeper('p', {}, { image: 'busybox:does-not-exist' }));
    expect(status(m, 'p', 'app').state.waiting.reason).toBe('ErrImagePull');
    m.advance(2_000);
    expect(status(m, 'p', 'app').state.waiting.reason).toBe('ImagePullBackOff');
    expect(phase(m, 'p')).toBe('Pending');
    expect(m.events({ kind: 'Pod', name: 'p' }).map((e) => e.reason)).toEqual(expect.arrayContaining(['Pulling', 'Failed', 'BackOff']));
    expect(m.podProblem('default', 'p')?.reason).toBe('ImagePullBackOff');
  });

  it('the configured unpullable list is honoured', () => {
    const m = new StorageModel({ unpullableImages: ['registry.example/app'] });
    m.apply(sleeper('p', {}, { image: 'registry.example/app:1' }));
    expect(status(m, 'p', 'app').state.waiting.reason).toBe('ErrImagePull');
  });

  it('an invalid reference is InvalidImageName and never retried', () => {
    const m = newModel();
    m.apply(sleeper('p', {}, { image: 'BusyBox:1.36' }));
    m.advance(60_000);
    expect(status(m, 'p', 'app').state.waiting.reason).toBe('InvalidImageName');
  });

  it('an image without a shell makes file writes and reads through the container fail', () => {
    const m = newModel();
    m.apply(sleeper('p', {}, { image: 'registry.k8s.io/pause:3.10', command: undefined }));
    waitRunning(m, 'p');
    expect(() => m.writeFile('default', 'p', 'app', '/tmp/x', 'y')).toThrow(/executable file not found/);
    expect(() => m.readFile('default', 'p', 'app', '/tmp/x')).toThrow(ExecError);
  });

  it('a sh -c command in an image without a shell fails to start (StartError) and crash-loops', () => {
    const m = newModel();
    m.apply(sleeper('p', {}, { image: 'gcr.io/distroless/base' }));
    expect(status(m, 'p', 'app')).toMatchObject({ state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 128, reason: 'StartError' } } });
  });
});

describe('graceful deletion', () => {
  it('a sleep container ignores SIGTERM: the pod stays Terminating for the whole grace period', () => {
    const m = newModel();
    m.apply(sleeper('p'));
    m.delete({ kind: 'Pod', name: 'p' });
    expect(m.get({ kind: 'Pod', name: 'p' })?.metadata.deletionTimestamp).toBeDefined();
    m.advance(29_000);
    expect(m.get({ kind: 'Pod', name: 'p' })).toBeDefined();
    m.advance(1_000);
    expect(m.get({ kind: 'Pod', name: 'p' })).toBeUndefined();
    expect(m.events({ kind: 'Pod', name: 'p' }).some((e) => e.reason === 'Killing')).toBe(true);
  });

  it('a server that handles SIGTERM is gone at once; grace period 0 removes the pod immediately', () => {
    const m = newModel();
    m.apply([sleeper('web', {}, { image: 'nginx:1.27', command: undefined }), sleeper('p')]);
    m.delete({ kind: 'Pod', name: 'web' });
    m.delete({ kind: 'Pod', name: 'p' }, { gracePeriodSeconds: 0 });
    expect(m.get({ kind: 'Pod', name: 'web' })).toBeUndefined();
    expect(m.get({ kind: 'Pod', name: 'p' })).toBeUndefined();
  });

  it('a terminating pod does not restart a killed container; it is gone once no container runs', () => {
    const m = newModel();
    m.apply(sleeper('p'));
    m.delete({ kind: 'Pod', name: 'p' });
    m.killContainer('default', 'p', 'app');
    expect(m.get({ kind: 'Pod', name: 'p' })).toBeDefined();
    m.advance(0);
    expect(m.get({ kind: 'Pod', name: 'p' })).toBeUndefined();
    expect(m.events({ kind: 'Pod', name: 'p' }).find((e) => e.reason === 'Started')?.count).toBe(1);
  });
});
