/**
 * Pure parsers from `kubectl ... -o json` output to our own types. They read only the fields they
 * need and tolerate everything else, and are tested against recorded real outputs
 * (test/fixtures/kubectl/NOTES.md).
 */
import type { ContainerView, K8sObject, PodView } from '../cluster.ts';

type Json = Record<string, any>;

/** Parses one object printed by `kubectl get -o json --ignore-not-found`; empty output means absent. */
export function parseObject(stdout: string): K8sObject | undefined {
  if (!stdout.trim()) return undefined;
  const obj = JSON.parse(stdout) as Json;
  return checkObject(obj);
}

/** Parses a List printed by `kubectl get -o json` into its items. */
export function parseList(stdout: string): K8sObject[] {
  const list = JSON.parse(stdout) as Json;
  if (!list || !Array.isArray(list.items)) throw new Error('kubectl did not print a List (no items array)');
  return list.items.map((item: Json) => checkObject(item));
}

function checkObject(obj: Json): K8sObject {
  if (!obj || typeof obj.kind !== 'string' || typeof obj.metadata?.name !== 'string') {
    throw new Error('kubectl printed something that is not a Kubernetes object');
  }
  return obj as K8sObject;
}

const PHASES = new Set(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);

/** Reduces a Pod object to the PodView graders and reports use. */
export function parsePodView(pod: Json): PodView {
  const status: Json = pod.status ?? {};
  const spec: Json = pod.spec ?? {};
  const statuses: Json[] = status.containerStatuses ?? [];
  const initStatuses: Json[] = status.initContainerStatuses ?? [];
  // Regular containers in spec order, then native sidecars (init containers that keep running).
  const sidecars: Json[] = (spec.initContainers ?? []).filter((c: Json) => c.restartPolicy === 'Always');
  const containers = [
    ...(spec.containers ?? []).map((c: Json) => containerView(c.name, statuses.find((s) => s.name === c.name))),
    ...sidecars.map((c: Json) => containerView(c.name, initStatuses.find((s) => s.name === c.name))),
  ];
  const view: PodView = {
    name: pod.metadata?.name ?? '',
    uid: pod.metadata?.uid ?? '',
    phase: PHASES.has(status.phase) ? status.phase : status.phase === undefined ? 'Pending' : 'Unknown',
    terminating: Boolean(pod.metadata?.deletionTimestamp),
    labels: { ...(pod.metadata?.labels ?? {}) },
    containers,
  };
  if (spec.nodeName) view.nodeName = spec.nodeName;
  const why = podProblem(status, initStatuses, sidecars.map((c: Json) => c.name)) ?? imagePullProblem(containers);
  if (why) {
    view.reason = why.reason;
    if (why.message) view.message = why.message;
  }
  return view;
}

function containerView(name: string, s: Json | undefined): ContainerView {
  const state: Json = s?.state ?? {};
  const kind: ContainerView['state'] = state.running ? 'running' : state.waiting ? 'waiting' : state.terminated ? 'terminated' : s ? 'unknown' : 'waiting';
  const detail: Json = state.waiting ?? state.terminated ?? {};
  const view: ContainerView = {
    name,
    restartCount: typeof s?.restartCount === 'number' ? s.restartCount : 0,
    state: kind,
    ready: s?.ready === true,
  };
  if (s?.containerID) view.containerID = s.containerID;
  if (detail.reason) view.reason = detail.reason;
  if (detail.message) view.message = detail.message;
  const last: Json = s?.lastState?.terminated ?? {};
  if (typeof last.exitCode === 'number') view.lastExitCode = last.exitCode;
  if (typeof last.reason === 'string' && last.reason) view.lastReason = last.reason;
  if (typeof last.message === 'string' && last.message) view.lastMessage = last.message;
  return view;
}

/** Why a pod is not running, from its scheduling condition, init containers or status reason. */
function podProblem(status: Json, initStatuses: Json[], sidecarNames: string[]): { reason: string; message?: string } | undefined {
  const scheduled = (status.conditions ?? []).find((c: Json) => c.type === 'PodScheduled');
  if (scheduled && scheduled.status === 'False') return { reason: scheduled.reason ?? 'Unschedulable', message: scheduled.message };
  for (const s of initStatuses) {
    if (sidecarNames.includes(s.name)) continue;
    const waiting = s.state?.waiting;
    if (waiting?.reason && waiting.reason !== 'PodInitializing') return { reason: `Init:${waiting.reason}`, message: waiting.message };
    const done = s.state?.terminated;
    if (done && done.exitCode !== 0) return { reason: `Init:${done.reason ?? 'Error'}`, message: done.message ?? `init container ${s.name} exited with code ${done.exitCode}` };
  }
  if (status.reason) return { reason: status.reason, message: status.message };
  return undefined;
}

const PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);

/** An image that cannot be pulled, lifted to the pod so the runner can name the image. */
function imagePullProblem(containers: ContainerView[]): { reason: string; message?: string } | undefined {
  const c = containers.find((x) => x.reason !== undefined && PULL_REASONS.has(x.reason));
  return c ? { reason: c.reason!, message: c.message ? `container ${c.name}: ${c.message}` : `container ${c.name} cannot pull its image` } : undefined;
}

/** True when a pod sits on a node waiting for its volumes or sandbox (events may say why). */
export function isStuckCreating(view: PodView): boolean {
  return (
    view.phase === 'Pending' &&
    !view.reason &&
    view.nodeName !== undefined &&
    view.containers.every((c) => c.state === 'waiting' && (c.reason === undefined || c.reason === 'ContainerCreating'))
  );
}

const MOUNT_REASONS = new Set(['FailedMount', 'FailedAttachVolume', 'FailedMapVolume', 'FailedCreatePodSandBox']);

/** The latest volume-mount (or sandbox) failure reported for the pod, from an events List. */
export function mountProblem(events: K8sObject[], podName: string): { reason: string; message: string } | undefined {
  const relevant = events.filter(
    (e) => (e as Json).involvedObject?.name === podName && (e as Json).involvedObject?.kind === 'Pod' && MOUNT_REASONS.has((e as Json).reason),
  );
  relevant.sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
  const last = relevant.at(-1) as Json | undefined;
  return last ? { reason: last.reason, message: String(last.message ?? '').trim() } : undefined;
}

function eventTime(e: Json): string {
  return String(e.lastTimestamp ?? e.eventTime ?? e.series?.lastObservedTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '');
}

/** Events as a readable table (oldest first), for diagnostics. */
export function formatEvents(events: K8sObject[]): string {
  if (events.length === 0) return '(no events)';
  const rows = [...events].sort((a, b) => eventTime(a).localeCompare(eventTime(b)));
  return rows
    .map((e: Json) => {
      const count = e.count ?? e.series?.count;
      const source = e.source?.component ?? e.reportingComponent ?? '';
      const times = count && count > 1 ? ` (x${count})` : '';
      return `${eventTime(e) || '-'}  ${e.type ?? ''}  ${e.reason ?? ''}${times}  ${source}  ${String(e.message ?? '').trim()}`;
    })
    .join('\n');
}

/** Names of Ready, schedulable nodes without NoSchedule/NoExecute taints, sorted. */
export function parseWorkers(nodes: K8sObject[]): string[] {
  return nodes
    .filter((n: Json) => {
      const ready = (n.status?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True');
      const tainted = (n.spec?.taints ?? []).some((t: Json) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
      return ready && !tainted && n.spec?.unschedulable !== true;
    })
    .map((n) => n.metadata.name)
    .sort();
}

/** True when every node reports Ready=True (and there is at least `min` of them). */
export function allNodesReady(nodes: K8sObject[], min: number): boolean {
  return (
    nodes.length >= min &&
    nodes.every((n: Json) => (n.status?.conditions ?? []).some((c: Json) => c.type === 'Ready' && c.status === 'True'))
  );
}

/** A container runtime id without its scheme ("containerd://abc" -> "abc"). */
export function bareContainerId(containerID: string): string {
  const id = containerID.replace(/^[a-z0-9.+-]+:\/\//, '');
  if (!/^[A-Za-z0-9]+$/.test(id)) throw new TypeError(`unexpected container id ${JSON.stringify(containerID)}`);
  return id;
}

/** The error kubectl apply printed, without kubectl's prefixes, and the object it names if any. */
export function parseApplyError(stderr: string): { message: string; object?: { kind: string; name: string } } {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Warning: /.test(l));
  const message = lines
    .map((l) => l.replace(/^Error from server(?: \([A-Za-z]+\))?: /, '').replace(/^error when (?:creating|applying patch|patching|retrieving current configuration of)[^:]*: /, '').replace(/^error: /, ''))
    .join('\n');
  const named = /\b([A-Z][A-Za-z]+)(?:\.[a-z0-9.]+)? "([a-z0-9][-a-z0-9.]*)" is (?:invalid|forbidden)/.exec(message);
  return named ? { message, object: { kind: named[1], name: named[2] } } : { message };
}
