/**
 * Global setup of the `site` tests: builds the site into dist/ once per test run, so every site
 * and browser test reads the same fresh output. Set COURSE_SKIP_BUILD=1 to reuse an existing dist/
 * while iterating on tests locally (never in CI).
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';

/**
 * The environment for `astro build`: vitest puts NODE_ENV=test and DEV/PROD/SSR/TEST/MODE into
 * process.env, and Astro would turn DEV into import.meta.env.DEV, building a dev-mode site (no
 * search). Drop them and build for production.
 */
export function productionBuildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (['DEV', 'PROD', 'SSR', 'TEST', 'MODE', 'BASE_URL', 'NODE_ENV'].includes(key) || key.startsWith('VITEST')) continue;
    clean[key] = value;
  }
  return { ...clean, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' };
}

export default async function buildOnce() {
  if (process.env.COURSE_SKIP_BUILD === '1' && !process.env.CI && existsSync('dist/index.html')) return;
  await execa('node_modules/.bin/astro', ['build'], { env: productionBuildEnv(), extendEnv: false, stdio: 'inherit' });
}
