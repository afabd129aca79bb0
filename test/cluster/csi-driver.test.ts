/**
 * The course's CSI driver on the real cluster, as `npm run cluster:up` installs it
 * (cluster/csi/course-csi.yaml): registered with every kubelet; a claim of course-csi provisioned
 * on the node of its first Pod and attached there (a VolumeAttachment); a token written before a
 * VolumeSnapshot is in a claim restored from it on the OTHER worker after the original claim and
 * its Pod are gone, and a token written after it is not; the restored claim grown in place while
 * its Pod runs (the Pod's file system gets larger, the token stays); a VolumeAttributesClass
 * change applied by the driver, and one the driver refuses reported as infeasible.
 * A cluster without the CSI stack fails here: cluster:up installs it, so its absence is a bug.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { K8sObject } from '../../src/grader/cluster/cluster.ts';
import { CSI_DRIVER_NAME } from '../../src/local-cluster/csi.ts';
import { useCluster } from './harness.ts';

const cluster = useCluster();
const run = Date.now().toString(36);
const ns = `course-ct-csi-${run}`;
const badClass = `course-ct-csi-bogus-${run}`;
const GiB = 1024 ** 3;

function kubectl(args: string[], input?: string): string {
  return execFileSync(`${cluster.bin}/kubectl`, ['--kubeconfig', cluster.kubeconfig!, ...args], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 200_000 });
}
const inNs = (...args: string[]) => kubectl(['-n', ns, ...args]);
const apply = (objects: K8sObject[]) => kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
const json = <T = any>(...args: string[]): T => JSON.parse(inNs('get', ...args, '-o', 'json')) as T;
const sh = (pod: string, script: string) => inNs('exec', pod, '--', 'sh', '-c', script);

/** Polls fn every 500 ms until it returns a value, for at most ms; the last error explains a timeout. */
async function until<T>(what: string, ms: number, fn: () => T | undefined): Promise<T> {
  const end = Date.now() + ms;
  let last = '';
  for (;;) {
    try {
      const v = fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = (err as Error).message.split('\n')[0] ?? '';
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const claim = (name: string, size: string, dataSource?: object): K8sObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: ns },
  spec: { storageClassName: 'course-csi', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, ...(dataSource ? { dataSource } : {}) },
});
const pod = (name: string, claimName: string, node?: string): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: ns },
  spec: {
    terminationGracePeriodSeconds: 0,
    ...(node ? { nodeSelector: { 'kubernetes.io/hostname': node } } : {}),
    containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
  },
});
/** The size of the Pod's /data file system in bytes (df -k). */
const size = (p: string) => Number(sh(p, "df -k /data | awk 'NR==2 {print $2}'").trim()) * 1024;

