/**
 * Extracts the schemas of the snapshot CRDs (snapshot.storage.k8s.io/v1: VolumeSnapshot,
 * VolumeSnapshotClass, VolumeSnapshotContent) from the files the course cluster installs: the
 * external-snapshotter client module's config/crd, at the version cluster/versions.env pins
 * (CSI_SNAPSHOTTER_VERSION), as src/local-cluster/csi.ts applies them. `npm run crd-schemas`
 * writes the result to crd-schemas/snapshot.storage.k8s.io-v1.json (committed, read by
 * crd-models.ts); test/grader/submission/crd-schemas.test.ts checks the committed file equals a
 * fresh extraction. Each kind keeps its served v1 openAPIV3Schema verbatim, CEL rules included
 * (crd-models.ts leaves them out of ajv; rules-snapshot.ts implements the ones a create meets),
 * plus the scope, the resource name and the versions the CRD lists but does not serve.
 * Used by the script and the test only: the grader reads the JSON file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SNAPSHOT_CRDS, snapshotCrdDir } from '../../local-cluster/csi.ts';
import type { Versions } from '../../local-cluster/versions.ts';

export const SNAPSHOT_MODULE = 'github.com/kubernetes-csi/external-snapshotter/client/v8';
export const SNAPSHOT_GROUP = 'snapshot.storage.k8s.io';
export const SNAPSHOT_VERSION = 'v1';
/** Where the committed file lives, relative to the repository root. */
export const SCHEMA_FILE = 'src/grader/submission/crd-schemas/snapshot.storage.k8s.io-v1.json';

export interface CrdKindSchema {
  /** The CRD's file inside the module. */
  file: string;
  /** Fully qualified resource name, e.g. volumesnapshots.snapshot.storage.k8s.io. */
  resource: string;
  scope: 'Namespaced' | 'Cluster';
  /** Versions the CRD lists with served: false (e.g. v1beta1). */
  unservedVersions: string[];
  /** The served v1 version's openAPIV3Schema, as the CRD has it. */
  schema: Record<string, unknown>;
}

export interface CrdSchemaFile {
  '//': string;
  module: string;
  version: string;
  apiVersion: string;
  kinds: Record<string, CrdKindSchema>;
}

/** The Go module cache: `go env GOMODCACHE`, else $GOMODCACHE, $GOPATH/pkg/mod or ~/go/pkg/mod. */
export function goModCache(env: NodeJS.ProcessEnv = process.env): string {
  try {
    const out = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env }).trim();
    if (out) return out;
  } catch {
    // no Go toolchain: fall back to the defaults Go itself would use
  }
  if (env.GOMODCACHE) return env.GOMODCACHE;
  const gopath = env.GOPATH?.split(':')[0];
  return join(gopath || join(homedir(), 'go'), 'pkg', 'mod');
}

/** The module's config/crd folder in the cache, or undefined when the module is not there. */
export function cachedCrdDir(versions: Versions, cache = goModCache()): string | undefined {
  const dir = snapshotCrdDir(cache, versions);
  return SNAPSHOT_CRDS.every((f) => existsSync(join(dir, f))) ? dir : undefined;
}

interface CrdVersion {
  name?: unknown;
  served?: unknown;
  schema?: { openAPIV3Schema?: unknown };
}

