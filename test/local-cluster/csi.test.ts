import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { CSI_DRIVER_NAME, CSI_NAMESPACE, csiManifest, nodesWithoutDriver, snapshotCrdDir, SNAPSHOT_CRDS } from '../../src/local-cluster/csi.ts';
import { CSI_SHARED_PATH } from '../../src/grader/cluster/kind/config.ts';
import { readVersions } from '../../src/local-cluster/versions.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const v = readVersions(ROOT);

describe('the CSI stack manifest (cluster/csi/course-csi.yaml)', () => {
  const text = csiManifest(ROOT, 'k8s-storage-course/course-csi-driver:abc', v);
  const docs = parseAllDocuments(text).map((d) => d.toJS());

  it('has every placeholder filled: the driver image and the pinned sidecar versions', () => {
    expect(text).not.toMatch(/DRIVER_IMAGE|CSI_[A-Z]+_VERSION/);
    const ds = docs.find((d) => d.kind === 'DaemonSet');
    const images = Object.fromEntries(ds.spec.template.spec.containers.map((c: any) => [c.name, c.image]));
    expect(images).toEqual({
      driver: 'k8s-storage-course/course-csi-driver:abc',
      'csi-provisioner': `registry.k8s.io/sig-storage/csi-provisioner:${v.CSI_PROVISIONER_VERSION}`,
      'csi-snapshotter': `registry.k8s.io/sig-storage/csi-snapshotter:${v.CSI_SNAPSHOTTER_VERSION}`,
      'csi-attacher': `registry.k8s.io/sig-storage/csi-attacher:${v.CSI_ATTACHER_VERSION}`,
      'csi-resizer': `registry.k8s.io/sig-storage/csi-resizer:${v.CSI_RESIZER_VERSION}`,
    });
  });

  it('runs the provisioner and snapshotter per node, with the controller told so, and the driver on the shared store', () => {
    const ds = docs.find((d) => d.kind === 'DaemonSet');
    const args = (name: string) => ds.spec.template.spec.containers.find((c: any) => c.name === name).args as string[];
    expect(args('csi-provisioner')).toContain('--node-deployment');
    expect(args('csi-snapshotter')).toContain('--node-deployment');
    const ctrl = docs.find((d) => d.kind === 'Deployment' && d.metadata.name === 'snapshot-controller');
    expect(ctrl.spec.template.spec.containers[0].args).toContain('--enable-distributed-snapshotting');
    expect(args('driver')).toContain(`--shared-dir=${CSI_SHARED_PATH}`);
    const shared = ds.spec.template.spec.volumes.find((x: any) => x.name === 'shared-dir');
    expect(shared.hostPath.path).toBe(CSI_SHARED_PATH);
  });

  it('names one driver everywhere, in its own namespace, and leaves local-path the default class', () => {
    expect(docs.find((d) => d.kind === 'CSIDriver').metadata.name).toBe(CSI_DRIVER_NAME);
    const sc = docs.find((d) => d.kind === 'StorageClass');
    expect([sc.metadata.name, sc.provisioner, sc.allowVolumeExpansion, sc.metadata.annotations]).toEqual(['course-csi', CSI_DRIVER_NAME, true, undefined]);
    expect(docs.find((d) => d.kind === 'VolumeSnapshotClass')).toMatchObject({ metadata: { name: 'course-snapclass' }, driver: CSI_DRIVER_NAME });
    expect(docs.filter((d) => d.kind === 'VolumeAttributesClass').map((d) => [d.metadata.name, d.driverName, d.parameters.tier])).toEqual([
      ['course-standard', CSI_DRIVER_NAME, 'standard'],
      ['course-fast', CSI_DRIVER_NAME, 'fast'],
    ]);
    for (const d of docs.filter((x) => ['DaemonSet', 'Deployment', 'ServiceAccount', 'Role', 'RoleBinding'].includes(x.kind))) expect(d.metadata.namespace, d.kind).toBe(CSI_NAMESPACE);
  });
});

describe('CSI install helpers', () => {
  it('finds the snapshot CRDs in the external-snapshotter client module of the pinned version', () => {
    expect(snapshotCrdDir('/gomod', v)).toBe(`/gomod/github.com/kubernetes-csi/external-snapshotter/client/v8@${v.CSI_SNAPSHOTTER_VERSION}/config/crd`);
    expect(SNAPSHOT_CRDS).toEqual([
      'snapshot.storage.k8s.io_volumesnapshotclasses.yaml',
      'snapshot.storage.k8s.io_volumesnapshotcontents.yaml',
      'snapshot.storage.k8s.io_volumesnapshots.yaml',
    ]);
  });

  it('names the nodes whose CSINode does not list the driver yet', () => {
    const csinodes = JSON.stringify({
      items: [
        { metadata: { name: 'a' }, spec: { drivers: [{ name: CSI_DRIVER_NAME }] } },
        { metadata: { name: 'b' }, spec: { drivers: null } },
        { metadata: { name: 'c' }, spec: { drivers: [{ name: 'other.csi' }] } },
      ],
    });
    expect(nodesWithoutDriver(csinodes, ['a', 'b', 'c', 'd'])).toEqual(['b', 'c', 'd']);
  });
});
