/**
 * Turns submitted objects into what the grader applies: namespaced objects forced into the run
 * namespace, server-set and owner fields dropped, every object labelled with the run id, claims of
 * class "" kept to the volumes of their own run. Plus the
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
    for (const spec of claimSpecs(obj)) pinToRun(spec, runId);
    return obj;
  });
}

type ClaimSpec = { storageClassName?: unknown; selector?: { matchLabels?: Record<string, string> } };

/** The claim specs an object carries: a claim's own, a StatefulSet's templates, generic ephemeral volumes. */
function claimSpecs(obj: K8sObject): ClaimSpec[] {
  const found: ClaimSpec[] = [];
  const spec = obj.spec as Record<string, unknown> | undefined;
  if (obj.kind === 'PersistentVolumeClaim' && spec) found.push(spec as ClaimSpec);
  for (const t of (spec?.volumeClaimTemplates as { spec?: ClaimSpec }[] | undefined) ?? []) if (t?.spec) found.push(t.spec);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const template = (v as { ephemeral?: { volumeClaimTemplate?: { spec?: ClaimSpec } } }).ephemeral?.volumeClaimTemplate?.spec;
      if (template) found.push(template);
      Object.values(v).forEach(walk);
    }
  };
  walk(spec);
  return found;
}

/**
 * A claim of class "" binds to any Available volume of class "" in the cluster, another run's
 * included (found with concurrent runs: one lesson-4 run's claim took the other's course-pv). Such
 * a claim is never provisioned, so a selector on the run label costs nothing and keeps it to the
 * volumes of its own run (every object of the run carries that label). A claim of a real class is
 * left alone: a selector would stop its dynamic provisioning.
 */
function pinToRun(spec: ClaimSpec, runId: string): void {
  if (spec.storageClassName !== '') return;
  spec.selector = { ...(spec.selector ?? {}), matchLabels: { ...(spec.selector?.matchLabels ?? {}), [RUN_LABEL]: runId } };
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
