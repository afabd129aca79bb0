import { describe, expect, it } from 'vitest';
import { clusterPaths } from '../../src/local-cluster/paths.ts';
import { buildNames, buildSteps, nfsClientInputs, NODE_INPUTS } from '../../src/local-cluster/steps.ts';
import { readVersions } from '../../src/local-cluster/versions.ts';
import { ROOT } from '../graders/harness.ts';

const paths = clusterPaths({ K8S_STORAGE_COURSE_CLUSTER_CACHE: '/cache' });
const v = readVersions(ROOT);

describe('cluster:up build plan', () => {
  const names = buildNames(ROOT, paths, v, '/gomod', '["CAP_SYS_RESOURCE"]');
  const steps = buildSteps(ROOT, paths, v, names, '["CAP_SYS_RESOURCE"]');

  it('builds the Go tools first, then the root file systems, the images and the node image', () => {
    expect(steps.map((s) => s.id)).toEqual([
      'go:kind', 'go:kubernetes', 'go:containerd', 'go:runc', 'go:crictl', 'go:cni-plugins', 'go:etcd', 'go:coredns', 'go:local-path-provisioner',
      'go:csi-provisioner', 'go:csi-attacher', 'go:csi-resizer', 'go:external-snapshotter', 'go:course-nfs-client', 'go:course-csi-driver',
      'rootfs:node', 'rootfs:netbase', 'rootfs:nfs-server', 'rootfs:csi-driver', 'images', 'csi-images', 'node-image',
    ]);
  });

  it('keys Go builds by tool and version, under the cache, and never inside the repository', () => {
    const k8s = steps.find((s) => s.id === 'go:kubernetes')!;
    expect(k8s.command.args[1]).toBe(`/cache/go/kubernetes-${v.KUBERNETES_VERSION}`);
    expect(k8s.command.args).toContain('--replace-staging');
    expect(k8s.command.args.join(' ')).toContain(`k8s.io/component-base/version.gitVersion=${v.KUBERNETES_VERSION}`);
    // The only repository paths are the build scripts and, as sources to read, the repository's Go modules.
    const inRepo = (a: string) => a.startsWith(`${ROOT}/`) && !a.startsWith(`${ROOT}/cluster/build/`) && a !== `${ROOT}/cluster/nfs-fuse` && a !== `${ROOT}/cluster/csi-driver`;
    for (const s of steps) for (const a of s.command.args.slice(1)) expect(inRepo(a), a).toBe(false);
    const client = steps.find((s) => s.id === 'go:course-nfs-client')!;
    expect(client.command.args.slice(1)).toEqual([names.nfsClientDir, `${ROOT}/cluster/nfs-fuse`, 'course-nfs-client']);
    expect(names.nfsClientDir).toMatch(/^\/cache\/go\/course-nfs-client-[0-9a-f]{12}$/);
  });

  it('course-nfs-client is keyed by its module\'s sources, not by its tests', () => {
    const inputs = nfsClientInputs(ROOT);
    expect(inputs).toContain('cluster/nfs-fuse/go.mod');
    expect(inputs).toContain('cluster/nfs-fuse/go.sum');
    expect(inputs).toContain('cluster/nfs-fuse/nfs3/procs.go');
    expect(inputs.filter((f) => f.endsWith('_test.go') || f.includes('/internal/'))).toEqual([]);
  });

  it('the CSI images have their own key, from the driver\'s sources and the sidecar pins; the node image does not depend on the driver', () => {
    const driver = steps.find((s) => s.id === 'go:course-csi-driver')!;
    expect(driver.command.args.slice(1)).toEqual([names.csiDriverDir, `${ROOT}/cluster/csi-driver`, 'course-csi-driver']);
    expect(names.csiImagesDir).toMatch(/^\/cache\/images\/csi-[0-9a-f]{12}$/);
    expect(`csi-${names.csiDriverImage.split(':')[1]}`).toBe(names.csiImagesDir.split('/').pop());
    const bumped = buildNames(ROOT, paths, { ...v, CSI_ATTACHER_VERSION: 'v9.9.9' }, '/gomod', '["CAP_SYS_RESOURCE"]');
    expect(bumped.csiImagesDir).not.toBe(names.csiImagesDir);
    expect(bumped.nodeImage).toBe(names.nodeImage);
    const attacher = buildSteps(ROOT, paths, { ...v, CSI_ATTACHER_VERSION: 'v9.9.9' }, bumped, '[]').find((s) => s.id === 'go:csi-attacher')!;
    expect(attacher.command.args.slice(1, 4)).toEqual(['/cache/go/csi-attacher-v9.9.9', 'github.com/kubernetes-csi/external-attacher/v4', 'v9.9.9']);
  });

  it('names the node image after the Kubernetes version and a key that changes with what it is built from', () => {
    expect(names.nodeImage).toMatch(new RegExp(`^k8s-storage-course/node:${v.KUBERNETES_VERSION.replace(/\./g, '\\.')}-[0-9a-f]{12}$`));
    expect(buildNames(ROOT, paths, v, '/gomod', '[]').nodeImage).not.toBe(names.nodeImage);
    expect(buildNames(ROOT, paths, { ...v }, '/other', '["CAP_SYS_RESOURCE"]').nodeImage).toBe(names.nodeImage);
    expect(NODE_INPUTS).toContain('cluster/node/course-cni.yaml');
  });

  it('the images are keyed by their inputs and by the netbase root file system they are built on', () => {
    const other = buildNames(ROOT, paths, v, '/gomod', '["CAP_SYS_RESOURCE"]', ['iptables', 'iproute2']);
    expect(other.netbaseRootfs).not.toBe(names.netbaseRootfs);
    expect(other.imagesDir).not.toBe(names.imagesDir);
    expect(other.courseCniImage).not.toBe(names.courseCniImage);
    expect(buildNames(ROOT, paths, v, '/gomod', '["CAP_SYS_RESOURCE"]').imagesDir).toBe(names.imagesDir);
  });

  it('a step is cached exactly when its product is there', async () => {
    const present = new Set([`/cache/go/kind-${v.KIND_VERSION}/.done`]);
    const probe = { fileExists: (p: string) => present.has(p), imageExists: async (ref: string) => ref === names.nodeImage };
    const cached = Object.fromEntries(await Promise.all(steps.map(async (s) => [s.id, await s.cached(probe)] as const)));
    expect(cached['go:kind']).toBe(true);
    expect(cached['go:kubernetes']).toBe(false);
    expect(cached['node-image']).toBe(true);
    expect(cached.images).toBe(false);
  });

  it('every title exists in both languages', () => {
    for (const s of steps) {
      expect(s.title.en.length, s.id).toBeGreaterThan(5);
      expect(s.title['zh-cn'], s.id).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
