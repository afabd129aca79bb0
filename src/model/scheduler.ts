/**
 * The scheduler: places each unscheduled pod on a node, or leaves it Pending with the
 * scheduler's reason ("0/3 nodes are available: ..."). Pre-filters: every claim exists, is not
 * being deleted, and is bound unless its class waits for the first consumer. Per-node filters,
 * first failure wins: unschedulable, taints (the control plane's NoSchedule), nodeSelector and
 * required node affinity, volumes (bound PVs' nodeAffinity; for waiting claims a matching PV on
 * that node or a provisioner), required pod affinity, anti-affinity, then existing pods' anti-affinity. Scoring:
 * preferred node / pod affinity weights, then fewer pods of the same owner, then fewer pods, then
 * the seeded random source. A pod whose waiting claims need provisioning first gets the
 * selected-node annotation on those claims (kept while provisioning runs) and is bound once they are.
 * Messages are kube-scheduler v1.35's, as the real cluster printed them for a Pod sent to another
 * node than its local-path volume: "0/3 nodes are available: 1 node(s) didn't match
 * PersistentVolume's node affinity, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s)
 * had untolerated taint(s). no new claims to deallocate, preemption: ..." (every node filtered;
 * v1.35 has no VolumeBinding PreFilter that narrows the nodes first).
 */
import { claimClass, findMatchingVolume, bind } from './binder.ts';
import { COURSE_CSI_DRIVER } from './cluster-facts.ts';
import { setAnnotation, podClaimNames, podFinished } from './objects.ts';
import { pendingPodStatus } from './pod-status.ts';
import { SELECTED_NODE, canProvision, localPathError } from './provisioner.ts';
import { matchNodeSelectorTerms, matchSelector, tolerates, type Taint } from './selectors.ts';
import type { ModelState } from './state.ts';
import { emit } from './state.ts';
import type { K8sObject } from './types.ts';
import { LOCAL_PATH_PROVISIONER } from './cluster-facts.ts';

const SOURCE = 'default-scheduler';

type Claims = { bound: K8sObject[]; waiting: K8sObject[] };

