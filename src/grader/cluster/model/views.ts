/**
 * Maps the model's Pod objects to the grader's PodView / ContainerView: phase, node, the pod-level
 * reason (PodScheduled=False, or a volume that will not mount) and each container's state, reason,
 * restartCount, containerID and last exit code, reason and message.
 */
import type { StorageModel } from '../../../model/index.ts';
import type { ContainerView, K8sObject, PodView } from '../cluster.ts';

// Pod-level reasons a real back end shows too. A claim the Pod waits for is not one of them: on the
// real cluster such a Pod is Pending on its node with no reason (until kubelet's FailedMount event
// about two minutes later), recorded in test/fixtures/real-traces/lesson-5/mistake--pod-node-name.json.
const POD_LEVEL = ['FailedMount', 'NodeNotFound'];

/** One container's view from its status (or its spec, before the pod is scheduled). */
export function containerView(name: string, cs: any | undefined): ContainerView {
  if (!cs) return { name, restartCount: 0, state: 'waiting', ready: false };
  const [state, detail] = (Object.entries(cs.state ?? {})[0] ?? ['unknown', {}]) as [string, any];
  return {
    name,
    ...(cs.containerID ? { containerID: cs.containerID } : {}),
    restartCount: cs.restartCount ?? 0,
    state: (['running', 'waiting', 'terminated'].includes(state) ? state : 'unknown') as ContainerView['state'],
    ready: !!cs.ready,
    ...(detail?.reason ? { reason: detail.reason } : {}),
    ...(detail?.message ? { message: detail.message } : {}),
    ...(cs.lastState?.terminated ? { lastExitCode: cs.lastState.terminated.exitCode } : {}),
    ...(cs.lastState?.terminated?.reason ? { lastReason: cs.lastState.terminated.reason } : {}),
    ...(cs.lastState?.terminated?.message ? { lastMessage: cs.lastState.terminated.message } : {}),
  };
}

/** A pod's view. */
export function podView(model: StorageModel, pod: K8sObject): PodView {
  const ns = pod.metadata.namespace ?? 'default';
  const problem = model.podProblem(ns, pod.metadata.name);
  const sched = ((pod.status?.conditions as any[]) ?? []).find((c) => c.type === 'PodScheduled');
  const podLevel = sched?.status === 'False' || (problem && POD_LEVEL.includes(problem.reason)) ? problem : undefined;
  const statuses: any[] = pod.status?.containerStatuses ?? [];
  return {
    name: pod.metadata.name,
    uid: pod.metadata.uid ?? '',
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    phase: pod.status?.phase ?? 'Pending',
    terminating: !!pod.metadata.deletionTimestamp,
    labels: { ...(pod.metadata.labels ?? {}) },
    ...(podLevel ? { reason: podLevel.reason, ...(podLevel.message ? { message: podLevel.message } : {}) } : {}),
    containers: ((pod.spec?.containers as any[]) ?? []).map((c) => containerView(c.name, statuses.find((s) => s.name === c.name))),
  };
}
