/**
 * Where the real cluster's build products live: outside the repository, under the course's
 * cache directory (the kind back end keeps its kubeconfig there too), so a fresh clone reuses them.
 * K8S_STORAGE_COURSE_CLUSTER_CACHE moves the whole build cache (CI keeps it between runs).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from '../grader/cluster/kind/paths.ts';

export interface ClusterPaths {
  /** Root of the build cache. */
  root: string;
  /** Go builds: <root>/go/<tool>-<version>/bin. */
  go: string;
  /** Debian root file systems: <root>/rootfs/<name>-<suite>-<hash>.tar. */
  rootfs: string;
  /** Image archives: <root>/images/<key>/. */
  images: string;
  /** One log file per step of the last bring-up. */
  logs: string;
  /** kind and kubectl as built here (symlinks), for PATH. */
  bin: string;
  /** What the last bring-up produced (state.ts). */
  state: string;
}

export function clusterPaths(env: Record<string, string | undefined> = process.env, home: string = homedir()): ClusterPaths {
  const root = env.K8S_STORAGE_COURSE_CLUSTER_CACHE || join(cacheDir(env, home), 'cluster');
  return {
    root,
    go: join(root, 'go'),
    rootfs: join(root, 'rootfs'),
    images: join(root, 'images'),
    logs: join(root, 'logs'),
    bin: join(root, 'bin'),
    state: join(root, 'state.json'),
  };
}
