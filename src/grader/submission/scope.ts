/**
 * Which kinds are cluster-scoped (no namespace), and the notes for objects whose
 * metadata.namespace the grader ignores: it puts every namespaced object in its own run namespace.
 */
import type { Localized } from '../../i18n/lang.ts';
import type { Locator } from './locator.ts';
import type { K8sObject } from '../cluster/cluster.ts';

/**
 * Cluster-scoped kinds among the built-in APIs (kubectl api-resources --namespaced=false), and
 * among the kinds of the course cluster's snapshot CRDs (their spec.scope: VolumeSnapshotClass
 * and VolumeSnapshotContent; VolumeSnapshot is namespaced). crd-schemas.test.ts checks the CRD
 * kinds against the CRDs.
 */
export const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus',
  'CSIDriver', 'CSINode', 'CustomResourceDefinition', 'DeviceClass', 'FlowSchema', 'IngressClass', 'IPAddress',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'MutatingWebhookConfiguration', 'Namespace', 'Node',
  'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'ResourceSlice',
  'RuntimeClass', 'SelfSubjectAccessReview', 'SelfSubjectReview', 'SelfSubjectRulesReview', 'ServiceCIDR',
  'StorageClass', 'SubjectAccessReview', 'TokenReview', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration', 'VolumeAttachment', 'VolumeAttributesClass',
  'VolumeSnapshotClass', 'VolumeSnapshotContent',
]);

/** True for kinds that live in a namespace. */
export function isNamespaced(kind: string): boolean {
  return !CLUSTER_SCOPED.has(kind);
}

/** A note for a namespaced object that names a namespace (which the grader will not use). */
export function namespaceNote(object: K8sObject, loc: Locator): Localized | undefined {
  const ns = object.metadata.namespace;
  if (typeof ns !== 'string' || ns === '' || !isNamespaced(object.kind)) return undefined;
  const at = loc.keyAt(['metadata', 'namespace']);
  const where = `${at.file}:${at.line}`;
  return {
    en: `${where}: metadata.namespace "${ns}" of ${object.kind} "${object.metadata.name}" is ignored; the grader puts every namespaced object in its own namespace`,
    'zh-cn': `${where}：${object.kind} "${object.metadata.name}" 的 metadata.namespace "${ns}" 会被忽略；评分程序会把所有名字空间作用域的对象放进它自己的名字空间`,
  };
}
