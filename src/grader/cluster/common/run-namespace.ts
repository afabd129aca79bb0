/**
 * Getting a cluster ready for one run: what crashed runs left removed, and the run's own namespace
 * created (labelled with the run, under the cluster's own Pod Security policy: the student's
 * objects get no privilege the cluster would not give them) with its default ServiceAccount in
 * place, since pods created before it exists are refused by the API. The same function makes the
 * helper namespace of `current` (labels.ts helperNamespace), with the labels it needs.
 */
import { ApplyError, ClusterUnavailableError, type Clock, type K8sObject } from '../cluster.ts';
import { fill } from '../../../i18n/lang.ts';
import { RunError } from '../../exec/runner.ts';
import type { Kube } from './kube.ts';
import { KIND_CONFIG_LABEL, MANAGED_LABEL, NODE_LABEL_PREFIX, RUN_LABEL } from './labels.ts';
import { msg } from './messages.ts';
import { parseList } from './parse.ts';
import { pollUntil } from './poll.ts';
import { leaseAnnotations, liveRuns } from './run-lease.ts';
import { runOfScopedKey } from './run-scope.ts';

/**
 * Clears what ended runs left behind (their cleanup never ran, or never finished): run-labelled
 * PersistentVolumes and StorageClasses, and storage-course/* node labels, of runs that are not
 * live, and the namespaces of runs that died (a lease that ran out, run-lease.ts). A run is live
 * while one of its namespaces is (from before its first object until its cleanup ends; always with
 * --keep), so nothing of a live run is touched: two runs at once never remove each other's labels
 * or objects. That holds only because the namespaces are read last: whatever a live run had made
 * when its objects and node labels were read, its namespace already existed then and so is in the
 * later list (read first, a run starting in between would look dead). Node label keys are
 * run-scoped (`storage-course/role.<runId>`, see run-scope.ts); an unscoped one can only be left
 * by an older grader and is removed. Only namespaces the grader made (MANAGED_LABEL) are deleted.
 * Never rejects.
 */
export async function sweepDeadRuns(kube: Kube, note: (line: string) => void, now: number = Date.now()): Promise<void> {
  let objects: K8sObject[];
  let nodes: K8sObject[];
  let namespaces: K8sObject[];
  let live: Set<string>;
  try {
    objects = parseList((await kube.run(kube.args.listLabelled(['PersistentVolume', 'StorageClass'], RUN_LABEL))).stdout);
    nodes = parseList((await kube.run(kube.args.nodes())).stdout);
    namespaces = parseList((await kube.run(kube.args.listLabelled(['Namespace'], RUN_LABEL))).stdout);
    live = liveRuns(namespaces, now);
  } catch (err) {
    note(`could not look for what ended runs left: ${(err as Error).message.split('\n')[0]}`);
    return;
  }
  for (const ns of namespaces.filter((n) => n.metadata.labels?.[MANAGED_LABEL] === 'true' && !live.has(n.metadata.labels?.[RUN_LABEL] ?? ''))) {
    if (ns.metadata.deletionTimestamp) continue;
    note(`deleting namespace ${ns.metadata.name} of the run ${ns.metadata.labels?.[RUN_LABEL]}, which ended without cleaning up (its lease ran out)`);
    await kube.run(kube.args.delete('Namespace', ns.metadata.name, { wait: false }), { reject: false });
  }
  for (const obj of objects.filter((o) => !live.has(o.metadata.labels?.[RUN_LABEL] ?? ''))) {
    note(`deleting ${obj.kind} ${obj.metadata.name} left by the ended run ${obj.metadata.labels?.[RUN_LABEL]}`);
    await kube.run(kube.args.delete(obj.kind, obj.metadata.name, { wait: false }), { reject: false });
  }
  for (const node of nodes) {
    const stale = Object.keys(node.metadata.labels ?? {}).filter((k) => {
      if (!k.startsWith(NODE_LABEL_PREFIX) || k === KIND_CONFIG_LABEL) return false;
      const run = runOfScopedKey(k);
      return run === undefined || !live.has(run);
    });
    if (!stale.length) continue;
    note(`removing stale labels ${stale.join(', ')} from node ${node.metadata.name}`);
    await kube.run(kube.args.unlabelNode(node.metadata.name, stale), { reject: false });
  }
}

/**
 * Creates (or re-labels) the run namespace kube.args.namespace, with the run and managed labels
 * and any `labels` given. Refuses a namespace of that name
 * the grader did not create; waits out one still being deleted. Calls onCreated as soon as the
 * namespace is ours (so cleanup removes it even if a later wait is interrupted). Throws
 * ClusterUnavailableError.
 */
export async function createRunNamespace(
  kube: Kube,
  o: { runId: string; clock: Clock; signal?: AbortSignal; note: (line: string) => void; onCreated: () => void; labels?: Record<string, string> },
): Promise<void> {
  const namespace = kube.args.namespace;
  try {
    const existing = await kube.get('Namespace', namespace);
    if (existing && existing.metadata.labels?.[MANAGED_LABEL] !== 'true') {
      throw new ClusterUnavailableError(fill(msg.foreignNamespace, { namespace }), msg.foreignNamespaceHint);
    }
    if (existing?.metadata.deletionTimestamp) {
      await pollUntil(async () => ((await kube.get('Namespace', namespace)) ? undefined : true), { timeoutMs: 120_000, intervalMs: 2_000, clock: o.clock, signal: o.signal });
    }
    const labels = { [RUN_LABEL]: o.runId, [MANAGED_LABEL]: 'true', ...o.labels };
    await kube.apply([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels, annotations: leaseAnnotations(o.clock.now()) } }], o.signal);
    o.onCreated();
    const sa = await pollUntil(async () => ((await kube.get('ServiceAccount', 'default')) ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 500,
      clock: o.clock,
      signal: o.signal,
    });
    if (!sa) o.note(`namespace ${namespace} has no default ServiceAccount after 30 s; continuing`);
  } catch (err) {
    if (err instanceof ClusterUnavailableError || o.signal?.aborted) throw err;
    if (err instanceof ApplyError || err instanceof RunError) {
      throw new ClusterUnavailableError(fill(msg.namespaceFailed, { namespace, detail: err.message }), msg.namespaceHint);
    }
    throw err;
  }
}
