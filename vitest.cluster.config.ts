import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: the graders on the real kind cluster of `npm run cluster:up`. One file at
// a time and one case at a time: every case uses the one course cluster, and lessons reuse fixed
// object names (a PersistentVolume, a hostPath directory), so two cases must never overlap.
export default defineConfig({
  test: {
    name: 'cluster',
    include: ['test/cluster/**/*.test.ts'],
    globalSetup: ['test/cluster/setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
