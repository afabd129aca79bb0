import { defineConfig } from 'vitest/config';

// Two tiers: `unit` (no build, no browser: parsers, model, engine, graders on the model) and
// `site` (builds the site once in global setup, then checks dist/ and drives Debian's chromium).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/built-site/**', 'test/browser/**', 'test/cluster/**', 'node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'site',
          include: ['test/built-site/**/*.test.ts', 'test/browser/**/*.test.ts'],
          globalSetup: ['test/built-site/build-once.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
