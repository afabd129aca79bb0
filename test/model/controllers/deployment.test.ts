/** Deployments (through their ReplicaSet): replace deleted pods, random names, label selection. */
import { describe, it, expect } from 'vitest';
import type { K8sObject } from '../../../src/grader/cluster/cluster.ts';
import type { StorageModel } from '../../../src/model/index.ts';
import { newModel, waitUntil } from '../helpers.ts';

const deploy = (replicas: number, image = 'busybox:1.36'): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image, command: ['sh', '-c', 'sleep 3600'] }] } },
  },
});
const live = (m: StorageModel) => m.list('Pod', { namespace: 'default', labels: { app: 'web' } }).filter((p) => !p.metadata.deletionTimestamp);

describe('Deployment', () => {
  it('creates replicas pods named <deployment>-<template hash>-<5 random chars>, owned by its ReplicaSet', () => {
    const m = newModel();
    m.apply(deploy(3));
    const pods = live(m);
    expect(pods).toHaveLength(3);
    const rs = m.list('ReplicaSet', { namespace: 'default' });
    expect(rs).toHaveLength(1);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^${rs[0]!.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect((p.metadata.ownerReferences as any[])[0]).toMatchObject({ kind: 'ReplicaSet', uid: rs[0]!.metadata.uid });
      expect(p.metadata.labels?.['pod-template-hash']).toBe(rs[0]!.metadata.labels?.['pod-template-hash']);
    }
    expect(m.get({ kind: 'Deployment', name: 'web' })!.status).toMatchObject({ replicas: 3, readyReplicas: 3 });
  });

  it('replaces a deleted pod at once with a new pod of a new name', () => {
    const m = newModel();
    m.apply(deploy(2));
    const victim = live(m)[0]!.metadata.name;
    m.delete({ kind: 'Pod', name: victim });
    const names = live(m).map((p) => p.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim);
    expect(m.get({ kind: 'Pod', name: victim })?.metadata.deletionTimestamp).toBeDefined();
  });

  it('scales up and down; scale down removes pods', () => {
    const m = newModel();
    m.apply(deploy(1));
    m.scale({ kind: 'Deployment', name: 'web' }, 3);
    expect(live(m)).toHaveLength(3);
    m.scale({ kind: 'Deployment', name: 'web' }, 1);
    expect(live(m)).toHaveLength(1);
    waitUntil(m, () => m.list('Pod', { namespace: 'default' }).length === 1);
  });

  it('a changed template replaces the pods through a new ReplicaSet', () => {
    const m = newModel();
    m.apply(deploy(2));
    const old = live(m).map((p) => p.metadata.name);
    m.apply(deploy(2, 'busybox:1.37'));
    const now = live(m);
    expect(now).toHaveLength(2);
    expect(now.every((p) => !old.includes(p.metadata.name) && p.spec.containers[0].image === 'busybox:1.37')).toBe(true);
    expect(m.list('ReplicaSet', { namespace: 'default' })).toHaveLength(2);
  });

  it('deleting the Deployment removes its ReplicaSets and pods (garbage collection)', () => {
    const m = newModel();
    m.apply(deploy(2));
    m.delete({ kind: 'Deployment', name: 'web' });
    expect(m.list('ReplicaSet', { namespace: 'default' })).toHaveLength(0);
    waitUntil(m, () => m.list('Pod', { namespace: 'default' }).length === 0);
  });
});
