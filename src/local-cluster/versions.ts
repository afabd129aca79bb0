/**
 * The pins of the course's real cluster, read from cluster/versions.env (KEY=value lines, `#`
 * comments). The same file is sourced by the build scripts, so both always agree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every key the build needs; a missing one is an error naming the file. */
export const VERSION_KEYS = [
  'KIND_VERSION',
  'KUBERNETES_VERSION',
  'CONTAINERD_VERSION',
  'RUNC_VERSION',
  'CRICTL_VERSION',
  'CNI_PLUGINS_VERSION',
  'ETCD_VERSION',
  'ETCD_IMAGE_TAG',
  'COREDNS_VERSION',
  'PAUSE_IMAGE_TAG',
  'LOCAL_PATH_PROVISIONER_VERSION',
  'DEBIAN_SUITE',
  'CSI_PROVISIONER_VERSION',
  'CSI_ATTACHER_VERSION',
  'CSI_RESIZER_VERSION',
  'CSI_SNAPSHOTTER_VERSION',
] as const;

export type VersionKey = (typeof VERSION_KEYS)[number];
export type Versions = Record<VersionKey, string>;

export class VersionsFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'VersionsFileError';
  }
}

const LINE = /^([A-Z][A-Z0-9_]*)=([A-Za-z0-9._+-]+)$/;

/** Parses the text of versions.env; throws VersionsFileError with file:line on a bad or missing line. */
export function parseVersions(text: string, file = 'cluster/versions.env'): Versions {
  const found: Partial<Record<string, string>> = {};
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = LINE.exec(line);
    if (!m) throw new VersionsFileError(file, i + 1, `expected KEY=value (letters, digits, . _ + -), got "${line}"`);
    if (m[1]! in found) throw new VersionsFileError(file, i + 1, `${m[1]} is set twice`);
    found[m[1]!] = m[2]!;
  });
  for (const key of VERSION_KEYS) {
    if (!found[key]) throw new VersionsFileError(file, text.split('\n').length, `${key} is missing`);
  }
  return found as Versions;
}

/** Reads cluster/versions.env of the repository at root. */
export function readVersions(root: string): Versions {
  const file = join(root, 'cluster', 'versions.env');
  return parseVersions(readFileSync(file, 'utf8'), file);
}

/** "v1.35.4" -> "35" (the minor the staging modules' v0.<minor>.<patch> uses). */
export function kubernetesMinor(version: string): string {
  const m = /^v1\.(\d+)\.\d+$/.exec(version);
  if (!m) throw new Error(`KUBERNETES_VERSION must look like v1.35.4, got ${version}`);
  return m[1]!;
}
