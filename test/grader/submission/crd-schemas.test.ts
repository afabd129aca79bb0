import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resourceFor } from '../../../src/grader/cluster/common/kinds.ts';
import { CRD_REMOVED, CRD_SERVED, REMOVED, SERVED } from '../../../src/grader/submission/api-table.ts';
import { cachedCrdDir, extractSnapshotSchemas, renderSchemaFile, SCHEMA_FILE, SNAPSHOT_MODULE, type CrdSchemaFile } from '../../../src/grader/submission/crd-extract.ts';
import { loadCrdValidator, toAjvSchema } from '../../../src/grader/submission/crd-models.ts';
import { CREATE_RULES } from '../../../src/grader/submission/rules-snapshot.ts';
import { CLUSTER_SCOPED, isNamespaced } from '../../../src/grader/submission/scope.ts';
import { readVersions } from '../../../src/local-cluster/versions.ts';

const committedText = readFileSync(SCHEMA_FILE, 'utf8');
const committed = JSON.parse(committedText) as CrdSchemaFile;
const versions = readVersions('.');

/** Every x-kubernetes-validations rule of a schema, with the schema path it sits at. */
function celRules(schema: Record<string, unknown>, path: string[] = []): { path: string[]; rule: string; message: string }[] {
  const own = ((schema['x-kubernetes-validations'] as { rule: string; message: string }[] | undefined) ?? []).map((r) => ({ path, rule: r.rule, message: r.message }));
  const children = Object.entries((schema.properties as Record<string, Record<string, unknown>> | undefined) ?? {}).flatMap(([k, v]) => celRules(v, [...path, k]));
  return [...own, ...children];
}

describe('the committed snapshot CRD schemas', () => {
  it('come from the external-snapshotter client module that cluster/versions.env pins', () => {
    expect(committed.module).toBe(SNAPSHOT_MODULE);
    expect(committed.version).toBe(versions.CSI_SNAPSHOTTER_VERSION);
    expect(committed.apiVersion).toBe('snapshot.storage.k8s.io/v1');
    expect(Object.keys(committed.kinds).sort()).toEqual(['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent']);
  });

  it('equal a fresh extraction from the Go module cache (npm run crd-schemas)', (ctx) => {
    const dir = cachedCrdDir(versions);
    if (!dir) {
      ctx.skip(`not checked: ${SNAPSHOT_MODULE}@${versions.CSI_SNAPSHOTTER_VERSION} is not in the Go module cache (npm run crd-schemas downloads it)`);
    }
    expect(renderSchemaFile(extractSnapshotSchemas(dir!, versions.CSI_SNAPSHOTTER_VERSION))).toBe(committedText);
  });

  it('agree with the API table: v1 is served, and every version the CRDs no longer serve is refused as removed', () => {
    expect(CRD_SERVED).toEqual({ 'snapshot.storage.k8s.io/v1': Object.keys(committed.kinds).sort() });
    for (const [kind, entry] of Object.entries(committed.kinds)) {
      expect(entry.unservedVersions).toEqual(['v1beta1']);
      for (const v of entry.unservedVersions) expect(CRD_REMOVED[`snapshot.storage.k8s.io/${v}`]?.kinds, `${kind} ${v}`).toContain(kind);
    }
    for (const v of Object.keys(CRD_REMOVED)) {
      expect(v).toMatch(/v\d+(alpha|beta)\d+$/);
      expect(CRD_SERVED[v]).toBeUndefined();
      expect(REMOVED[v]).toBeUndefined();
      expect(CRD_REMOVED[v]!.project).toBe('external-snapshotter');
    }
    for (const v of Object.keys(CRD_SERVED)) expect(SERVED[v]).toBeUndefined();
    expect(CRD_REMOVED['snapshot.storage.k8s.io/v1beta1']!.removedIn).toBe('6.0');
    expect(CRD_REMOVED['snapshot.storage.k8s.io/v1alpha1']!.removedIn).toBe('2.0');
  });

  it('agree with scope.ts: VolumeSnapshotClass and VolumeSnapshotContent are cluster-scoped, VolumeSnapshot is namespaced', () => {
    for (const [kind, entry] of Object.entries(committed.kinds)) {
      expect(CLUSTER_SCOPED.has(kind), kind).toBe(entry.scope === 'Cluster');
      expect(isNamespaced(kind), kind).toBe(entry.scope === 'Namespaced');
    }
    expect(isNamespaced('VolumeSnapshot')).toBe(true);
    expect(isNamespaced('VolumeSnapshotClass')).toBe(false);
    expect(isNamespaced('VolumeSnapshotContent')).toBe(false);
  });

  it('agree with the grader\'s fully qualified resource names', () => {
    for (const [kind, entry] of Object.entries(committed.kinds)) expect(resourceFor(kind), kind).toBe(entry.resource);
    expect(resourceFor('VolumeSnapshot')).toBe('volumesnapshots.snapshot.storage.k8s.io');
  });

  it('have no create-time CEL rule the grader does not implement (rules with oldSelf run on updates only)', () => {
    const inFile = Object.entries(committed.kinds).flatMap(([kind, e]) => celRules(e.schema).map((r) => ({ kind, ...r })));
    const create = inFile.filter((r) => !/\boldSelf\b/.test(r.rule));
    const key = (r: { kind: string; path: readonly (string | number)[]; rule: string; message: string }) => `${r.kind} ${r.path.join('.')} ${r.rule} => ${r.message}`;
    expect(create.map(key).sort()).toEqual(CREATE_RULES.map(key).sort());
    expect(create).toHaveLength(4);
    expect(inFile.length).toBeGreaterThan(create.length); // the transition rules are there, and left out
  });

  it('compile with ajv in strict mode, status and CEL left out', async () => {
    for (const kind of Object.keys(committed.kinds)) {
      const { validate } = await loadCrdValidator('snapshot.storage.k8s.io/v1', kind);
      expect(typeof validate, kind).toBe('function');
      expect(JSON.stringify(validate.schema)).not.toMatch(/x-kubernetes-|"status"/);
    }
    await expect(loadCrdValidator('snapshot.storage.k8s.io/v1', 'VolumeGroupSnapshot')).rejects.toThrow(/no CRD schema for VolumeGroupSnapshot/);
  });
});

describe('toAjvSchema', () => {
  it('turns int-or-string into anyOf, makes optional fields nullable, and refuses keywords it cannot honour', () => {
    const out = toAjvSchema({
      type: 'object',
      required: ['a'],
      properties: {
        a: { type: 'string' },
        b: { type: 'string', enum: ['X'] },
        size: { type: 'string', 'x-kubernetes-int-or-string': true },
        ref: { type: 'object', 'x-kubernetes-map-type': 'atomic', 'x-kubernetes-validations': [{ rule: 'true', message: 'm' }] },
      },
    });
    expect(out.properties).toEqual({
      a: { type: 'string' },
      b: { type: 'string', enum: ['X', null], nullable: true },
      size: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
      ref: { type: 'object', nullable: true },
    });
    expect(() => toAjvSchema({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true })).toThrow(/x-kubernetes-preserve-unknown-fields is not supported/);
  });
});
