import { describe, it, expect } from 'vitest';
import { FakeRunner } from '../../../../src/grader/exec/fake-runner.ts';
import { imagePlatform, preloadImages, PRELOAD_IMAGES } from '../../../../src/grader/cluster/kind/images.ts';
import { createHint, parseClusters } from '../../../../src/grader/cluster/kind/lifecycle.ts';
import { NODE_IMAGE } from '../../../../src/grader/cluster/kind/config.ts';

const notes: string[] = [];
const opts = (runner: FakeRunner, engine: 'docker' | 'podman' = 'docker') => ({ runner, engine, cluster: 'k8s-storage-course', note: (l: string) => notes.push(l), tmp: '/tmp' });

// kind's real error with Docker's containerd image store (kubernetes-sigs/kind#3845, a duplicate of #3795).
const DIGEST_ERROR =
  'ERROR: failed to load image: command "docker exec --privileged -i kind-control-plane ctr --namespace=k8s.io images import --all-platforms --digests --snapshotter=overlayfs -" failed with error: exit status 1\nCommand Output: ctr: content digest sha256:82014a3cbf22d2e03382cd9b123f4151d956986e727340a466406a206408b7a2: not found\n';

describe('preloadImages', () => {
  it('preloads the busybox helper and the NFS server image', () => {
    expect(PRELOAD_IMAGES).toEqual(['busybox:1.36', 'registry.k8s.io/sig-storage/nfs-provisioner:v4.0.8']);
    expect(imagePlatform('x64')).toBe('linux/amd64');
    expect(imagePlatform('arm64')).toBe('linux/arm64');
  });

  it('skips images that are not local (the nodes pull them)', async () => {
    const runner = new FakeRunner().on('docker', ['image', 'inspect'], { exitCode: 1, stderr: 'Error response from daemon: No such image: busybox:1.36' });
    await preloadImages(opts(runner), ['busybox:1.36']);
    expect(runner.argvs()).toEqual([['docker', 'image', 'inspect', '--format', '{{.Id}}', 'busybox:1.36']]);
  });

  it('loads a local image with kind load docker-image', async () => {
    const runner = new FakeRunner().on('docker', ['image', 'inspect'], { stdout: 'sha256:1\n' }).on('kind', ['load', 'docker-image'], {});
    await preloadImages(opts(runner), ['busybox:1.36']);
    expect(runner.argvs().at(-1)).toEqual(['kind', 'load', 'docker-image', 'busybox:1.36', '--name', 'k8s-storage-course']);
  });

  it('falls back to docker image save --platform + kind load image-archive on the containerd-store breakage (kind#3795)', async () => {
    const runner = new FakeRunner()
      .on('docker', ['image', 'inspect'], { stdout: 'sha256:1\n' })
      .on('kind', ['load', 'docker-image'], { exitCode: 1, stderr: DIGEST_ERROR })
      .on('docker', ['image', 'save'], {})
      .on('kind', ['load', 'image-archive'], {});
    notes.length = 0;
    await preloadImages(opts(runner), ['busybox:1.36']);
    const argvs = runner.argvs();
    const save = argvs[2];
    expect(save.slice(0, 5)).toEqual(['docker', 'image', 'save', '--platform', imagePlatform()]);
    expect(save.slice(5, 6)).toEqual(['-o']);
    expect(save[6]).toMatch(/^\/tmp\/k8s-storage-course-\d+-[a-z0-9]+\.tar$/);
    expect(argvs[3]).toEqual(['kind', 'load', 'image-archive', save[6], '--name', 'k8s-storage-course']);
    expect(notes.join('\n')).toContain('trying an image archive (kind#3795)');
  });

  it('retries the save without --platform for engines that do not know it, and never throws', async () => {
    const runner = new FakeRunner()
      .on('docker', ['image', 'inspect'], { stdout: 'sha256:1\n' })
      .on('kind', ['load', 'docker-image'], { exitCode: 1, stderr: DIGEST_ERROR })
      .on('docker', ['image', 'save'], {})
      .on('docker', ['image', 'save', '--platform'], { exitCode: 1, stderr: 'unknown flag: --platform' })
      .on('kind', ['load', 'image-archive'], { exitCode: 1, stderr: 'ERROR: failed to load image' });
    await expect(preloadImages(opts(runner), ['busybox:1.36'])).resolves.toBeUndefined();
    expect(runner.argvs()[3].slice(0, 4)).toEqual(['docker', 'image', 'save', '-o']);
  });

  it('Podman: save + image-archive directly (kind load docker-image only talks to docker)', async () => {
    const runner = new FakeRunner().on('podman', ['image', 'inspect'], { stdout: 'x\n' }).on('podman', ['image', 'save'], {}).on('kind', ['load', 'image-archive'], {});
    await preloadImages(opts(runner, 'podman'), ['busybox:1.36']);
    expect(runner.argvs().map((a) => a.slice(0, 3).join(' '))).toEqual(['podman image inspect', 'podman image save', 'kind load image-archive']);
  });

  it('an unexpected failure (e.g. the runner itself) is a note, not an exception', async () => {
    await expect(preloadImages(opts(new FakeRunner()), ['busybox:1.36'])).resolves.toBeUndefined();
  });
});

describe('kind output helpers', () => {
  it('parseClusters ignores kind\'s "No kind clusters found." (kind prints it through its logger)', () => {
    expect(parseClusters('No kind clusters found.\n')).toEqual([]);
    expect(parseClusters('k8s-storage-course\nkind\n')).toEqual(['k8s-storage-course', 'kind']);
  });

  it('createHint picks a bilingual hint from kind\'s output', () => {
    const pinned = { ref: NODE_IMAGE, source: 'pinned' as const };
    expect(createHint('too many open files', pinned, 'docker').en).toContain('fs.inotify.max_user_watches=524288');
    expect(createHint('failed to pull image', pinned, 'docker').en).toContain(`node image ${NODE_IMAGE} could not be downloaded`);
    expect(createHint('node(s) already exist for a cluster with the name "k8s-storage-course"', pinned, 'docker').en).toContain('--delete-cluster');
    expect(createHint('something else', pinned, 'docker')['zh-cn']).toContain('--trace');
  });
});
