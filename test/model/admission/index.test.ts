/** What apply refuses: not-modelled kinds and volume types, invalid objects, immutable fields. */
import { describe, it, expect } from 'vitest';
import { ApplyError } from '../../../src/grader/cluster/cluster.ts';
import { InvalidObjectError, NotModelledError } from '../../../src/model/index.ts';
import { newModel, pv, pvc, sleeper } from '../helpers.ts';

function refused(fn: () => unknown): NotModelledError | InvalidObjectError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApplyError);
    return e as NotModelledError;
  }
  throw new Error('expected apply to refuse');
}

describe('not modelled', () => {
  it('an unknown kind is reported as not modelled (NotModelledError, an ApplyError, en + zh-cn)', () => {
    const m = newModel();
    const e = refused(() => m.apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: {} }));
    expect(e).toBeInstanceOf(NotModelledError);
    expect(e.object).toEqual({ kind: 'Job', name: 'j' });
    expect(e.localized.en).toMatch(/^Not modelled: the kind Job/);
    expect(e.localized['zh-cn']).toMatch(/^离线模型未模拟/);
  });

  it('kinds only the model makes (ReplicaSet, Node, Event) cannot be applied', () => {
    const m = newModel();
    for (const kind of ['ReplicaSet', 'Node', 'Event']) expect(refused(() => m.apply({ apiVersion: 'v1', kind, metadata: { name: 'x' } }))).toBeInstanceOf(NotModelledError);
  });

  it('volume types outside the course are not modelled', () => {
    const m = newModel();
    for (const v of [{ secret: { secretName: 's' } }, { csi: { driver: 'x' } }, { iscsi: {} }, { hostPath: { path: '/dev/x', type: 'BlockDevice' } }, { emptyDir: { medium: 'HugePages-2Mi' } }, { weird: {} }]) {
      const e = refused(() => m.apply(sleeper('p', { volumes: [{ name: 'v', ...v }] })));
      expect(e).toBeInstanceOf(NotModelledError);
    }
  });

  it('persistent volume sources outside local / hostPath / nfs, Block mode and Recycle are not modelled', () => {
    const m = newModel();
    const csiPv = pv('x');
    delete csiPv.spec.hostPath;
    csiPv.spec.csi = { driver: 'hostpath.csi.k8s.io', volumeHandle: 'h' };
    expect(refused(() => m.apply(csiPv))).toBeInstanceOf(NotModelledError);
    expect(refused(() => m.apply({ ...pv('r'), spec: { ...pv('r').spec, persistentVolumeReclaimPolicy: 'Recycle' } }))).toBeInstanceOf(NotModelledError);
    expect(refused(() => m.apply({ ...pvc('b'), spec: { ...pvc('b').spec, volumeMode: 'Block' } }))).toBeInstanceOf(NotModelledError);
  });

  it('init containers, topology spread constraints and Service types other than ClusterIP are not modelled', () => {
    const m = newModel();
    expect(refused(() => m.apply(sleeper('p', { initContainers: [{ name: 'i', image: 'busybox' }] })))).toBeInstanceOf(NotModelledError);
    expect(refused(() => m.apply(sleeper('q', { topologySpreadConstraints: [{ maxSkew: 1 }] })))).toBeInstanceOf(NotModelledError);
    expect(refused(() => m.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } }))).toBeInstanceOf(NotModelledError);
  });

  it('the valid objects of a batch are applied even when one is refused (like kubectl apply)', () => {
    const m = newModel();
    expect(() => m.apply([sleeper('ok'), { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' } }])).toThrow(NotModelledError);
    expect(m.get({ kind: 'Pod', name: 'ok' })).toBeDefined();
  });
});

describe('invalid objects', () => {
  it('a removed apiVersion is refused', () => {
    const e = refused(() => newModel().apply({ apiVersion: 'apps/v1beta2', kind: 'Deployment', metadata: { name: 'd' }, spec: {} }));
    expect(e).toBeInstanceOf(InvalidObjectError);
    expect(e.message).toContain('no matches for kind "Deployment" in version "apps/v1beta2"');
  });

  it('a local PV without nodeAffinity is refused', () => {
    const e = refused(() => newModel().apply({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'l' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], local: { path: '/x' } } }));
    expect(e.message).toBe('PersistentVolume "l" is invalid: spec.nodeAffinity: Required value: Local volume requires node affinity');
    expect(e.localized['zh-cn']).toContain('local 卷必须设置节点亲和性');
  });

  it('claims need access modes and a positive storage request', () => {
    const m = newModel();
    expect(refused(() => m.apply({ ...pvc('a'), spec: { resources: { requests: { storage: '1Gi' } } } })).message).toContain('at least 1 access mode is required');
    expect(refused(() => m.apply({ ...pvc('b'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0' } } } })).message).toContain('must be greater than zero');
    expect(refused(() => m.apply({ ...pvc('c'), spec: { accessModes: ['ReadWriteSome'], resources: { requests: { storage: '1Gi' } } } })).message).toContain('Unsupported value: "ReadWriteSome"');
  });

  it('a volumeMount must name a volume of the pod; names must be valid', () => {
    const m = newModel();
    expect(refused(() => m.apply(sleeper('p', {}, { volumeMounts: [{ name: 'nope', mountPath: '/d' }] }))).message).toContain('spec.containers[0].volumeMounts[0].name: Not found: "nope"');
    expect(refused(() => m.apply(sleeper('Bad_Name'))).message).toContain('metadata.name: Invalid value: "Bad_Name"');
  });

  it('a Deployment selector must match its template labels and its restartPolicy must be Always', () => {
    const m = newModel();
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } } };
    expect(refused(() => m.apply(d)).message).toContain('`selector` does not match template `labels`');
    d.spec.template.metadata.labels.app = 'a';
    (d.spec.template.spec as any).restartPolicy = 'Never';
    expect(refused(() => m.apply(d)).message).toContain('spec.template.spec.restartPolicy: Unsupported value: "Never"');
  });
});

describe('updates', () => {
  it('re-applying the same object is unchanged; pod spec changes are forbidden', () => {
    const m = newModel();
    expect(m.apply(sleeper('p'))[0]!.action).toBe('created');
    expect(m.apply(sleeper('p'))[0]!.action).toBe('unchanged');
    expect(refused(() => m.apply(sleeper('p', {}, { command: ['sleep', '10'] }))).message).toContain('pod updates may not change fields');
  });

  it("a claim's spec is immutable after creation (storage resize is refused)", () => {
    const m = newModel();
    m.apply(pvc('c'));
    // Recorded on the course cluster (2026-12-07): a Pending claim may not change its request at all.
    expect(refused(() => m.apply(pvc('c', { size: '2Gi' }))).message).toBe('PersistentVolumeClaim "c" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims');
    m.apply(pv('a'));
    expect(m.get({ kind: 'PersistentVolumeClaim', name: 'c' })!.status.phase).toBe('Bound');
    // Recorded on the lab cluster (lesson 5, step 04-no-csi): Error from server (Forbidden): persistentvolumeclaims "demo-dyn-pvc" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize
    expect(refused(() => m.apply(pvc('c', { size: '2Gi' }))).message).toBe('persistentvolumeclaims "c" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
    expect(refused(() => m.apply(pvc('c', { modes: ['ReadWriteMany'] }))).message).toContain('spec is immutable after creation');
  });

  it("re-applying a bound claim keeps its volumeName and its defaulted class", () => {
    const m = newModel();
    m.apply([pv('a'), pvc('c')]);
    expect(m.apply(pvc('c'))[0]!.action).toBe('unchanged');
    expect(m.get({ kind: 'PersistentVolumeClaim', name: 'c' })!.spec.volumeName).toBe('a');
  });

  it("a PV's source is immutable; a StorageClass's provisioner and binding mode are immutable", () => {
    const m = newModel();
    m.apply(pv('a'));
    const moved = pv('a');
    moved.spec.hostPath.path = '/elsewhere';
    expect(refused(() => m.apply(moved)).message).toContain('spec.persistentvolumesource is immutable after creation');
    const sc = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 's' }, provisioner: 'rancher.io/local-path' };
    m.apply(sc);
    expect(refused(() => m.apply({ ...sc, volumeBindingMode: 'WaitForFirstConsumer' })).message).toContain('volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable');
  });

  it('creating an object whose predecessor is still terminating is refused', () => {
    const m = newModel();
    m.apply(sleeper('p'));
    m.delete({ kind: 'Pod', name: 'p' });
    expect(refused(() => m.apply(sleeper('p'))).message).toContain('object is being deleted');
  });
});
