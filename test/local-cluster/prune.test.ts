import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterPaths } from '../../src/local-cluster/paths.ts';
import { pruneCache, sha12, staleImages } from '../../src/local-cluster/prune.ts';

function cacheWith(files: string[]) {
  const root = mkdtempSync(join(tmpdir(), 'prune-'));
  const paths = clusterPaths({ K8S_STORAGE_COURSE_CLUSTER_CACHE: root });
  for (const f of files) {
    const path = join(root, f);
    mkdirSync(join(path, '..'), { recursive: true });
    if (f.endsWith('/')) mkdirSync(path, { recursive: true });
    else writeFileSync(path, 'x'.repeat(1000));
  }
  return { root, paths };
}

describe('pruning the build cache', () => {
  it('removes what other pins and keys built, keeps what is in use (a rootfs keeps its package list), and leaves the rest of the cache alone', () => {
    const { root, paths } = cacheWith([
      'go/kind-v0.31.0/bin/kind',
      'go/kind-v0.30.0/bin/kind',
      'rootfs/node-bookworm-aaaaaaaaaaaa.tar',
      'rootfs/node-bookworm-aaaaaaaaaaaa.tar.txt',
      'rootfs/node-bookworm-bbbbbbbbbbbb.tar',
      'rootfs/node-bookworm-bbbbbbbbbbbb.tar.txt',
      'images/111111111111/kube-apiserver.tar',
      'images/222222222222/kube-apiserver.tar',
      'logs/images.log',
      'state.json',
    ]);
    const keep = { paths: [join(paths.go, 'kind-v0.31.0'), join(paths.rootfs, 'node-bookworm-aaaaaaaaaaaa.tar'), join(paths.images, '111111111111')], images: [], imagesKeys: ['111111111111'] };
    const { removed, bytes } = pruneCache(paths, keep);
    expect(removed.map((p) => p.slice(root.length + 1)).sort()).toEqual(['go/kind-v0.30.0', 'images/222222222222', 'rootfs/node-bookworm-bbbbbbbbbbbb.tar', 'rootfs/node-bookworm-bbbbbbbbbbbb.tar.txt']);
    expect(bytes).toBe(4000);
    expect(readdirSync(paths.rootfs).sort()).toEqual(['node-bookworm-aaaaaaaaaaaa.tar', 'node-bookworm-aaaaaaaaaaaa.tar.txt']);
    expect(existsSync(join(paths.go, 'kind-v0.31.0', 'bin', 'kind'))).toBe(true);
    expect(existsSync(join(root, 'logs', 'images.log')) && existsSync(join(root, 'state.json'))).toBe(true);
  });

  it('a cache with nothing built yet is fine', () => {
    const { paths } = cacheWith([]);
    expect(pruneCache(paths, { paths: [], images: [], imagesKeys: ['k'] })).toEqual({ removed: [], bytes: 0 });
  });

  it('names the course images of other keys (as `docker images` lists them on the course engine), never another image', () => {
    const listed = [
      'k8s-storage-course/node:v1.35.4-e0f58874ea60',
      'k8s-storage-course/node:v1.35.3-0123456789ab',
      'k8s-storage-course/kind-base:a637cb2665dd',
      'k8s-storage-course/kind-base:e0f58874ea60',
      'k8s-storage-course/node-rootfs:bookworm-c61d5a2a29bb',
      'k8s-storage-course/img-busybox:1aa5f3243649',
      'k8s-storage-course/img-busybox:0000aaaa0000',
      'k8s-storage-course/img-csi-attacher:csi-5e5e5e5e5e5e',
      'k8s-storage-course/img-csi-attacher:csi-000000000000',
      'k8s-storage-course/netbase:netbase-bookworm-bfd2da7591e4',
      'k8s-storage-course/node:<none>',
      'busybox:1.36',
      'kindest/node:v1.35.0',
      '',
    ].join('\n');
    const keep = {
      paths: [],
      images: ['k8s-storage-course/node:v1.35.4-e0f58874ea60', 'k8s-storage-course/kind-base:e0f58874ea60', 'k8s-storage-course/node-rootfs:bookworm-c61d5a2a29bb', 'k8s-storage-course/netbase:netbase-bookworm-bfd2da7591e4'],
      imagesKeys: ['1aa5f3243649', 'csi-5e5e5e5e5e5e'],
    };
    expect(staleImages(listed, keep)).toEqual([
      'k8s-storage-course/node:v1.35.3-0123456789ab',
      'k8s-storage-course/kind-base:a637cb2665dd',
      'k8s-storage-course/img-busybox:0000aaaa0000',
      'k8s-storage-course/img-csi-attacher:csi-000000000000',
    ]);
  });

  it('sha12 is what `sha256sum | cut -c1-12` prints, and empty for a missing file', async () => {
    const { root } = cacheWith(['rootfs/x.tar']);
    expect(await sha12(join(root, 'rootfs/x.tar'))).toBe(createHash('sha256').update('x'.repeat(1000)).digest('hex').slice(0, 12));
    expect(await sha12(join(root, 'missing'))).toBe('');
  });
});
