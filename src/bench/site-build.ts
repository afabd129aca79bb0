/**
 * Builds the site into a temporary folder with `astro build --outDir <tmp>` (so the bench needs no
 * dist/ and never touches it) and times the build. When /tmp/astro-build.lock exists, the build
 * runs under `flock` on it, like every other build on a shared machine, and the time spent
 * waiting for the lock is reported apart from the build itself.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const BUILD_LOCK = '/tmp/astro-build.lock';
const LOCKED = '__bench_lock_acquired__';

export interface SiteBuild {
  ok: boolean;
  /** Build time, lock wait excluded. */
  buildMs: number;
  /** Time spent waiting for the lock (0 without one). */
  lockWaitMs: number;
  locked: boolean;
  outDir: string;
  /** The end of the build's output when it failed. */
  errorTail?: string;
}

/** Runs astro build into outDir; never rejects for a failed build (ok: false and the output tail). */
export function buildSite(root: string, outDir: string, limitMs = 300_000): Promise<SiteBuild> {
  const astro = join(root, 'node_modules/.bin/astro');
  const locked = existsSync(BUILD_LOCK) && existsSync('/usr/bin/flock');
  const [cmd, args] = locked
    ? ['/usr/bin/flock', [BUILD_LOCK, 'sh', '-c', `echo ${LOCKED}; exec "$0" build --outDir "$1"`, astro, outDir]]
    : [astro, ['build', '--outDir', outDir]];
  const start = performance.now();
  let buildStart = locked ? undefined : start;
  let output = '';
  const child = spawn(cmd, args as string[], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    if (buildStart === undefined && text.includes(LOCKED)) buildStart = performance.now();
    output = (output + text).slice(-4000);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((done) => {
    const finish = (ok: boolean, extra = '') => {
      clearTimeout(timer);
      const end = performance.now();
      const begun = buildStart ?? end;
      done({
        ok,
        buildMs: Math.round(end - begun),
        lockWaitMs: Math.round(begun - start),
        locked,
        outDir,
        ...(ok ? {} : { errorTail: (output + extra).trim().split('\n').slice(-15).join('\n') }),
      });
    };
    child.on('error', (err) => finish(false, `\n${err.message}`));
    child.on('close', (code) => finish(code === 0 && existsSync(join(outDir, 'index.html')), code === 0 ? '\nno index.html in the output' : ''));
  });
}

