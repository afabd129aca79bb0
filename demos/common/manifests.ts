/**
 * The demos' own objects: busybox:1.36 containers that keep running (the only image the course
 * cluster is sure to have), and the two node constraints the other-node demos use: required
 * (the replacement must run on that node) and preferred (it would rather run there).
 */
import type { K8sObject } from '../../src/grader/cluster/cluster.ts';

export const IMAGE = 'busybox:1.36';
export const CONTAINER = 'app';
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
/** Marks every object a demo makes, so diagnostics and people can tell them apart. */
export const DEMO_LABEL = 'storage-course/demo';

/** Required node affinity to one node (by its kubernetes.io/hostname label). */
export function requireNode(node: string): Record<string, unknown> {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: HOSTNAME_LABEL, operator: 'In', values: [node] }] }] },
    },
  };
}

/** Preferred node affinity (weight 100) to one node: the scheduler goes there unless something forbids it. */
export function preferNode(node: string): Record<string, unknown> {
  return {
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: HOSTNAME_LABEL, operator: 'In', values: [node] }] } }],
    },
  };
}

/** A pod spec with one busybox container `app` mounting `volume` at mountPath. */
export function podSpec(volume: Record<string, unknown> & { name: string }, mountPath: string, affinity?: Record<string, unknown>): Record<string, unknown> {
  return {
    terminationGracePeriodSeconds: 1,
    containers: [{ name: CONTAINER, image: IMAGE, command: ['sh', '-c', 'sleep 3600'], volumeMounts: [{ name: volume.name, mountPath }] }],
    volumes: [volume],
    ...(affinity ? { affinity } : {}),
  };
}

/** A Pod `name` of demo `demo` whose container `app` mounts `volume` at mountPath. */
export function demoPod(demo: string, name: string, volume: Record<string, unknown> & { name: string }, mountPath: string, affinity?: Record<string, unknown>): K8sObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { [DEMO_LABEL]: demo } }, spec: podSpec(volume, mountPath, affinity) };
}

/** A claim `name` (ReadWriteOnce, 100Mi) of class `storageClassName` (undefined: the default class). */
export function demoClaim(demo: string, name: string, storageClassName?: string, extra: Record<string, unknown> = {}): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, labels: { [DEMO_LABEL]: demo } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Mi' } }, ...(storageClassName === undefined ? {} : { storageClassName }), ...extra },
  };
}

/** A headless Service and a one-replica StatefulSet `name` with claim template `data` (default class) mounted at mountPath. */
export function demoStatefulSet(demo: string, name: string, mountPath: string, opts: { affinity?: Record<string, unknown>; onDelete?: boolean } = {}): K8sObject[] {
  const labels = { app: name, [DEMO_LABEL]: demo };
  const spec = podSpec({ name: 'data' }, mountPath, opts.affinity);
  delete spec.volumes;
  return [
    { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec: { clusterIP: 'None', selector: { app: name }, ports: [{ name: 'none', port: 80 }] } },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name, labels },
      spec: {
        serviceName: name,
        replicas: 1,
        selector: { matchLabels: { app: name } },
        ...(opts.onDelete ? { updateStrategy: { type: 'OnDelete' } } : {}),
        template: { metadata: { labels }, spec },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Mi' } } } }],
      },
    },
  ];
}
