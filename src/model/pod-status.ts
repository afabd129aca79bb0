/**
 * Renders a pod's status (phase, conditions, containerStatuses with state / lastState /
 * restartCount / containerID) from its runtime record, with the kubelet's phase rules: Pending
 * while a container has never started; Running while one runs or restarts; with no restart
 * coming, Succeeded if all exited 0 (OnFailure, Never) or Failed if one did not (Never).
 */
import { nodeIp } from './cluster-facts.ts';
import type { ContainerRuntime, ModelState, PodRuntime, Terminated } from './state.ts';
import type { K8sObject } from './types.ts';

function terminated(t: Terminated, iso: (n: number) => string) {
  return {
    terminated: {
      exitCode: t.exitCode,
      reason: t.reason,
      ...(t.message ? { message: t.message } : {}),
      startedAt: iso(t.startedAt),
      finishedAt: iso(t.finishedAt),
      containerID: t.containerID,
    },
  };
}

function containerStatus(c: ContainerRuntime, iso: (n: number) => string) {
  let stateObj: unknown;
  if (c.current) stateObj = { running: { startedAt: iso(c.current.startedAt) } };
  else if (c.final) stateObj = terminated(c.final, iso);
  else stateObj = { waiting: { reason: c.waiting.reason || 'ContainerCreating', ...(c.waiting.message ? { message: c.waiting.message } : {}) } };
  const containerID = c.current?.id ?? c.final?.containerID ?? c.lastTerminated?.containerID;
  return {
    name: c.name,
    image: c.image,
    ...(containerID ? { containerID } : {}),
    ready: !!c.current,
    started: !!c.current,
    restartCount: c.restartCount,
    state: stateObj,
    lastState: c.lastTerminated ? terminated(c.lastTerminated, iso) : {},
  };
}

/** The pod phase from container runtimes (kubelet getPhase). */
export function podPhase(restartPolicy: string, rt: PodRuntime): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  if (!rt.mounts) return 'Pending';
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of rt.containers) {
    if (c.current) running++;
    else if (c.final) {
      stopped++;
      if (c.final.exitCode === 0) succeeded++;
    } else if (c.lastTerminated) {
      stopped++;
      if (c.lastTerminated.exitCode === 0) succeeded++;
    } else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (restartPolicy === 'Always') return 'Running';
  if (restartPolicy === 'OnFailure') return stopped === succeeded && rt.containers.every((c) => c.final) ? 'Succeeded' : 'Running';
  return stopped === succeeded ? 'Succeeded' : 'Failed';
}

function condition(prev: any[] | undefined, type: string, ok: boolean, now: string, reason?: string, message?: string) {
  const old = (prev ?? []).find((c) => c.type === type);
  const status = ok ? 'True' : 'False';
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** The status of a pod that runs on a node, from its runtime. */
export function renderPodStatus(state: ModelState, pod: K8sObject, rt: PodRuntime): any {
  const iso = (n: number) => state.clock.iso(n);
  const now = iso(state.clock.now());
  const prev = pod.status?.conditions;
  const statuses = rt.containers.map((c) => containerStatus(c, iso));
  const allReady = rt.containers.every((c) => !!c.current);
  const phase = podPhase(pod.spec?.restartPolicy ?? 'Always', rt);
  const notReady = rt.containers.filter((c) => !c.current).map((c) => c.name);
  const notReadyMsg = notReady.length ? `containers with unready status: [${notReady.join(' ')}]` : undefined;
  const hasResources = (pod.spec?.containers ?? []).some((c: any) => c.resources && Object.keys(c.resources).length > 0);
  return {
    phase,
    conditions: [
      condition(prev, 'PodReadyToStartContainers', !!rt.mounts, now),
      condition(prev, 'Initialized', true, now),
      condition(prev, 'Ready', allReady, now, allReady ? undefined : 'ContainersNotReady', notReadyMsg),
      condition(prev, 'ContainersReady', allReady, now, allReady ? undefined : 'ContainersNotReady', notReadyMsg),
      condition(prev, 'PodScheduled', true, now),
    ],
    hostIP: nodeIp(rt.node),
    hostIPs: [{ ip: nodeIp(rt.node) }],
    podIP: rt.ip,
    podIPs: [{ ip: rt.ip }],
    startTime: iso(rt.startedAt),
    containerStatuses: statuses,
    qosClass: hasResources ? 'Burstable' : 'BestEffort',
  };
}

/** The status of a pod the scheduler could not place (or whose node does not exist). */
export function pendingPodStatus(state: ModelState, pod: K8sObject, reason: string, message: string): any {
  const now = state.clock.iso();
  return {
    phase: 'Pending',
    conditions: [condition(pod.status?.conditions, 'PodScheduled', false, now, reason, message)],
    qosClass: pod.status?.qosClass ?? 'BestEffort',
  };
}

/** Why a pod is not (fully) running, as one reason + message: scheduling, mounting, or a waiting container. */
export function podProblem(state: ModelState, pod: K8sObject): { reason: string; message?: string } | undefined {
  const sched = ((pod.status?.conditions as any[]) ?? []).find((c) => c.type === 'PodScheduled');
  if (sched?.status === 'False') return { reason: sched.reason ?? 'Unschedulable', message: sched.message };
  const rt = state.pods.get(pod.metadata.uid!);
  if (rt?.mountError && !rt.mounts) return { reason: rt.mountError.reason, message: rt.mountError.message };
  for (const cs of (pod.status?.containerStatuses as any[]) ?? []) {
    if (cs.state?.waiting) return { reason: cs.state.waiting.reason, message: cs.state.waiting.message };
    if (cs.state?.terminated) return { reason: cs.state.terminated.reason, message: cs.state.terminated.message };
  }
  return undefined;
}