describe.skipIf(!cluster.available)('the course CSI driver on the real cluster', () => {
  afterAll(() => {
    if (!cluster.available) return;
    kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
    kubectl(['delete', 'volumeattributesclass', badClass, '--ignore-not-found']);
  });

  it('is registered with every kubelet, and its classes are there', () => {
    const nodes = JSON.parse(kubectl(['get', 'csinode', '-o', 'json'])).items as { metadata: { name: string }; spec: { drivers: { name: string; topologyKeys?: string[] }[] | null } }[];
    expect(nodes).toHaveLength(3);
    for (const n of nodes) expect(n.spec.drivers?.map((d) => d.name), n.metadata.name).toContain(CSI_DRIVER_NAME);
    expect(JSON.parse(kubectl(['get', 'csidriver', CSI_DRIVER_NAME, '-o', 'json'])).spec.attachRequired).toBe(true);
    const sc = JSON.parse(kubectl(['get', 'storageclass', 'course-csi', '-o', 'json']));
    expect([sc.provisioner, sc.allowVolumeExpansion, sc.volumeBindingMode]).toEqual([CSI_DRIVER_NAME, true, 'WaitForFirstConsumer']);
    expect(JSON.parse(kubectl(['get', 'volumesnapshotclass', 'course-snapclass', '-o', 'json'])).driver).toBe(CSI_DRIVER_NAME);
    // local-path stays the default class.
    expect(sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class']).toBeUndefined();
  });

  it('snapshot, restore on the other node, grow in place, change attributes: the data proves each', { timeout: 420_000 }, async () => {
    apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }]);
    await until('the namespace\'s default ServiceAccount', 30_000, () => (inNs('get', 'serviceaccount', 'default', '-o', 'name') ? true : undefined));
    apply([claim('data', '1Gi'), pod('writer', 'data')]);
    inNs('wait', '--for=condition=Ready', 'pod/writer', '--timeout=180s');
    const writerNode = json('pod', 'writer').spec.nodeName as string;
    const pvName = json('pvc', 'data').spec.volumeName as string;
    const pv = JSON.parse(kubectl(['get', 'pv', pvName, '-o', 'json']));
    expect(pv.spec.csi.driver).toBe(CSI_DRIVER_NAME);
    // Provisioned on the node of its first Pod, and attached there before the mount.
    expect(JSON.stringify(pv.spec.nodeAffinity)).toContain(writerNode);
    const attachments = (JSON.parse(kubectl(['get', 'volumeattachment', '-o', 'json'])).items as any[]).filter((a) => a.spec.source.persistentVolumeName === pvName);
    expect(attachments.map((a) => [a.spec.nodeName, a.status?.attached])).toEqual([[writerNode, true]]);
    // A real 1 GiB file system, not the node's disk.
    expect(size('writer')).toBeGreaterThan(0.9 * GiB);
    expect(size('writer')).toBeLessThan(1.1 * GiB);

    const t1 = `before-${run}`;
    const t2 = `after-${run}`;
    sh('writer', `echo ${t1} > /data/token && sync`);
    apply([{ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'data-snap', namespace: ns }, spec: { volumeSnapshotClassName: 'course-snapclass', source: { persistentVolumeClaimName: 'data' } } }]);
    await until('data-snap readyToUse', 120_000, () => (json('volumesnapshot', 'data-snap').status?.readyToUse === true ? true : undefined));
    sh('writer', `echo ${t2} > /data/token && echo ${t2} > /data/later && sync`);

    // The original claim and its Pod go; the snapshot stays.
    inNs('delete', 'pod', 'writer', '--wait=true');
    inNs('delete', 'pvc', 'data', '--wait=true');
    await until(`PV ${pvName} deleted`, 120_000, () => (kubectl(['get', 'pv', '-o', 'name']).includes(`persistentvolume/${pvName}\n`) ? undefined : true));

    const other = (JSON.parse(kubectl(['get', 'nodes', '-o', 'json'])).items as any[])
      .map((n) => n.metadata.name as string)
      .find((n) => n !== writerNode && !n.endsWith('control-plane'))!;
    apply([claim('restored', '1Gi', { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'data-snap' }), pod('reader', 'restored', other)]);
    inNs('wait', '--for=condition=Ready', 'pod/reader', '--timeout=180s');
    expect(sh('reader', 'cat /data/token').trim()).toBe(t1);
    expect(sh('reader', 'ls -A /data').split('\n')).not.toContain('later');

    // Grown while mounted: the claim's capacity and the Pod's file system.
    inNs('patch', 'pvc', 'restored', '--type=merge', '-p', '{"spec":{"resources":{"requests":{"storage":"2Gi"}}}}');
    await until('reader sees a 2 GiB file system', 180_000, () => (size('reader') > 1.8 * GiB ? true : undefined));
    await until('restored reports 2Gi', 60_000, () => (json('pvc', 'restored').status?.capacity?.storage === '2Gi' ? true : undefined));
    expect(sh('reader', 'cat /data/token').trim()).toBe(t1);

    // A VolumeAttributesClass the driver accepts, then one it refuses.
    inNs('patch', 'pvc', 'restored', '--type=merge', '-p', '{"spec":{"volumeAttributesClassName":"course-fast"}}');
    await until('restored moved to course-fast', 120_000, () => (json('pvc', 'restored').status?.currentVolumeAttributesClassName === 'course-fast' ? true : undefined));
    apply([{ apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttributesClass', metadata: { name: badClass }, driverName: CSI_DRIVER_NAME, parameters: { tier: 'bogus' } } as K8sObject]);
    inNs('patch', 'pvc', 'restored', '--type=merge', '-p', `{"spec":{"volumeAttributesClassName":"${badClass}"}}`);
    const status = await until('the refused change reported', 120_000, () => {
      const s = json('pvc', 'restored').status;
      return s?.modifyVolumeStatus?.status === 'Infeasible' ? s : undefined;
    });
    expect(status.currentVolumeAttributesClassName).toBe('course-fast');
    expect(sh('reader', 'cat /data/token').trim()).toBe(t1);
  });
});
