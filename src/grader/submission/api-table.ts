/**
 * Which apiVersion/kind pairs exist, from kubernetes-models 5.1.0 (Kubernetes 1.36.0). SERVED are
 * the versions a current API server serves; REMOVED are older versions the package still ships
 * (its generator merges old specs), which must be refused with "removed in Kubernetes N".
 * test/grader/submission/api-table.test.ts rebuilds both lists from node_modules and fails when
 * the package and this table disagree. `*List` kinds and kinds without apiVersion are left out.
 * The kinds of the course cluster's CRDs (VolumeSnapshot and its class and content) are in the
 * separate CRD_SERVED and CRD_REMOVED; the functions below look in both.
 */

export const SERVED: Readonly<Record<string, readonly string[]>> = {
  v1: ['Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'],
  'admissionregistration.k8s.io/v1': ['MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'authentication.k8s.io/v1': ['SelfSubjectReview', 'TokenRequest', 'TokenReview'],
  'authorization.k8s.io/v1': ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'autoscaling/v1': ['HorizontalPodAutoscaler', 'Scale'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'batch/v1': ['CronJob', 'Job'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'coordination.k8s.io/v1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'events.k8s.io/v1': ['Event'],
  'flowcontrol.apiserver.k8s.io/v1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'networking.k8s.io/v1': ['IPAddress', 'Ingress', 'IngressClass', 'NetworkPolicy', 'ServiceCIDR'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'policy/v1': ['Eviction', 'PodDisruptionBudget'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'resource.k8s.io/v1': ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment', 'VolumeAttributesClass'],
};

export interface RemovedVersion {
  /** The release that stopped serving it, e.g. "1.16" (of Kubernetes, or of `project`). */
  removedIn: string;
  /** Whose release removedIn is, when not Kubernetes'; e.g. external-snapshotter, which ships the snapshot CRDs. */
  project?: string;
  kinds: readonly string[];
  /** Kinds removed in a different release than the rest of the version. */
  kindRemovedIn?: Readonly<Record<string, string>>;
}

// Dates from https://kubernetes.io/docs/reference/using-api/deprecation-guide/
export const REMOVED: Readonly<Record<string, RemovedVersion>> = {
  'admissionregistration.k8s.io/v1beta1': { removedIn: '1.22', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'] },
  'apiextensions.k8s.io/v1beta1': { removedIn: '1.22', kinds: ['CustomResourceDefinition'] },
  'apiregistration.k8s.io/v1beta1': { removedIn: '1.22', kinds: ['APIService'] },
  'apps/v1beta1': { removedIn: '1.16', kinds: ['ControllerRevision', 'Deployment', 'DeploymentRollback', 'Scale', 'StatefulSet'] },
  'apps/v1beta2': { removedIn: '1.16', kinds: ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'Scale', 'StatefulSet'] },
  'authentication.k8s.io/v1beta1': { removedIn: '1.22', kinds: ['TokenReview'] },
  'authorization.k8s.io/v1beta1': { removedIn: '1.22', kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'] },
  'autoscaling/v2beta1': { removedIn: '1.25', kinds: ['HorizontalPodAutoscaler'] },
  'autoscaling/v2beta2': { removedIn: '1.26', kinds: ['HorizontalPodAutoscaler'] },
  'batch/v1beta1': { removedIn: '1.25', kinds: ['CronJob'] },
  'certificates.k8s.io/v1beta1': { removedIn: '1.22', kinds: ['CertificateSigningRequest'] },
  'coordination.k8s.io/v1beta1': { removedIn: '1.22', kinds: ['Lease'] },
  'discovery.k8s.io/v1beta1': { removedIn: '1.25', kinds: ['EndpointSlice'] },
  'events.k8s.io/v1beta1': { removedIn: '1.25', kinds: ['Event'] },
  'extensions/v1beta1': {
    removedIn: '1.16',
    kinds: ['DaemonSet', 'Deployment', 'DeploymentRollback', 'Ingress', 'NetworkPolicy', 'PodSecurityPolicy', 'ReplicaSet', 'Scale'],
    kindRemovedIn: { Ingress: '1.22' },
  },
  'flowcontrol.apiserver.k8s.io/v1beta1': { removedIn: '1.26', kinds: ['FlowSchema', 'PriorityLevelConfiguration'] },
  'flowcontrol.apiserver.k8s.io/v1beta2': { removedIn: '1.29', kinds: ['FlowSchema', 'PriorityLevelConfiguration'] },
  'flowcontrol.apiserver.k8s.io/v1beta3': { removedIn: '1.32', kinds: ['FlowSchema', 'PriorityLevelConfiguration'] },
  'networking.k8s.io/v1beta1': { removedIn: '1.22', kinds: ['Ingress', 'IngressClass'] },
  'node.k8s.io/v1beta1': { removedIn: '1.25', kinds: ['RuntimeClass'] },
  'policy/v1beta1': { removedIn: '1.25', kinds: ['Eviction', 'PodDisruptionBudget', 'PodSecurityPolicy'] },
  'rbac.authorization.k8s.io/v1beta1': { removedIn: '1.22', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'] },
  'scheduling.k8s.io/v1beta1': { removedIn: '1.22', kinds: ['PriorityClass'] },
  'storage.k8s.io/v1beta1': {
    removedIn: '1.22',
    kinds: ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment'],
    kindRemovedIn: { CSIStorageCapacity: '1.27' },
  },
};

/**
 * The kinds the course cluster adds with CRDs, which kubernetes-models does not ship (so they are
 * kept out of SERVED and REMOVED, which api-table.test.ts compares with the package): the snapshot
 * CRDs of external-snapshotter (src/local-cluster/csi.ts installs them; their schemas are in
 * crd-schemas/, and crd-schemas.test.ts checks this table against that file).
 */
const SNAPSHOT_KINDS = ['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent'];

export const CRD_SERVED: Readonly<Record<string, readonly string[]>> = {
  'snapshot.storage.k8s.io/v1': SNAPSHOT_KINDS,
};

/**
 * Versions of the CRD kinds that are no longer served, with the external-snapshotter release that
 * stopped, from its CHANGELOG (module github.com/kubernetes-csi/external-snapshotter/v8@v8.7.0):
 * CHANGELOG-6.0.md, "VolumeSnapshot v1beta1 APIs are no longer served" (the CRDs still list
 * v1beta1, with served: false); CHANGELOG-2.0.md, "Changes VolumeSnapshot CRD version from
 * v1alpha1 to v1beta1. v1alpha1 is no longer supported."
 */
export const CRD_REMOVED: Readonly<Record<string, RemovedVersion>> = {
  'snapshot.storage.k8s.io/v1alpha1': { removedIn: '2.0', project: 'external-snapshotter', kinds: SNAPSHOT_KINDS },
  'snapshot.storage.k8s.io/v1beta1': { removedIn: '6.0', project: 'external-snapshotter', kinds: SNAPSHOT_KINDS },
};

/** Built-in and CRD versions together: what the loader accepts and refuses. */
const ALL_SERVED: Readonly<Record<string, readonly string[]>> = { ...SERVED, ...CRD_SERVED };
const ALL_REMOVED: Readonly<Record<string, RemovedVersion>> = { ...REMOVED, ...CRD_REMOVED };

/**
 * The kinds a served apiVersion has, or undefined when it is not served. Only the tables' own
 * entries count: a user's apiVersion such as "__proto__" or "toString" is not looked up on
 * Object.prototype.
 */
export function servedKinds(apiVersion: string): readonly string[] | undefined {
  return Object.hasOwn(ALL_SERVED, apiVersion) ? ALL_SERVED[apiVersion] : undefined;
}

/** The removed apiVersion's entry, or undefined (own entries only, like servedKinds). */
export function removedVersion(apiVersion: string): RemovedVersion | undefined {
  return Object.hasOwn(ALL_REMOVED, apiVersion) ? ALL_REMOVED[apiVersion] : undefined;
}

/** The release that removed `kind` in this removed version. */
export function removedIn(removed: RemovedVersion, kind: string): string {
  const own = removed.kindRemovedIn;
  return own !== undefined && Object.hasOwn(own, kind) ? own[kind]! : removed.removedIn;
}

/** The served apiVersions that have `kind`, e.g. StorageClass -> ['storage.k8s.io/v1']. */
export function servedVersionsOf(kind: string): string[] {
  return Object.keys(ALL_SERVED).filter((v) => ALL_SERVED[v]!.includes(kind));
}

/** Every served apiVersion, built-in and CRD. */
export function allServedVersions(): string[] {
  return Object.keys(ALL_SERVED);
}

/** Every served kind name, without duplicates. */
export function allServedKinds(): string[] {
  return [...new Set(Object.values(ALL_SERVED).flat())];
}
