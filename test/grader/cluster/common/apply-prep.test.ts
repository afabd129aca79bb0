import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { ownership, prepareObjects } from '../../../../src/grader/cluster/common/apply-prep.ts';
import { ApplyError, type K8sObject } from '../../../../src/grader/cluster/cluster.ts';
import { assertAbsolutePath, assertLabelKey, isNamespaced, labelSelector, resourceFor } from '../../../../src/grader/cluster/common/kinds.ts';
import { normalizeRunId, runNamespace } from '../../../../src/grader/cluster/common/labels.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../fixtures/kubectl/${name}`, import.meta.url), 'utf8')) as K8sObject;

describe('prepareObjects', () => {
  it('forces namespaced objects into the run namespace, labels them, and drops server-set fields', () => {
    // A real object as `kubectl get -o json` prints it, re-applied: everything server-set must go.
    const [pvc] = prepareObjects([fixture('pvc-bound.json')], 'course-run1', 'run1');
    expect(pvc.metadata).toEqual({
      annotations: fixture('pvc-bound.json').metadata.annotations,
      finalizers: ['kubernetes.io/pvc-protection'],
      labels: { app: 'nginx-sts', 'storage-course/run': 'run1' },
      name: 'www-nginx-sts-0',
      namespace: 'course-run1',
    });
    expect(pvc.status).toBeUndefined();
  });

  it('drops ownerReferences (they point at objects of another cluster) and keeps cluster-scoped objects un-namespaced', () => {
    const [pod] = prepareObjects([fixture('pod-website-nginx.json')], 'course-run1', 'run1');
    expect(pod.metadata.ownerReferences).toBeUndefined();
    const [sc] = prepareObjects([{ ...fixture('storageclass-standard-gce.json'), metadata: { name: 'course-fast', namespace: 'oops' } }], 'course-run1', 'run1');
    expect(sc.metadata).toEqual({ name: 'course-fast', labels: { 'storage-course/run': 'run1' } });
  });

  it('keeps claims of class "" to the volumes of their own run (claim, StatefulSet template, ephemeral volume), and leaves claims of a real class alone', () => {
    const claim = (storageClassName: string | undefined, selector?: object) => ({ storageClassName, accessModes: ['ReadWriteOnce'], ...(selector ? { selector } : {}) });
    const [pvc, sts, pod, dynamic, unset] = prepareObjects(
      [
        { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'course-pvc' }, spec: claim('', { matchLabels: { tier: 'gold' } }) },
        { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: claim('') }] } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: claim('') } } }] } },
        { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'dyn-pvc' }, spec: claim('course-fast') },
        { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'default-pvc' }, spec: claim(undefined) },
      ] as K8sObject[],
      'course-run1',
      'run1',
    );
    expect(pvc.spec.selector).toEqual({ matchLabels: { tier: 'gold', 'storage-course/run': 'run1' } });
    expect(sts.spec.volumeClaimTemplates[0].spec.selector).toEqual({ matchLabels: { 'storage-course/run': 'run1' } });
    expect(pod.spec.volumes[0].ephemeral.volumeClaimTemplate.spec.selector).toEqual({ matchLabels: { 'storage-course/run': 'run1' } });
    expect(dynamic.spec.selector).toBeUndefined();
    expect(unset.spec.selector).toBeUndefined();
  });

  it('never mutates the caller\'s objects', () => {
    const original = fixture('pvc-bound.json');
    const copy = structuredClone(original);
    prepareObjects([original], 'course-run1', 'run1');
    expect(original).toEqual(copy);
  });

  it('refuses Namespace objects with an ApplyError naming them', () => {
    expect(() => prepareObjects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }], 'course-run1', 'run1')).toThrow(ApplyError);
  });
});

describe('ownership of an existing cluster-scoped object', () => {
  const pv = (labels?: Record<string, string>, deleting = false): K8sObject => ({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'course-pv', ...(labels ? { labels } : {}), ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  });
  it('applies over nothing or over our own object', () => {
    expect(ownership(undefined, 'run1')).toBe('apply');
    expect(ownership(pv({ 'storage-course/run': 'run1' }), 'run1')).toBe('apply');
  });
  it('waits for an object being deleted, replaces another run\'s leftover, refuses a foreign one', () => {
    expect(ownership(pv({ 'storage-course/run': 'run1' }, true), 'run1')).toBe('wait-until-gone');
    expect(ownership(pv({ 'storage-course/run': 'run0' }), 'run1')).toBe('replace');
    expect(ownership(pv(), 'run1')).toBe('refuse');
    expect(ownership(pv({ app: 'mine' }), 'run1')).toBe('refuse');
  });
});

describe('kinds, labels, run ids', () => {
  it('maps kinds to fully qualified resources and scopes', () => {
    expect(resourceFor('StorageClass')).toBe('storageclasses.storage.k8s.io');
    expect(resourceFor('Widget')).toBe('widget');
    expect(isNamespaced('PersistentVolume')).toBe(false);
    expect(isNamespaced('PersistentVolumeClaim')).toBe(true);
    expect(isNamespaced('Widget')).toBe(true);
  });

  it('validates label keys and selectors', () => {
    expect(assertLabelKey('storage-course/role')).toBe('storage-course/role');
    expect(() => assertLabelKey('-x')).toThrow(TypeError);
    expect(() => assertLabelKey('a/b/c')).toThrow(TypeError);
    expect(labelSelector({ a: 'b', c: '' })).toBe('a=b,c=');
  });

  it('only accepts absolute paths without NUL', () => {
    expect(assertAbsolutePath('/data/x')).toBe('/data/x');
    expect(() => assertAbsolutePath('data/x')).toThrow(TypeError);
    expect(() => assertAbsolutePath('/a\0b')).toThrow(TypeError);
  });

  it('normalises run ids into namespace-safe label values', () => {
    expect(normalizeRunId('lesson-3-mab12x9f0')).toBe('lesson-3-mab12x9f0');
    expect(normalizeRunId('Lesson_3 / Run!')).toBe('lesson-3-run');
    expect(normalizeRunId('x'.repeat(80))).toHaveLength(40);
    expect(runNamespace('lesson-1-abc')).toBe('course-lesson-1-abc');
    expect(() => normalizeRunId('!!!')).toThrow(TypeError);
  });
});
