/**
 * Which apiVersion/kind pairs exist, from kubernetes-models 5.1.0 (Kubernetes 1.36.0). SERVED are
 * the versions a current API server serves; REMOVED are older versions the package still ships
 * (its generator merges old specs), which must be refused with "removed in Kubernetes N".
 * test/grader/submission/api-table.test.ts rebuilds both lists from node_modules and fails when
 * the package and this table disagree. `*List` kinds and kinds without apiVersion are left out.
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
  /** Kubernetes minor version that stopped serving it, e.g. "1.16". */
  removedIn: string;
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
 * The kinds a served apiVersion has, or undefined when it is not served. Only the table's own
 * entries count: a user's apiVersion such as "__proto__" or "toString" is not looked up on
 * Object.prototype.
 */
export function servedKinds(apiVersion: string): readonly string[] | undefined {
  return Object.hasOwn(SERVED, apiVersion) ? SERVED[apiVersion] : undefined;
}

/** The removed apiVersion's entry, or undefined (own entries only, like servedKinds). */
export function removedVersion(apiVersion: string): RemovedVersion | undefined {
  return Object.hasOwn(REMOVED, apiVersion) ? REMOVED[apiVersion] : undefined;
}

/** The Kubernetes release that removed `kind` in this removed version. */
export function removedIn(removed: RemovedVersion, kind: string): string {
  const own = removed.kindRemovedIn;
  return own !== undefined && Object.hasOwn(own, kind) ? own[kind]! : removed.removedIn;
}

/** The served apiVersions that have `kind`, e.g. StorageClass -> ['storage.k8s.io/v1']. */
export function servedVersionsOf(kind: string): string[] {
  return Object.keys(SERVED).filter((v) => SERVED[v]!.includes(kind));
}

/** Every served kind name, without duplicates. */
export function allServedKinds(): string[] {
  return [...new Set(Object.values(SERVED).flat())];
}
