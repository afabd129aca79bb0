/** StatefulSets: ordinals, claim templates, ordered scaling, retention policy. */
import { describe, it, expect } from 'vitest';
import type { K8sObject } from '../../../src/grader/cluster/cluster.ts';
import type { StorageModel } from '../../../src/model/index.ts';
import { newModel, waitRunning, waitUntil } from '../helpers.ts';

function sts(replicas: number, extra: Record<string, unknown> = {}): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: {
      serviceName: 'db',
      replicas,
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...extra,
    },
  };
}
const pod = (m: StorageModel, n: string) => m.get({ kind: 'Pod', name: n });
const claim = (m: StorageModel, n: string) => m.get({ kind: 'PersistentVolumeClaim', name: n });

describe('StatefulSet', () => {
  it('pods are <sts>-<ordinal> with hostname, subdomain and pod-name / pod-index labels', () => {
    const m = newModel();
    m.apply(sts(3));
    for (const i of [0, 1, 2]) {
      const p = pod(m, `db-${i}`)!;
      expect(p.spec).toMatchObject({ hostname: `db-${i}`, subdomain: 'db' });
      expect(p.metadata.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': `db-${i}`, 'apps.kubernetes.io/pod-index': String(i), app: 'db' });
    }
  });

  it('volumeClaimTemplates make claims <template>-<sts>-<ordinal>, default class, bound by provisioning', () => {
    const m = newModel();
    m.apply(sts(2));
    for (const i of [0, 1]) {
      const c = claim(m, `data-db-${i}`)!;
      expect(c.spec.storageClassName).toBe('standard');
      expect(c.status.phase).toBe('Bound');
      expect(c.metadata.labels).toMatchObject({ app: 'db' });
      expect(pod(m, `db-${i}`)!.spec.volumes.find((v: any) => v.name === 'data').persistentVolumeClaim.claimName).toBe(`data-db-${i}`);
    }
  });

  it('a mount naming no volume and no claim template is refused by the API, as v1.35 does (lesson 6 walk-through, step 11)', () => {
    const m = newModel();
    const wrong = sts(1);
    wrong.spec.template.spec.containers[0].volumeMounts = [{ name: 'www', mountPath: '/data' }];
    // Recorded on the lab cluster (Kubernetes v1.35.4): kubectl apply of lessons/06-statefulset/manifests/kv-wrong-mount.yaml.
    const real = 'The StatefulSet "kv-wrong" is invalid: spec.template.spec.containers[0].volumeMounts[0].name: Not found: "www"';
    const err = (() => {
      try {
        m.apply(wrong);
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    expect(err.message).toContain(real.slice(real.indexOf('spec.template')));
    m.advance(5_000);
    expect(m.get({ kind: 'StatefulSet', name: 'db' })).toBeUndefined();
    expect(claim(m, 'data-db-0')).toBeUndefined();
  });

  it('OrderedReady creates pods in order, each after the previous is Running and Ready', () => {
    const m = newModel();
    m.apply({ ...sts(2), spec: { ...sts(2).spec, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'busybox:does-not-exist', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } } } });
    m.advance(60_000);
    expect(pod(m, 'db-0')).toBeDefined();
    expect(pod(m, 'db-1')).toBeUndefined();
  });

  it('Parallel creates all pods at once', () => {
    const m = newModel();
    const broken = sts(2, { podManagementPolicy: 'Parallel' });
    broken.spec.template.spec.containers[0].image = 'busybox:does-not-exist';
    m.apply(broken);
    expect(pod(m, 'db-1')).toBeDefined();
  });

  it('a deleted pod comes back with the same name, a new uid and the same claim', () => {
    const m = newModel();
    m.apply(sts(2));
    m.writeFile('default', 'db-1', 'c', '/data/me', 'one');
    const uid = pod(m, 'db-1')!.metadata.uid;
    m.delete({ kind: 'Pod', name: 'db-1' }, { gracePeriodSeconds: 1 });
    const back = waitUntil(m, () => (pod(m, 'db-1') && pod(m, 'db-1')!.metadata.uid !== uid ? pod(m, 'db-1') : undefined));
    expect(back!.metadata.name).toBe('db-1');
    waitRunning(m, 'db-1');
    expect(m.readFile('default', 'db-1', 'c', '/data/me')).toBe('one');
  });

  it('scales down from the highest ordinal, one at a time, keeping the claims; scaling up reuses them', () => {
    const m = newModel();
    m.apply(sts(3));
    m.writeFile('default', 'db-2', 'c', '/data/me', 'two');
    m.scale({ kind: 'StatefulSet', name: 'db' }, 1);
    expect(pod(m, 'db-2')!.metadata.deletionTimestamp).toBeDefined();
    expect(pod(m, 'db-1')!.metadata.deletionTimestamp).toBeUndefined();
    waitUntil(m, () => !pod(m, 'db-2'));
    expect(pod(m, 'db-1')!.metadata.deletionTimestamp).toBeDefined();
    waitUntil(m, () => !pod(m, 'db-1'));
    expect(claim(m, 'data-db-1')!.status.phase).toBe('Bound');
    expect(claim(m, 'data-db-2')!.status.phase).toBe('Bound');
    m.scale({ kind: 'StatefulSet', name: 'db' }, 3);
    waitRunning(m, 'db-2');
    expect(m.readFile('default', 'db-2', 'c', '/data/me')).toBe('two');
  });

  it('whenScaled: Delete removes the claims of removed ordinals (after their pods are gone)', () => {
    const m = newModel();
    m.apply(sts(2, { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } }));
    m.scale({ kind: 'StatefulSet', name: 'db' }, 1);
    expect(claim(m, 'data-db-1')).toBeDefined();
    waitUntil(m, () => !pod(m, 'db-1'));
    expect(claim(m, 'data-db-1')).toBeUndefined();
    expect(claim(m, 'data-db-0')).toBeDefined();
  });

  it('claims are retained by default when the StatefulSet is deleted; whenDeleted: Delete removes them', () => {
    const keep = newModel();
    keep.apply(sts(1));
    keep.delete({ kind: 'StatefulSet', name: 'db' });
    waitUntil(keep, () => !pod(keep, 'db-0'));
    expect(claim(keep, 'data-db-0')).toBeDefined();

    const drop = newModel();
    drop.apply(sts(1, { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }));
    drop.delete({ kind: 'StatefulSet', name: 'db' });
    waitUntil(drop, () => !pod(drop, 'db-0') && !claim(drop, 'data-db-0'));
  });

  it('volumeClaimTemplates cannot be changed on an existing StatefulSet', () => {
    const m = newModel();
    m.apply(sts(1));
    const changed = sts(1);
    changed.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi';
    expect(() => m.apply(changed)).toThrow(/updates to statefulset spec for fields other than/);
  });

  it('a template change rolls pods from the highest ordinal down', () => {
    const m = newModel();
    m.apply(sts(2));
    const uids = [0, 1].map((i) => pod(m, `db-${i}`)!.metadata.uid);
    const next = sts(2);
    next.spec.template.spec.containers[0].image = 'busybox:1.37';
    m.apply(next);
    expect(pod(m, 'db-1')!.metadata.deletionTimestamp).toBeDefined();
    expect(pod(m, 'db-0')!.metadata.deletionTimestamp).toBeUndefined();
    waitUntil(m, () => [0, 1].every((i) => pod(m, `db-${i}`)?.spec.containers[0].image === 'busybox:1.37' && pod(m, `db-${i}`)?.status?.phase === 'Running'), 300_000);
    expect(pod(m, 'db-0')!.metadata.uid).not.toBe(uids[0]);
  });
});
