import { describe, expect, it } from 'vitest';
import { registryOf, registryUnreachable, unreachableText } from '../../../src/grader/scenario/pull-errors.ts';

// Messages as the kubelet reports them (containerd's wording), shortened.
const DNS_HUB = 'failed to pull and unpack image "docker.io/library/nginx:1.27": failed to resolve reference "docker.io/library/nginx:1.27": failed to do request: Head "https://registry-1.docker.io/v2/library/nginx/manifests/1.27": dial tcp: lookup registry-1.docker.io on 10.96.0.10:53: no such host';
const TIMEOUT = 'failed to pull and unpack image "registry.k8s.io/pause:3.10": failed to do request: Head "https://registry.k8s.io/v2/pause/manifests/3.10": dial tcp 34.96.108.209:443: i/o timeout';
const MISSING = 'failed to pull and unpack image "docker.io/library/busybox-does-not-exist:1.36": failed to resolve reference: pull access denied, repository does not exist or may require authorization';
const NOT_FOUND = 'failed to resolve reference "docker.io/library/busybox:1.99": docker.io/library/busybox:1.99: not found';
const TYPO_HOST = 'failed to do request: Head "https://regsitry.k8s.io/v2/pause/manifests/3.10": dial tcp: lookup regsitry.k8s.io on 10.96.0.10:53: no such host';

describe('registryUnreachable', () => {
  it('is the network when a known registry cannot be looked up or answered', () => {
    expect(registryUnreachable('nginx:1.27', DNS_HUB)).toBe(true);
    expect(registryUnreachable('registry.k8s.io/pause:3.10', TIMEOUT)).toBe(true);
  });

  it('is the answer when the image does not exist, or the registry host is a typo', () => {
    expect(registryUnreachable('busybox-does-not-exist:1.36', MISSING)).toBe(false);
    expect(registryUnreachable('busybox:1.99', NOT_FOUND)).toBe(false);
    expect(registryUnreachable('regsitry.k8s.io/pause:3.10', TYPO_HOST)).toBe(false);
    expect(registryUnreachable('busybox:1.36', undefined)).toBe(false);
  });

  it('knows the registry of an image reference', () => {
    expect(registryOf('busybox:1.36')).toBe('docker.io');
    expect(registryOf('library/busybox')).toBe('docker.io');
    expect(registryOf('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io');
    expect(registryOf('localhost:5000/x')).toBe('localhost');
  });

  it('says so in both languages, with kind load on kind', () => {
    const t = unreachableText('nginx:1.27', true);
    expect(t.reason.en).toContain("that is the machine's network, not your answer");
    expect(t.reason['zh-cn']).toContain('不是你的答案的问题');
    expect(t.hint.en).toContain('kind load docker-image nginx:1.27 --name k8s-storage-course');
    expect(unreachableText('nginx:1.27', false).hint.en).not.toContain('kind load');
  });
});