function unavailable(total: number, reasons: string): string {
  return `0/${total} nodes are available: ${reasons}. no new claims to deallocate, preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}

/** Pre-filter over the pod's claims: a failure message, or the bound and waiting claims. */
function claimsOf(state: ModelState, pod: K8sObject): string | Claims {
  const out: Claims = { bound: [], waiting: [] };
  for (const name of podClaimNames(pod)) {
    const pvc = state.store.get('PersistentVolumeClaim', pod.metadata.namespace!, name);
    if (!pvc) return `persistentvolumeclaim "${name}" not found`;
    if (pvc.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if ((pvc.spec?.accessModes ?? []).includes('ReadWriteOncePod')) {
      const other = state.store.list('Pod', pod.metadata.namespace).find((p) => p.metadata.uid !== pod.metadata.uid && p.spec?.nodeName && !podFinished(p) && podClaimNames(p).includes(name));
      if (other) return `1 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode`;
    }
    if (pvc.status?.phase === 'Bound' && pvc.spec?.volumeName) out.bound.push(pvc);
    else if (claimClass(state, pvc).delayed) out.waiting.push(pvc);
    else return 'pod has unbound immediate PersistentVolumeClaims';
  }
  return out;
}

function podsOnNodes(state: ModelState): K8sObject[] {
  return state.store.list('Pod').filter((p) => p.spec?.nodeName && !podFinished(p));
}

function termNamespaces(term: any, ownerNs: string): string[] | 'all' {
  if (term.namespaceSelector && Object.keys(term.namespaceSelector).length === 0) return 'all';
  return term.namespaces?.length ? term.namespaces : [ownerNs];
}

function termSelects(term: any, ownerNs: string, target: K8sObject): boolean {
  const nss = termNamespaces(term, ownerNs);
  if (nss !== 'all' && !nss.includes(target.metadata.namespace!)) return false;
  return matchSelector(term.labelSelector, target.metadata.labels ?? {}, false);
}

function topology(nodes: Map<string, K8sObject>, node: string, key: string): string | undefined {
  return nodes.get(node)?.metadata.labels?.[key];
}

/** The first filter a node fails for this pod, or undefined if the node fits. */
function filterNode(state: ModelState, pod: K8sObject, node: K8sObject, claims: Claims, nodes: Map<string, K8sObject>, placed: K8sObject[]): string | undefined {
  const name = node.metadata.name;
  const labels = node.metadata.labels ?? {};
  if (node.spec?.unschedulable) return "node(s) were unschedulable";
  for (const taint of (node.spec?.taints ?? []) as Taint[]) {
    if ((taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerates(pod.spec?.tolerations, taint)) return 'node(s) had untolerated taint(s)';
  }
  const selectorOk = Object.entries(pod.spec?.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!selectorOk || (terms && !matchNodeSelectorTerms(terms, name, labels))) return "node(s) didn't match Pod's node affinity/selector";
  for (const pvc of claims.bound) {
    const pv = state.store.get('PersistentVolume', '', pvc.spec.volumeName);
    const pvTerms = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    if (pvTerms && !matchNodeSelectorTerms(pvTerms, name, labels)) return "node(s) didn't match PersistentVolume's node affinity";
  }
  for (const pvc of claims.waiting) {
    const sc = claimClass(state, pvc).sc!;
    if (!findMatchingVolume(state, pvc, name) && !canProvision(sc)) return "node(s) didn't find available persistent volumes to bind";
  }
  const ns = pod.metadata.namespace!;
  for (const term of pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    const v = topology(nodes, name, term.topologyKey);
    const matching = placed.filter((o) => termSelects(term, ns, o));
    const firstOfGroup = matching.length === 0 && termSelects(term, ns, pod);
    if (!firstOfGroup && (v === undefined || !matching.some((o) => topology(nodes, o.spec.nodeName, term.topologyKey) === v))) return "node(s) didn't match pod affinity rules";
  }
  for (const term of pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    const v = topology(nodes, name, term.topologyKey);
    if (v !== undefined && placed.some((o) => termSelects(term, ns, o) && topology(nodes, o.spec.nodeName, term.topologyKey) === v)) return "node(s) didn't match pod anti-affinity rules";
  }
  for (const other of placed) {
    for (const term of other.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      const v = topology(nodes, name, term.topologyKey);
      if (v !== undefined && v === topology(nodes, other.spec.nodeName, term.topologyKey) && termSelects(term, other.metadata.namespace!, pod)) return "node(s) didn't satisfy existing pods anti-affinity rules";
    }
  }
  return undefined;
}

function controllerUid(pod: K8sObject): string | undefined {
  return ((pod.metadata.ownerReferences as any[]) ?? []).find((r) => r.controller)?.uid;
}

function score(pod: K8sObject, node: K8sObject, nodes: Map<string, K8sObject>, placed: K8sObject[]): number {
  let s = 0;
  const labels = node.metadata.labels ?? {};
  for (const pref of pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (matchNodeSelectorTerms([pref.preference], node.metadata.name, labels)) s += 1000 * (pref.weight ?? 1);
  }
  const ns = pod.metadata.namespace!;
  for (const [kind, sign] of [['podAffinity', 1], ['podAntiAffinity', -1]] as const) {
    for (const pref of pod.spec?.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      const term = pref.podAffinityTerm ?? {};
      const v = topology(nodes, node.metadata.name, term.topologyKey);
      if (v !== undefined && placed.some((o) => termSelects(term, ns, o) && topology(nodes, o.spec.nodeName, term.topologyKey) === v)) s += sign * 1000 * (pref.weight ?? 1);
    }
  }
  const here = placed.filter((o) => o.spec.nodeName === node.metadata.name);
  const owner = controllerUid(pod);
  if (owner) s -= 100 * here.filter((o) => controllerUid(o) === owner).length;
  return s - here.length;
}

function fail(state: ModelState, pod: K8sObject, reason: string, message: string): void {
  const cond = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
  if (cond?.message !== message) emit(state, pod, 'Warning', 'FailedScheduling', message, SOURCE);
  state.store.put({ ...pod, status: pendingPodStatus(state, pod, reason, message) });
}

/** Tries to place one pod. */
function schedulePod(state: ModelState, pod: K8sObject): void {
  const nodeList = state.store.list('Node');
  const nodes = new Map(nodeList.map((n) => [n.metadata.name, n]));
  const claims = claimsOf(state, pod);
  if (typeof claims === 'string') return fail(state, pod, 'Unschedulable', unavailable(nodeList.length, claims));
  const placed = podsOnNodes(state).filter((p) => p.metadata.uid !== pod.metadata.uid);
  const reasons = new Map<string, number>();
  const feasible: K8sObject[] = [];
  for (const node of nodeList) {
    const why = filterNode(state, pod, node, claims, nodes, placed);
    if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
    else feasible.push(node);
  }
  if (feasible.length === 0) {
    const text = [...reasons].map(([r, n]) => `${n} ${r}`).sort().join(', ');
    return fail(state, pod, 'Unschedulable', unavailable(nodeList.length, text));
  }
  const selected = claims.waiting.map((c) => c.metadata.annotations?.[SELECTED_NODE]).find((n) => n && feasible.some((f) => f.metadata.name === n));
  const scored = feasible.map((n) => ({ n, s: score(pod, n, nodes, placed) }));
  const best = Math.max(...scored.map((x) => x.s));
  const chosen = selected ?? state.ids.pick(scored.filter((x) => x.s === best).map((x) => x.n)).metadata.name;
  for (const pvc of claims.waiting) {
    const pv = findMatchingVolume(state, pvc, chosen);
    if (pv) bind(state, pv, pvc);
    else if (pvc.metadata.annotations?.[SELECTED_NODE] !== chosen) {
      setAnnotation(pvc, SELECTED_NODE, chosen);
      state.store.put(pvc);
    }
  }
  const stillWaiting = claims.waiting.map((c) => state.store.get('PersistentVolumeClaim', c.metadata.namespace!, c.metadata.name)!).filter((c) => c.status?.phase !== 'Bound');
  if (stillWaiting.length > 0) return waitForProvisioning(state, pod, stillWaiting);
  pod.spec.nodeName = chosen;
  emit(state, pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${chosen}`, SOURCE);
  state.store.put({ ...pod, status: { ...pod.status, phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: state.clock.iso() }] } });
}

