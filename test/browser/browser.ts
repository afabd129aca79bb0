/**
 * Launches Debian's chromium through playwright-core for browser tests. When chromium is not
 * installed, browser tests are skipped with a printed reason, except in CI, where they fail.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveDir } from './serve-dist.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser tests can run here; prints why not once. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`chromium not found at ${CHROMIUM}: CI must install it (apt-get install chromium)`);
  console.warn(`[browser tests skipped] chromium not found at ${CHROMIUM}; install it with: sudo apt-get install chromium fonts-noto-cjk`);
  return false;
}

/** Starts headless chromium with the flags this sandbox needs (no network beyond loopback). */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Records console errors and HTTP errors (>= 400) of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()} ${res.url()}`);
  });
  return errors;
}

/** The built site served on loopback plus a chromium, shared by one describe block. */
export interface SiteUnderTest {
  readonly browser: Browser;
  /** Base URL of the served dist/, e.g. http://127.0.0.1:40123 */
  readonly url: string;
}

/**
 * Serves dist (default dist/) and launches chromium before the tests of the calling describe
 * block, and closes both after them. Call it at the top of a describe body.
 */
export function useSite(dist = 'dist'): SiteUnderTest {
  let browser: Browser | undefined;
  let server: { url: string; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    server = await serveDir(dist);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('useSite: chromium is not running yet (use it inside a test)');
      return browser;
    },
    get url() {
      if (!server) throw new Error('useSite: the site is not served yet (use it inside a test)');
      return server.url;
    },
  };
}
