import { describe, expect, it } from 'vitest';
import { ClusterUnavailableError } from '../../../../src/grader/cluster/cluster.ts';
import { NODE_IMAGE } from '../../../../src/grader/cluster/kind/config.ts';
import { clusterNodeImage, createBlocker, recreateBlocker, type RecreateTarget } from '../../../../src/grader/cluster/kind/recreate.ts';
import { FakeRunner } from '../../../../src/grader/exec/fake-runner.ts';

const BUILT = 'k8s-storage-course/node:v1.35.4-0123456789ab';
const target = (runner: FakeRunner, over: Partial<RecreateTarget> = {}): RecreateTarget => ({
  runner,
  engine: 'docker',
  name: 'k8s-storage-course',
  image: { ref: NODE_IMAGE, source: 'pinned' },
  note: () => undefined,
  ...over,
});

describe('recreateBlocker', () => {
  it('lets the cluster go when the image is here, without pulling', async () => {
    const runner = new FakeRunner().on('docker', ['image', 'inspect'], { stdout: 'sha256:x\n' });
    expect(await recreateBlocker(target(runner), 'stale')).toBeUndefined();
    expect(runner.argvs()).toEqual([['docker', 'image', 'inspect', '--format', '{{.Id}}', NODE_IMAGE]]);
  });

  it('on Podman asks Podman, with its own inspect format', async () => {
    const runner = new FakeRunner()
      .on('podman', ['image', 'inspect'], { exitCode: 125, stderr: 'Error: no such image' })
      .on('podman', ['container', 'inspect'], { stdout: 'docker.io/kindest/node:v1.34.0\n' });
    const err = await recreateBlocker(target(runner, { engine: 'podman', image: { ref: BUILT, source: 'env' } }), 'stale');
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    expect(err!.reason.en).toContain('(its nodes run docker.io/kindest/node:v1.34.0)');
    expect(err!.reason.en).toContain('not in the local podman image store');
    expect(runner.argvs()).toContainEqual(['podman', 'container', 'inspect', '--format', '{{.ImageName}}', 'k8s-storage-course-control-plane']);
  });

  it('refuses when a pull says it worked but the image is still not there', async () => {
    const runner = new FakeRunner()
      .on('docker', ['image', 'inspect'], { exitCode: 1 })
      .on('docker', ['pull'], { stdout: 'ok\n' })
      .on('docker', ['container', 'inspect'], { exitCode: 1 });
    const err = await recreateBlocker(target(runner), 'unreachable');
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    expect(err!.reason.en).toContain('Pulling it failed: ok');
  });

  it('an interrupted pull throws the interruption, not a refusal', async () => {
    const controller = new AbortController();
    const runner = new FakeRunner()
      .on('docker', ['image', 'inspect'], { exitCode: 1 })
      .on('docker', ['pull'], () => {
        controller.abort(new Error('interrupted'));
        return { exitCode: -1, failure: 'canceled' };
      });
    await expect(recreateBlocker(target(runner), 'stale', controller.signal)).rejects.toThrow('interrupted');
  });
});

describe('createBlocker', () => {
  it('leaves the pinned image to kind (it pulls it) and checks a locally built one', async () => {
    const none = new FakeRunner();
    expect(await createBlocker(target(none))).toBeUndefined();
    expect(none.calls).toEqual([]);
    const present = new FakeRunner().on('docker', ['image', 'inspect'], { stdout: 'sha256:x\n' });
    expect(await createBlocker(target(present, { image: { ref: BUILT, source: 'cluster-up', recordedIn: '/c/state.json' } }))).toBeUndefined();
  });
});

describe('clusterNodeImage', () => {
  it('is undefined when the engine prints nothing', async () => {
    expect(await clusterNodeImage(new FakeRunner().on('docker', ['container', 'inspect'], { stdout: '\n' }), 'docker', 'x')).toBeUndefined();
  });
});
