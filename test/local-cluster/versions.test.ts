import { describe, expect, it } from 'vitest';
import { kubernetesMinor, parseVersions, readVersions, VERSION_KEYS, VersionsFileError } from '../../src/local-cluster/versions.ts';
import { ROOT } from '../graders/harness.ts';

const full = VERSION_KEYS.map((k) => `${k}=v1`).join('\n');

describe('cluster/versions.env', () => {
  it('the repository file has every key, with Kubernetes v1.35.x and kind v0.31.0', () => {
    const v = readVersions(ROOT);
    expect(v.KUBERNETES_VERSION).toMatch(/^v1\.35\.\d+$/);
    expect(v.KIND_VERSION).toBe('v0.31.0');
    for (const key of VERSION_KEYS) expect(v[key], key).toMatch(/^[A-Za-z0-9._+-]+$/);
  });

  it('skips comments and blank lines', () => {
    expect(parseVersions(`# pins\n\n${full}\n`).KIND_VERSION).toBe('v1');
  });

  it('names file:line for a malformed line, a key set twice, and a missing key', () => {
    const bad = (text: string) => {
      try {
        parseVersions(text, 'v.env');
      } catch (err) {
        expect(err).toBeInstanceOf(VersionsFileError);
        return (err as Error).message;
      }
      throw new Error('no error');
    };
    expect(bad(`${full}\nKIND_VERSION = v2`)).toMatch(new RegExp(`^v\\.env:${VERSION_KEYS.length + 1}: expected KEY=value`));
    expect(bad(`${full}\nKIND_VERSION=v2`)).toBe(`v.env:${VERSION_KEYS.length + 1}: KIND_VERSION is set twice`);
    expect(bad(full.replace('DEBIAN_SUITE=v1', ''))).toMatch(/DEBIAN_SUITE is missing/);
    expect(bad(`${full}\nX=$(rm -rf /)`)).toMatch(new RegExp(`v\\.env:${VERSION_KEYS.length + 1}:`));
  });

  it('kubernetesMinor reads the staging modules\' minor', () => {
    expect(kubernetesMinor('v1.35.4')).toBe('35');
    expect(() => kubernetesMinor('1.35.4')).toThrow(/v1\.35\.4/);
  });
});
