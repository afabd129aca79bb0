import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * How many real-cluster cases run at once in each test file: `CLUSTER_JOBS`, else one per core
 * plus one (a case spends most of its time waiting for the cluster, not computing), at least 2.
 * `npm run test:cluster -- --maxConcurrency 1` runs one case at a time.
 */
export function clusterJobs(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const asked = Number(env.CLUSTER_JOBS);
  if (Number.isInteger(asked) && asked > 0) return asked;
  return Math.max(2, cores + 1);
}

// `npm run test:cluster`: the graders on the real kind cluster of `npm run cluster:up`. Cases run
// concurrently, each in its own run namespace, and everything a lesson fixes for the whole cluster
// or a node (lesson 4's PersistentVolume and node directory, lesson 5's StorageClass, the node
// label) is run-scoped by the grader (src/grader/cluster/common/run-scope.ts), so no two cases can
// see each other. The files run side by side too.
export default defineConfig({
  test: {
    name: 'cluster',
    include: ['test/cluster/**/*.test.ts'],
    globalSetup: ['test/cluster/setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    // Every file at once (there are six): a file waits on the cluster, not on this machine's CPUs.
    maxWorkers: 6,
    sequence: { concurrent: true },
    maxConcurrency: clusterJobs(),
  },
});
