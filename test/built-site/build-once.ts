/**
 * Global setup of the `site` tests: builds the site into dist/ once per test run, so every site
 * and browser test reads the same fresh output. Set COURSE_SKIP_BUILD=1 to reuse an existing dist/
 * while iterating on tests locally (never in CI).
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';

export default async function buildOnce() {
  if (process.env.COURSE_SKIP_BUILD === '1' && !process.env.CI && existsSync('dist/index.html')) return;
  await execa('node_modules/.bin/astro', ['build'], {
    // vitest sets NODE_ENV=test, which would make Astro build a dev-mode site (no search).
    env: { ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}