/** The schema file's content, from the CRD files in `crdDir` (the module's config/crd). */
export function extractSnapshotSchemas(crdDir: string, moduleVersion: string): CrdSchemaFile {
  const kinds: Record<string, CrdKindSchema> = {};
  for (const name of SNAPSHOT_CRDS) {
    const path = join(crdDir, name);
    const crd = parse(readFileSync(path, 'utf8')) as {
      kind?: unknown;
      metadata?: { name?: unknown };
      spec?: { group?: unknown; scope?: unknown; names?: { kind?: unknown; plural?: unknown }; versions?: CrdVersion[] };
    };
    const fail = (why: string): never => {
      throw new Error(`${path}: ${why}`);
    };
    if (crd?.kind !== 'CustomResourceDefinition') fail('not a CustomResourceDefinition');
    const spec = crd.spec ?? fail('no spec');
    if (spec.group !== SNAPSHOT_GROUP) fail(`group ${String(spec.group)}, expected ${SNAPSHOT_GROUP}`);
    const kind = typeof spec.names?.kind === 'string' ? spec.names.kind : fail('no spec.names.kind');
    const plural = typeof spec.names?.plural === 'string' ? spec.names.plural : fail('no spec.names.plural');
    if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') fail(`scope ${String(spec.scope)}`);
    const resource = `${plural}.${SNAPSHOT_GROUP}`;
    if (crd.metadata?.name !== resource) fail(`metadata.name ${String(crd.metadata?.name)}, expected ${resource}`);
    const versions = spec.versions ?? [];
    const served = versions.filter((v) => v.name === SNAPSHOT_VERSION && v.served === true);
    if (served.length !== 1) fail(`no served ${SNAPSHOT_VERSION} version`);
    const schema = served[0]!.schema?.openAPIV3Schema;
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) fail(`${SNAPSHOT_VERSION} has no openAPIV3Schema`);
    kinds[kind] = {
      file: `config/crd/${name}`,
      resource,
      scope: spec.scope as 'Namespaced' | 'Cluster',
      unservedVersions: versions.filter((v) => v.served !== true).map((v) => String(v.name)),
      schema: schema as Record<string, unknown>,
    };
  }
  return {
    '//': `Generated by npm run crd-schemas from ${SNAPSHOT_MODULE}@${moduleVersion} (config/crd); do not edit.`,
    module: SNAPSHOT_MODULE,
    version: moduleVersion,
    apiVersion: `${SNAPSHOT_GROUP}/${SNAPSHOT_VERSION}`,
    kinds,
  };
}

/** The file's text: two-space JSON and a final newline, so a fresh extraction compares byte for byte. */
export function renderSchemaFile(content: CrdSchemaFile): string {
  return `${JSON.stringify(content, null, 2)}\n`;
}

/**
 * `npm run crd-schemas`: downloads the pinned module into the Go module cache when it is not there
 * (`go mod download`, through the Go module proxy), extracts the schemas and writes SCHEMA_FILE.
 * Returns the exit code; messages in both languages.
 */
export function crdSchemasMain(root: string, versions: Versions, log: (line: string) => void, warn: (line: string) => void): number {
  const module = `${SNAPSHOT_MODULE}@${versions.CSI_SNAPSHOTTER_VERSION}`;
  let dir: string;
  try {
    const out = execFileSync('go', ['mod', 'download', '-json', module], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
    const info = JSON.parse(out) as { Dir?: string; Error?: string };
    if (!info.Dir) throw new Error(info.Error ?? 'go mod download printed no Dir');
    dir = join(info.Dir, 'config', 'crd');
  } catch (err) {
    const detail = (err as { stderr?: string }).stderr?.trim() || (err as Error).message;
    warn(`crd-schemas: could not get ${module} (${detail}); this needs Go (go mod download)`);
    warn(`crd-schemas：无法获取 ${module}（${detail}）；这一步需要 Go（go mod download）`);
    return 1;
  }
  const text = renderSchemaFile(extractSnapshotSchemas(dir, versions.CSI_SNAPSHOTTER_VERSION));
  const target = join(root, SCHEMA_FILE);
  const before = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
  writeFileSync(target, text);
  const what = before === text ? { en: 'unchanged', zh: '未变化' } : { en: 'written', zh: '已写入' };
  log(`crd-schemas: ${SCHEMA_FILE} ${what.en} (from ${module}, ${dir})`);
  log(`crd-schemas：${SCHEMA_FILE} ${what.zh}（来自 ${module}，${dir}）`);
  return 0;
}
