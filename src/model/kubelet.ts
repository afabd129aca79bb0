/**
 * The kubelet of every node: for each pod bound to a node it mounts the volumes (retrying until
 * they mount, with a FailedMount event per distinct failure), pulls images, starts containers,
 * notices exits and kills, applies restartPolicy, and writes the pod's status. A pod being
 * deleted gets no restarts. It notes when it synced each pod (at its start, at once when the
 * pod's labels or annotations change, and every KUBELET_SYNC_MS): what it does only at a sync
 * of the pod, NodeExpandVolume (expansion.ts), follows those instants.
 */
import { handleExit, newContainerRuntime, pullImage, readyToStart, startContainer } from './containers.ts';
import { podIpPrefix } from './cluster-facts.ts';
import { pendingPodStatus, renderPodStatus } from './pod-status.ts';
import type { ModelState, PodRuntime } from './state.ts';
import { emit, touch } from './state.ts';
import type { K8sObject } from './types.ts';
import { setupVolumes } from './volumes.ts';
import { KUBELET_SYNC_MS } from './expansion.ts';

/** Allocates the next pod IP in the node's pod CIDR. */
function allocateIp(state: ModelState, node: string): string {
  const n = (state.podIpCounters.get(node) ?? 1) + 1;
  state.podIpCounters.set(node, n);
  return `${podIpPrefix(node)}${n}`;
}

/** The runtime record of a pod, created when the kubelet first sees it. */
export function podRuntime(state: ModelState, pod: K8sObject): PodRuntime {
  let rt = state.pods.get(pod.metadata.uid!);
  if (!rt) {
    const node = pod.spec.nodeName as string;
    rt = { uid: pod.metadata.uid!, node, ip: allocateIp(state, node), startedAt: state.clock.now(), containers: (pod.spec.containers ?? []).map(newContainerRuntime) };
    state.pods.set(rt.uid, rt);
    touch(state);
  }
  return rt;
}

function mountVolumes(state: ModelState, pod: K8sObject, rt: PodRuntime): void {
  if (rt.mounts) return;
  const r = setupVolumes(state, pod, rt.node);
  if (r.ok) {
    rt.mounts = r.mounts;
    rt.mountError = undefined;
    touch(state);
    return;
  }
  if (rt.mountError?.message === r.message) return;
  rt.mountError = { volume: r.volume, reason: r.reason, message: r.message };
  if (r.reason === 'FailedMount') emit(state, pod, 'Warning', 'FailedMount', r.message, 'kubelet');
  touch(state);
}

/** Notes the kubelet's sync of the pod: its start, a change to its labels or annotations, or its periodic sync. */
function noteSync(state: ModelState, pod: K8sObject, rt: PodRuntime): void {
  const meta = JSON.stringify([pod.metadata.labels ?? {}, pod.metadata.annotations ?? {}]);
  const now = state.clock.now();
  const synced = (at: number) => {
    rt.syncedMeta = meta;
    rt.lastSync = at;
    touch(state);
    rt.syncSeq = state.runtimeVersion;
  };
  if (rt.syncedMeta === undefined) synced(rt.startedAt);
  else if (rt.syncedMeta !== meta || now - (rt.lastSync ?? rt.startedAt) >= KUBELET_SYNC_MS) synced(now);
}

/** One kubelet sync of one pod. */
function syncPod(state: ModelState, pod: K8sObject): void {
  const node = pod.spec.nodeName as string;
  if (!state.nodeFs.has(node)) {
    const status = pendingPodStatus(state, pod, 'NodeNotFound', `node "${node}" not found`);
    state.store.put({ ...pod, status });
    return;
  }
  const rt = podRuntime(state, pod);
  noteSync(state, pod, rt);
  const terminating = !!pod.metadata.deletionTimestamp;
  if (!terminating) mountVolumes(state, pod, rt);
  if (rt.mounts) {
    const specs = (pod.spec.containers ?? []) as any[];
    rt.containers.forEach((c, i) => {
      const spec = specs[i];
      for (let round = 0; round < 3; round++) {
        handleExit(state, pod, c, terminating);
        if (terminating || !pullImage(state, pod, c) || !readyToStart(state, c)) break;
        startContainer(state, pod, rt, c, spec);
      }
    });
  }
  state.store.put({ ...pod, status: renderPodStatus(state, pod, rt) });
}

/** Syncs every pod bound to a node. */
export function syncPods(state: ModelState): void {
  for (const pod of state.store.list('Pod')) if (pod.spec?.nodeName) syncPod(state, pod);
}
