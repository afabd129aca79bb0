/**
 * cluster/host: the capability probe and the runtime wrapper dockerd uses where the machine lacks
 * capabilities. The wrapper is run with a stand-in for the real runc that records what it got.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../graders/harness.ts';

const hasJq = (() => {
  try {
    execFileSync('jq', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

describe('cluster/host scripts', () => {
  it('missing-caps.sh prints the names missing from the bounding set as a JSON array', () => {
    const out = JSON.parse(execFileSync('bash', [join(ROOT, 'cluster/host/missing-caps.sh')], { encoding: 'utf8' })) as string[];
    const bnd = BigInt(`0x${/CapBnd:\s*([0-9a-f]+)/.exec(readFileSync('/proc/self/status', 'utf8'))![1]}`);
    expect(out.includes('CAP_SYS_RESOURCE')).toBe((bnd & (1n << 24n)) === 0n);
    for (const name of out) expect(name).toMatch(/^CAP_[A-Z_]+$/);
  });

  it.skipIf(!hasJq)('runc-cap-filter.sh drops the listed capabilities from the bundle and exec specs, and passes every argument through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capfilter-'));
    const wrapper = join(dir, 'runc');
    writeFileSync(wrapper, readFileSync(join(ROOT, 'cluster/host/runc-cap-filter.sh'), 'utf8').replace('@DROP_CAPS@', '["CAP_SYS_RESOURCE"]').replace('@REAL_RUNC@', join(dir, 'real-runc')));
    chmodSync(wrapper, 0o755);
    const fake = join(dir, 'real-runc');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > ${dir}/args\n`);
    chmodSync(fake, 0o755);
    const caps = ['CAP_CHOWN', 'CAP_SYS_RESOURCE', 'CAP_SYS_ADMIN'];
    mkdirSync(join(dir, 'bundle'));
    writeFileSync(join(dir, 'bundle/config.json'), JSON.stringify({ ociVersion: '1.0.2', process: { args: ['sh'], capabilities: { bounding: caps, effective: caps, permitted: caps } } }));
    writeFileSync(join(dir, 'process.json'), JSON.stringify({ args: ['sh'], capabilities: { bounding: caps, effective: caps } }));
    const env = { ...process.env };
    execFileSync(wrapper, ['--root', '/run/x', 'create', '--bundle', join(dir, 'bundle'), '--pid-file', 'p', 'id1'], { env });
    expect(readFileSync(join(dir, 'args'), 'utf8').trim().split('\n')).toEqual(['--root', '/run/x', 'create', '--bundle', join(dir, 'bundle'), '--pid-file', 'p', 'id1']);
    const config = JSON.parse(readFileSync(join(dir, 'bundle/config.json'), 'utf8'));
    expect(config.process.capabilities.bounding).toEqual(['CAP_CHOWN', 'CAP_SYS_ADMIN']);
    expect(config.process.capabilities.permitted).toEqual(['CAP_CHOWN', 'CAP_SYS_ADMIN']);
    expect(config.process.args).toEqual(['sh']);
    execFileSync(wrapper, ['exec', `--process=${join(dir, 'process.json')}`, 'id1'], { env });
    expect(JSON.parse(readFileSync(join(dir, 'process.json'), 'utf8')).capabilities.effective).toEqual(['CAP_CHOWN', 'CAP_SYS_ADMIN']);
    execFileSync(wrapper, ['--version'], { env });
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe('--version');
  });
});
