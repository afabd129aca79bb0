/**
 * The kinds the model knows: their apiVersion, scope, the short names kubectl accepts, and
 * whether a user may apply them (ReplicaSet, Node and Event are made by the model itself; so are
 * VolumeSnapshotContent, CSIDriver and VolumeAttributesClass, which the model's course CSI stack
 * owns). The snapshot kinds are the external-snapshotter CRDs (snapshot.storage.k8s.io/v1) with
 * their short names.
 */

export interface KindInfo {
  kind: string;
  apiVersion: string;
  namespaced: boolean;
  aliases: string[];
  /** False for kinds only the model creates; applying them is "not modelled". */
  appliable: boolean;
}

/** Every kind the model knows. */
export const KINDS: KindInfo[] = [
  { kind: 'Pod', apiVersion: 'v1', namespaced: true, aliases: ['pod', 'pods', 'po'], appliable: true },
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespaced: true, aliases: ['pvc', 'pvcs', 'persistentvolumeclaims'], appliable: true },
  { kind: 'PersistentVolume', apiVersion: 'v1', namespaced: false, aliases: ['pv', 'pvs', 'persistentvolumes'], appliable: true },
  { kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1', namespaced: false, aliases: ['sc', 'storageclasses'], appliable: true },
  { kind: 'Deployment', apiVersion: 'apps/v1', namespaced: true, aliases: ['deploy', 'deployments'], appliable: true },
  { kind: 'StatefulSet', apiVersion: 'apps/v1', namespaced: true, aliases: ['sts', 'statefulsets'], appliable: true },
  { kind: 'Service', apiVersion: 'v1', namespaced: true, aliases: ['svc', 'services'], appliable: true },
  { kind: 'ConfigMap', apiVersion: 'v1', namespaced: true, aliases: ['cm', 'configmaps'], appliable: true },
  { kind: 'Namespace', apiVersion: 'v1', namespaced: false, aliases: ['ns', 'namespaces'], appliable: true },
  { kind: 'ReplicaSet', apiVersion: 'apps/v1', namespaced: true, aliases: ['rs', 'replicasets'], appliable: false },
  { kind: 'Node', apiVersion: 'v1', namespaced: false, aliases: ['no', 'nodes'], appliable: false },
  { kind: 'Event', apiVersion: 'v1', namespaced: true, aliases: ['ev', 'events'], appliable: false },
  { kind: 'VolumeSnapshot', apiVersion: 'snapshot.storage.k8s.io/v1', namespaced: true, aliases: ['vs', 'volumesnapshots'], appliable: true },
  { kind: 'VolumeSnapshotClass', apiVersion: 'snapshot.storage.k8s.io/v1', namespaced: false, aliases: ['vsclass', 'vsclasses', 'volumesnapshotclasses'], appliable: true },
  { kind: 'VolumeSnapshotContent', apiVersion: 'snapshot.storage.k8s.io/v1', namespaced: false, aliases: ['vsc', 'vscs', 'volumesnapshotcontents'], appliable: false },
  { kind: 'CSIDriver', apiVersion: 'storage.k8s.io/v1', namespaced: false, aliases: ['csidrivers'], appliable: false },
  { kind: 'VolumeAttributesClass', apiVersion: 'storage.k8s.io/v1', namespaced: false, aliases: ['vac', 'volumeattributesclasses'], appliable: false },
];

/** Looks a kind up by its name or a kubectl short name (case-insensitive). */
export function kindInfo(kindOrAlias: string): KindInfo | undefined {
  const k = kindOrAlias.toLowerCase();
  return KINDS.find((i) => i.kind.toLowerCase() === k || i.aliases.includes(k));
}

/** The canonical kind name, or the input unchanged if unknown. */
export function canonicalKind(kindOrAlias: string): string {
  return kindInfo(kindOrAlias)?.kind ?? kindOrAlias;
}
