/** Label keys and names the grader owns, and the run id normalisation. */

/** On every object a run creates; cleanup deletes cluster-scoped objects by it. */
export const RUN_LABEL = 'storage-course/run';
/** On namespaces and fixtures the grader manages, so `current` can tell its own objects apart. */
export const MANAGED_LABEL = 'storage-course/managed';
/** Prefix of every label the grader puts on nodes (removed by cleanup and at the next prepare). */
export const NODE_LABEL_PREFIX = 'storage-course/';
/** Node label written by the kind config (a hash of it); never removed by label cleanup. */
export const KIND_CONFIG_LABEL = 'storage-course/kind-config';
/** The server-side apply field manager. */
export const FIELD_MANAGER = 'k8s-storage-course';
/** Namespace of grader fixtures (the lesson-3 NFS server). */
export const FIXTURE_NAMESPACE = 'course-fixtures';
/** The image of helper pods (probes, node access on `current`). */
export const HELPER_IMAGE = 'busybox:1.36';

/** Lower-cases runId and keeps [a-z0-9-] (max 40 chars) so it fits a namespace name and a label value. */
export function normalizeRunId(runId: string): string {
  const id = runId
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  if (!id) throw new TypeError(`run id ${JSON.stringify(runId)} has no usable characters`);
  return id;
}

/** The run namespace for a (normalised) run id. */
export function runNamespace(runId: string): string {
  return `course-${runId}`;
}

/**
 * The namespace of a run's node helper pods on a cluster the grader does not own (`current`): the
 * only namespace a run labels Pod Security `privileged`, since the helpers mount the node's / and
 * run crictl there. Student objects stay in the run namespace, under the cluster's own policy.
 */
export function helperNamespace(runId: string): string {
  return `course-helpers-${runId}`;
}

/** The Pod Security label that lets a namespace run privileged pods. */
export const PSA_PRIVILEGED = { 'pod-security.kubernetes.io/enforce': 'privileged' } as const;
