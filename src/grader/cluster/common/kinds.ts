/**
 * Kubernetes kinds mapped to fully qualified kubectl resource names (so a CRD with a clashing short
 * name can never be picked), their scope, and the validators that keep names, labels and paths
 * from ever being read by kubectl or docker as options.
 */

/** Fully qualified resource names (group included) of the kinds the course touches. */
const RESOURCES: Record<string, string> = {
  Pod: 'pods',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  PersistentVolume: 'persistentvolumes',
  StorageClass: 'storageclasses.storage.k8s.io',
  Deployment: 'deployments.apps',
  StatefulSet: 'statefulsets.apps',
  ReplicaSet: 'replicasets.apps',
  DaemonSet: 'daemonsets.apps',
  Job: 'jobs.batch',
  CronJob: 'cronjobs.batch',
  Service: 'services',
  Endpoints: 'endpoints',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  ServiceAccount: 'serviceaccounts',
  Event: 'events',
  Namespace: 'namespaces',
  Node: 'nodes',
  CSIDriver: 'csidrivers.storage.k8s.io',
  CSINode: 'csinodes.storage.k8s.io',
  VolumeAttachment: 'volumeattachments.storage.k8s.io',
  PriorityClass: 'priorityclasses.scheduling.k8s.io',
  ClusterRole: 'clusterroles.rbac.authorization.k8s.io',
  ClusterRoleBinding: 'clusterrolebindings.rbac.authorization.k8s.io',
  VolumeAttributesClass: 'volumeattributesclasses.storage.k8s.io',
  // The course cluster's snapshot CRDs (crd-schemas.test.ts checks these against the CRDs).
  VolumeSnapshot: 'volumesnapshots.snapshot.storage.k8s.io',
  VolumeSnapshotClass: 'volumesnapshotclasses.snapshot.storage.k8s.io',
  VolumeSnapshotContent: 'volumesnapshotcontents.snapshot.storage.k8s.io',
};

/** The kubectl resource for a kind (unknown kinds: the lower-cased kind, which kubectl resolves). */
export function resourceFor(kind: string): string {
  return RESOURCES[kind] ?? kind.toLowerCase();
}

/** Whether objects of this kind live in a namespace: the submission loader's table, shared. */
export { isNamespaced } from '../../submission/scope.ts';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Throws unless name is a valid Kubernetes object name (so it can never start with "-"). */
export function assertName(name: string, what = 'name'): string {
  if (!DNS_SUBDOMAIN.test(name)) throw new TypeError(`invalid ${what} ${JSON.stringify(name)}`);
  return name;
}

/** Throws unless key is a valid label key (optional DNS prefix + "/" + name). */
export function assertLabelKey(key: string): string {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if ((prefix !== undefined && !DNS_SUBDOMAIN.test(prefix)) || !LABEL_NAME.test(name)) {
    throw new TypeError(`invalid label key ${JSON.stringify(key)}`);
  }
  return key;
}

/** Throws unless value is a valid label value (empty, or up to 63 safe characters). */
export function assertLabelValue(value: string): string {
  if (value !== '' && !LABEL_NAME.test(value)) throw new TypeError(`invalid label value ${JSON.stringify(value)}`);
  return value;
}

/** `k1=v1,k2=v2` for kubectl -l, validating every key and value. */
export function labelSelector(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${assertLabelKey(k)}=${assertLabelValue(v)}`)
    .join(',');
}

/** Throws unless path is absolute and free of NUL bytes (it is passed as one argv element). */
export function assertAbsolutePath(path: string): string {
  if (!path.startsWith('/') || path.includes('\0')) throw new TypeError(`invalid absolute path ${JSON.stringify(path)}`);
  return path;
}
