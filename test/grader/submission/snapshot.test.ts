import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUnsafe } from '../../../src/grader/submission/safety.ts';
import { isNamespaced } from '../../../src/grader/submission/scope.ts';
import { expectOk, expectProblem, loadFiles, problemsOfFiles } from './helpers.ts';

/** A YAML document from lines. */
const doc = (...lines: string[]) => `${lines.join('\n')}\n`;

const SNAPSHOT_HEAD = ['apiVersion: snapshot.storage.k8s.io/v1', 'kind: VolumeSnapshot', 'metadata:', '  name: data-snap'];

const VALID = doc(
  ...SNAPSHOT_HEAD,
  '  namespace: lesson-7',
  '  labels: {app: data}',
  'spec:',
  '  volumeSnapshotClassName: course-snapclass',
  '  source:',
  '    persistentVolumeClaimName: data',
  'status:',
  '  readyToUse: true',
);

describe('VolumeSnapshot (snapshot.storage.k8s.io/v1, from the external-snapshotter CRD)', () => {
  it('loads a valid snapshot, and one made from an existing VolumeSnapshotContent', async () => {
    const fromContent = doc('apiVersion: snapshot.storage.k8s.io/v1', 'kind: VolumeSnapshot', 'metadata: {name: imported}', 'spec:', '  source: {volumeSnapshotContentName: imported-content}');
    const result = expectOk(await loadFiles({ 'snap.yaml': VALID, 'imported.yaml': fromContent }));
    expect(result.submission.find('VolumeSnapshot', 'data-snap')?.object.spec).toEqual({ volumeSnapshotClassName: 'course-snapclass', source: { persistentVolumeClaimName: 'data' } });
    expect(result.submission.all('VolumeSnapshot')).toHaveLength(2);
    // Namespaced: its metadata.namespace is noted as ignored, as for a claim.
    expect(result.notes.map((n) => n.en).join('\n')).toContain('metadata.namespace "lesson-7" of VolumeSnapshot "data-snap" is ignored');
  });

  it('refuses a snapshot without spec.source (the schema), and one whose source names nothing (the CRD\'s CEL rule)', async () => {
    const { problems, dir } = await problemsOfFiles({
      'a.yaml': doc(...SNAPSHOT_HEAD, 'spec:', '  volumeSnapshotClassName: course-snapclass'),
      'b.yaml': doc(...SNAPSHOT_HEAD, 'spec:', '  source: {}'),
      'c.yaml': doc(...SNAPSHOT_HEAD, 'spec:', '  source:', '    persistentVolumeClaimName:'),
    });
    expectProblem(problems, 'schema.required', `${path.join(dir, 'a.yaml')}:5:1`, ['missing required field "source" in spec'], ['spec 缺少必填字段 "source"']);
    const none = ['spec.source names nothing to snapshot', 'exactly one of persistentVolumeClaimName', 'exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set'];
    expectProblem(problems, 'server.snapshotSource', `${path.join(dir, 'b.yaml')}:6:3`, none, ['设置且只设置一个']);
    // A key with no value is null, which the API server prunes: no source either.
    expectProblem(problems, 'server.snapshotSource', `${path.join(dir, 'c.yaml')}:6:3`, none, ['设置且只设置一个']);
    expect(problems).toHaveLength(3);
  });

  it('refuses a source with both a claim and a content, at the second one', async () => {
    const { problems, dir } = await problemsOfFiles({
      'snap.yaml': doc(...SNAPSHOT_HEAD, 'spec:', '  source:', '    volumeSnapshotContentName: old-content', '    persistentVolumeClaimName: data'),
    });
    expectProblem(problems, 'server.snapshotSource', `${path.join(dir, 'snap.yaml')}:8:5`,
      ['spec.source sets both persistentVolumeClaimName and volumeSnapshotContentName; keep exactly one', 'must be set'],
      ['同时设置了 persistentVolumeClaimName 和 volumeSnapshotContentName']);
    expect(problems).toHaveLength(1);
  });

  it('reports unknown fields with a suggestion and file:line, as for built-in kinds', async () => {
    const { problems, dir } = await problemsOfFiles({
      'snap.yaml': doc(...SNAPSHOT_HEAD, '  lables: {app: data}', 'spec:', '  volumeSnapshotClass: course-snapclass', '  source:', '    persistentVolumeClaim: data', 'sepc: {}'),
    });
    const file = path.join(dir, 'snap.yaml');
    expectProblem(problems, 'schema.unknownField', `${file}:7:3`, ['unknown field "volumeSnapshotClass" in spec (did you mean "volumeSnapshotClassName"?)'], ['spec 中有未知字段 "volumeSnapshotClass"（你是不是想写 "volumeSnapshotClassName"？）']);
    expectProblem(problems, 'schema.unknownField', `${file}:9:5`, ['unknown field "persistentVolumeClaim" in spec.source (did you mean "persistentVolumeClaimName"?)'], ['"persistentVolumeClaimName"']);
    // metadata is checked as an ObjectMeta, like the API server does for every custom resource.
    expectProblem(problems, 'schema.unknownField', `${file}:5:3`, ['unknown field "lables" in metadata (did you mean "labels"?)'], ['metadata 中有未知字段 "lables"']);
    expectProblem(problems, 'schema.unknownField', `${file}:10:1`, ['unknown field "sepc" at the top level (did you mean "spec"?)'], ['顶层有未知字段 "sepc"']);
    expect(problems).toHaveLength(4);
  });

  it('explains wrong types, with the quoting hint', async () => {
    const { problems, dir } = await problemsOfFiles({
      'a.yaml': doc(...SNAPSHOT_HEAD, 'spec:', '  source:', '    persistentVolumeClaimName: 42'),
      'b.yaml': doc(...SNAPSHOT_HEAD, 'spec:', '  source: data'),
      'c.yaml': doc(...SNAPSHOT_HEAD, '  labels: {tier: 3}', 'spec:', '  source: {persistentVolumeClaimName: data}'),
    });
    expectProblem(problems, 'schema.type', `${path.join(dir, 'a.yaml')}:7:32`, ['spec.source.persistentVolumeClaimName must be a string, got the number 42 (put it in quotes: "42")'], ['必须是字符串', '"42"']);
    expectProblem(problems, 'schema.type', `${path.join(dir, 'b.yaml')}:6:11`, ['spec.source must be a mapping', 'got the string "data"'], ['字符串 "data"']);
    expectProblem(problems, 'schema.type', `${path.join(dir, 'c.yaml')}:5:18`, ['metadata.labels.tier must be a string'], ['必须是字符串']);
    expect(problems).toHaveLength(3);
  });

  it('refuses an empty volumeSnapshotClassName (the CRD\'s CEL rule)', async () => {
    const { problems, dir } = await problemsOfFiles({ 'snap.yaml': doc(...SNAPSHOT_HEAD, 'spec:', '  volumeSnapshotClassName: ""', '  source: {persistentVolumeClaimName: data}') });
    expectProblem(problems, 'server.snapshotClassName', `${path.join(dir, 'snap.yaml')}:6:28`, ['spec.volumeSnapshotClassName must not be the empty string when set'], ['不能是空字符串']);
    expect(problems).toHaveLength(1);
  });

  it('refuses v1beta1 and v1alpha1 as removed by external-snapshotter, and the wrong group', async () => {
    const body = ['metadata: {name: s}', 'spec: {source: {persistentVolumeClaimName: data}}'];
    const { problems, dir } = await problemsOfFiles({
      'a.yaml': doc('apiVersion: snapshot.storage.k8s.io/v1beta1', 'kind: VolumeSnapshot', ...body),
      'b.yaml': doc('apiVersion: snapshot.storage.k8s.io/v1alpha1', 'kind: VolumeSnapshotClass', 'metadata: {name: c}'),
      'c.yaml': doc('apiVersion: storage.k8s.io/v1', 'kind: VolumeSnapshot', ...body),
      'd.yaml': doc('apiVersion: snapshot.storage.k8s.io/v1', 'kind: VolumeSnapshots', ...body),
    });
    expectProblem(problems, 'api.removed', `${path.join(dir, 'a.yaml')}:1:13`,
      ['VolumeSnapshot in snapshot.storage.k8s.io/v1beta1 was removed in external-snapshotter 6.0', 'use apiVersion: snapshot.storage.k8s.io/v1'],
      ['snapshot.storage.k8s.io/v1beta1 中的 VolumeSnapshot 已在 external-snapshotter 6.0 中移除', '请改用 apiVersion: snapshot.storage.k8s.io/v1']);
    expectProblem(problems, 'api.removed', `${path.join(dir, 'b.yaml')}:1:13`, ['VolumeSnapshotClass in snapshot.storage.k8s.io/v1alpha1 was removed in external-snapshotter 2.0'], ['external-snapshotter 2.0 中移除']);
    expectProblem(problems, 'api.wrongGroup', `${path.join(dir, 'c.yaml')}:1:13`, ['VolumeSnapshot is in snapshot.storage.k8s.io/v1, not storage.k8s.io/v1'], ['VolumeSnapshot 属于 snapshot.storage.k8s.io/v1']);
    expectProblem(problems, 'api.unknownKind', `${path.join(dir, 'd.yaml')}:2:7`, ['(did you mean "VolumeSnapshot"?)'], ['"VolumeSnapshot"']);
    expect(problems).toHaveLength(4);
  });
});

