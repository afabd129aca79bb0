/**
 * Turns submitted objects into what the grader applies: namespaced objects forced into the run
 * namespace, server-set and owner fields dropped, every object labelled with the run id. Plus the
 * pure rule for cluster-scoped objects that already exist. (Refusing unsafe specs on a shared
 * cluster is the runner's job: submission/safety.ts, before anything reaches a back end.)
 */
import { ApplyError, type K8sObject } from '../cluster.ts';
import { isNamespaced } from './kinds.ts';
import { RUN_LABEL } from './labels.ts';

const SERVER_FIELDS = ['resourceVersion', 'uid', 'creationTimestamp', 'managedFields', 'selfLink', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences'];

/** Copies of the objects ready for server-side apply into `namespace`, labelled with runId. */
export function prepareObjects(objects: K8sObject[], namespace: string, runId: string): K8sObject[] {
  return objects.map((original) => {
    if (original.kind === 'Namespace') {
      throw new ApplyError(`Namespace "${original.metadata?.name}" was not applied: the grader puts every object in its own namespace`, {
        kind: 'Namespace',
        name: String(original.metadata?.name ?? ''),
      });
    }
    const obj = structuredClone(original) as K8sObject;
    const meta = obj.metadata as Record<string, unknown>;
    for (const field of SERVER_FIELDS) delete meta[field];
    delete obj.status;
    if (isNamespaced(obj.kind)) meta.namespace = namespace;
    else delete meta.namespace;
    obj.metadata.labels = { ...(obj.metadata.labels ?? {}), [RUN_LABEL]: runId };
    return obj;
  });
}

/** What to do before applying a cluster-scoped object that may already exist. */
export type Ownership = 'apply' | 'wait-until-gone' | 'replace' | 'refuse';

/**
 * absent or ours -> apply; being deleted -> wait until gone; left by another grader run ->
 * replace (delete, then apply); not created by the grader -> refuse (never adopt foreign objects).
 */
export function ownership(existing: K8sObject | undefined, runId: string): Ownership {
  if (!existing) return 'apply';
  if (existing.metadata.deletionTimestamp) return 'wait-until-gone';
  const run = existing.metadata.labels?.[RUN_LABEL];
  if (run === runId) return 'apply';
  if (run) return 'replace';
  return 'refuse';
}