/**
 * The pod waits, unbound, while its claims are provisioned (the PV controller acts on the
 * selected-node annotation next). A local-path failure is reported as FailedScheduling; a claim
 * waiting for an external provisioner that is not running is shown in the PodScheduled condition.
 */
function waitForProvisioning(state: ModelState, pod: K8sObject, waiting: K8sObject[]): void {
  for (const pvc of waiting) {
    const sc = claimClass(state, pvc).sc!;
    const prefix = 'running PreBind plugin "VolumeBinding": binding volumes: ';
    if (sc.provisioner === LOCAL_PATH_PROVISIONER) {
      const err = localPathError(pvc, pvc.metadata.annotations?.[SELECTED_NODE]);
      if (err) return fail(state, pod, 'SchedulerError', `${prefix}failed to provision volume with StorageClass "${sc.metadata.name}": ${err}`);
      continue;
    }
    // The course driver's csi-provisioner runs: the scheduler's PreBind waits for it (up to its
    // bind timeout, 600 s, not modelled) and writes nothing meanwhile, so the pod keeps the
    // condition of its previous attempt (measured: still Unschedulable from the attempt that ran
    // before its claim existed, while the restore was refused).
    if (sc.provisioner === COURSE_CSI_DRIVER) continue;
    const message = `${prefix}waiting for a volume to be created by the external provisioner "${sc.provisioner}" for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`;
    state.store.put({ ...pod, status: pendingPodStatus(state, pod, 'SchedulerError', message) });
    return;
  }
}

/** Places every unscheduled pod that is not being deleted. */
export function schedulePods(state: ModelState): void {
  for (const pod of state.store.list('Pod')) {
    if (pod.spec?.nodeName || pod.metadata.deletionTimestamp) continue;
    schedulePod(state, pod);
  }
}