describe('VolumeSnapshotClass and VolumeSnapshotContent', () => {
  it('are checked against their CRD schemas: required fields, enums, map values', async () => {
    const { problems, dir } = await problemsOfFiles({
      'class.yaml': doc('apiVersion: snapshot.storage.k8s.io/v1', 'kind: VolumeSnapshotClass', 'metadata: {name: c}', 'driver: csi.k8s-storage-course.local', 'deletionPolicy: delete', 'parameters:', '  retries: 3'),
      'bare.yaml': doc('apiVersion: snapshot.storage.k8s.io/v1', 'kind: VolumeSnapshotClass', 'metadata: {name: d}', 'deletionPolicy: Retain'),
    });
    const file = path.join(dir, 'class.yaml');
    expectProblem(problems, 'schema.enum', `${file}:5:17`, ['deletionPolicy: "delete" is not allowed; use one of Delete, Retain (did you mean "Delete"?)'], ['"Delete"']);
    expectProblem(problems, 'schema.type', `${file}:7:12`, ['parameters.retries must be a string, got the number 3'], ['必须是字符串']);
    expectProblem(problems, 'schema.required', `${path.join(dir, 'bare.yaml')}:1:1`, ['missing required field "driver"'], ['缺少必填字段 "driver"']);
    expect(problems).toHaveLength(3);
  });

  it('apply the content\'s CEL rules: one of volumeHandle and snapshotHandle, a snapshot ref with name and namespace', async () => {
    const { problems, dir } = await problemsOfFiles({
      'content.yaml': doc(
        'apiVersion: snapshot.storage.k8s.io/v1', 'kind: VolumeSnapshotContent', 'metadata: {name: c}', 'spec:',
        '  driver: csi.k8s-storage-course.local', '  deletionPolicy: Retain',
        '  source: {volumeHandle: v, snapshotHandle: s}', '  volumeSnapshotRef: {name: data-snap}',
      ),
    });
    const file = path.join(dir, 'content.yaml');
    expectProblem(problems, 'server.contentSource', `${file}:7:29`, ['spec.source sets both volumeHandle and snapshotHandle'], ['同时设置了 volumeHandle 和 snapshotHandle']);
    expectProblem(problems, 'server.contentSnapshotRef', `${file}:8:3`, ['spec.volumeSnapshotRef has no namespace', 'must be set'], ['缺少 namespace']);
    expect(problems).toHaveLength(2);
  });

  it('are cluster-scoped, so the safety rules refuse them (the course cluster brings course-snapclass); a VolumeSnapshot is not', async () => {
    expect(isNamespaced('VolumeSnapshot')).toBe(true);
    expect(isNamespaced('VolumeSnapshotClass')).toBe(false);
    expect(isNamespaced('VolumeSnapshotContent')).toBe(false);
    const result = await loadFiles({
      'class.yaml': doc('apiVersion: snapshot.storage.k8s.io/v1', 'kind: VolumeSnapshotClass', 'metadata: {name: mine, namespace: x}', 'driver: csi.k8s-storage-course.local', 'deletionPolicy: Delete'),
      'snap.yaml': VALID,
    });
    const { submission, notes } = expectOk(result);
    // Its metadata.namespace means nothing (the API server drops it), so no note about ignoring it.
    expect(notes.map((n) => n.en).filter((n) => n.includes('VolumeSnapshotClass'))).toEqual([]);
    const unsafe = findUnsafe(submission, { lesson: 'lesson-7', hostPaths: [] });
    expect(unsafe.map((p) => `${p.code}@${p.at?.line}`)).toEqual(['safety.clusterScoped@1']);
    expect(unsafe[0]!.message.en).toContain('VolumeSnapshotClass "mine" changes the whole cluster');
  });
});
