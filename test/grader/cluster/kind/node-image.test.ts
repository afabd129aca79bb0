import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterUnavailableError } from '../../../../src/grader/cluster/cluster.ts';
import { NODE_IMAGE, NODE_IMAGE_ENV } from '../../../../src/grader/cluster/kind/config.ts';
import { recordedStateFile, resolveNodeImage } from '../../../../src/grader/cluster/kind/node-image.ts';
import { writeState } from '../../../../src/local-cluster/state.ts';

const BUILT = 'k8s-storage-course/node:v1.35.4-0123456789ab';

/** A cluster cache with a state file as `npm run cluster:up` writes it, recording image. */
function cacheWith(image: string | undefined): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'node-image-'));
  const env = { K8S_STORAGE_COURSE_CLUSTER_CACHE: dir };
  if (image !== undefined) {
    writeState(recordedStateFile(env), { cluster: 'k8s-storage-course', nodeImage: image, bin: join(dir, 'bin'), kubeconfig: '/k', kindVersion: 'v0.31.0', kubernetesVersion: 'v1.35.4', upAt: '2026-12-03T00:00:00.000Z' });
  }
  return env;
}

describe('the node image of a run', () => {
  it('is the pinned image when nothing names another', () => {
    expect(resolveNodeImage(cacheWith(undefined))).toEqual({ ref: NODE_IMAGE, source: 'pinned' });
    expect(resolveNodeImage({ ...cacheWith(undefined), [NODE_IMAGE_ENV]: '  ' })).toEqual({ ref: NODE_IMAGE, source: 'pinned' });
  });

  it('is the image cluster:up recorded, in a shell where cluster:env was never run', () => {
    const env = cacheWith(BUILT);
    expect(resolveNodeImage(env)).toEqual({ ref: BUILT, source: 'cluster-up', recordedIn: join(env.K8S_STORAGE_COURSE_CLUSTER_CACHE, 'state.json') });
  });

  it('is the environment variable when set, before anything recorded', () => {
    const env = { ...cacheWith(BUILT), [NODE_IMAGE_ENV]: 'k8s-storage-course/node:v1.35.4-fedcba987654' };
    expect(resolveNodeImage(env)).toEqual({ ref: 'k8s-storage-course/node:v1.35.4-fedcba987654', source: 'env' });
  });

  it('ignores a state file cut short (the pinned image, not a crash)', () => {
    const env = cacheWith(undefined);
    writeFileSync(recordedStateFile(env), '{"cluster": "k8s-storage-course", "nodeIm');
    expect(resolveNodeImage(env)).toEqual({ ref: NODE_IMAGE, source: 'pinned' });
  });

  it('refuses a value that is not an image reference, in both languages, naming where it came from', () => {
    const bad = (() => {
      try {
        resolveNodeImage({ ...cacheWith(undefined), [NODE_IMAGE_ENV]: 'x\n  - role: worker' });
      } catch (err) {
        return err;
      }
    })();
    expect(bad).toBeInstanceOf(ClusterUnavailableError);
    expect((bad as ClusterUnavailableError).reason.en).toContain(`${NODE_IMAGE_ENV}="x`);
    expect((bad as ClusterUnavailableError).reason['zh-cn']).toContain('不是镜像引用');
    expect((bad as ClusterUnavailableError).hint?.en).toContain('eval "$(npm run -s cluster:env)"');

    const env = cacheWith('UPPER/case:tag');
    const recorded = (() => {
      try {
        resolveNodeImage(env);
      } catch (err) {
        return err;
      }
    })();
    expect(recorded).toBeInstanceOf(ClusterUnavailableError);
    expect((recorded as ClusterUnavailableError).reason.en).toBe(`The node image recorded in ${recordedStateFile(env)} is not an image reference: "UPPER/case:tag".`);
    expect((recorded as ClusterUnavailableError).hint?.['zh-cn']).toContain('npm run cluster:up');
  });
});
