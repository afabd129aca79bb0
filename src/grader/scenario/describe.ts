/**
 * Plain-text descriptions of what the grader saw (the "observed" part of a failure) and the
 * classification of pod states that will never fix themselves (bad image, crashing command,
 * finished pod), so waits can fail fast instead of running into their timeout.
 */
import type { K8sObject, PodView } from '../cluster/cluster.ts';

/** Waiting reasons that mean the image cannot be pulled: retrying will not help. */
export const IMAGE_PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
/** Reasons that mean the container could not be created or started (e.g. the command does not exist). */
export const START_FAILURE_REASONS = new Set(['CreateContainerError', 'RunContainerError', 'StartError']);
/** Pod reasons that mean a volume could not be mounted or attached. */
export const MOUNT_FAILURE = /FailedMount|FailedAttachVolume|FailedMapVolume|MountVolume/i;
/** Exit code of a container killed by SIGKILL (what the grader's own kill produces). */
export const KILLED_EXIT_CODE = 137;

/** True when the pod runs and every container in it is running. */
export function isRunning(pod: PodView): boolean {
  return pod.phase === 'Running' && !pod.terminating && pod.containers.length > 0 && pod.containers.every((c) => c.state === 'running');
}

/** One line about a pod: phase, node, reason, each container's state. */
export function describePod(pod: PodView): string {
  const head = [`Pod ${pod.name}`, `phase ${pod.phase}${pod.terminating ? ' (terminating)' : ''}`];
  if (pod.nodeName) head.push(`node ${pod.nodeName}`);
  if (pod.reason || pod.message) head.push(`${pod.reason ?? ''}${pod.message ? `: ${pod.message}` : ''}`);
  const containers = pod.containers.map((c) => {
    const why = [c.reason, c.message].filter(Boolean).join(': ');
    const exit = c.lastExitCode === undefined ? '' : `, last exit code ${c.lastExitCode}`;
    return `${c.name} ${c.state}${why ? ` (${why})` : ''}, restarts ${c.restartCount}${exit}`;
  });
  return `${head.join(', ')}; containers: ${containers.join('; ') || 'none yet'}`;
}

/** What is wrong with a pod for good, if anything. */
export type PodTrouble =
  | { kind: 'image'; container: string; reason: string; message?: string }
  | { kind: 'start'; container: string; reason: string; message?: string }
  | { kind: 'crash'; container: string; exitCode?: number }
  | { kind: 'finished'; phase: 'Succeeded' | 'Failed' }
  | { kind: 'mount'; reason: string; message?: string };

/** Classifies a pod's state; undefined when it may still come up on its own. */
export function podTrouble(pod: PodView): PodTrouble | undefined {
  for (const c of pod.containers) {
    if (c.reason && IMAGE_PULL_REASONS.has(c.reason)) return { kind: 'image', container: c.name, reason: c.reason, message: c.message };
    if (c.reason && START_FAILURE_REASONS.has(c.reason)) return { kind: 'start', container: c.name, reason: c.reason, message: c.message };
    if (c.reason === 'CrashLoopBackOff' && c.lastExitCode !== KILLED_EXIT_CODE) return { kind: 'crash', container: c.name, exitCode: c.lastExitCode };
  }
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return { kind: 'finished', phase: pod.phase };
  if (pod.reason && MOUNT_FAILURE.test(pod.reason)) return { kind: 'mount', reason: pod.reason, message: pod.message };
  return undefined;
}

/** The image a container of a pod object uses ("?" if unknown). */
export function imageOf(pod: K8sObject | undefined, container: string): string {
  const spec = pod?.spec as { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] } | undefined;
  const all = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  return all.find((c) => c.name === container)?.image ?? '?';
}

/** One line about a PVC: phase, class, volume, request. */
export function describePvc(name: string, pvc: K8sObject | undefined): string {
  if (!pvc) return `PersistentVolumeClaim ${name} does not exist`;
  const cls = pvc.spec?.storageClassName;
  const parts = [
    `PersistentVolumeClaim ${name} is ${pvc.status?.phase ?? 'without a phase'}${pvc.metadata.deletionTimestamp ? ' (terminating)' : ''}`,
    `storageClassName ${cls === undefined || cls === null ? '(not set: the default class applies)' : JSON.stringify(cls)}`,
    `volumeName ${pvc.spec?.volumeName || '(none)'}`,
  ];
  const request = pvc.spec?.resources?.requests?.storage;
  if (request) parts.push(`requests ${request}`);
  return parts.join(', ');
}

/** One line about a PV: phase, claim, class, reclaim policy. */
export function describePv(name: string, pv: K8sObject | undefined): string {
  if (!pv) return `PersistentVolume ${name} does not exist`;
  const claim = pv.spec?.claimRef ? `${pv.spec.claimRef.namespace ?? ''}/${pv.spec.claimRef.name}` : '(none)';
  return [
    `PersistentVolume ${name} is ${pv.status?.phase ?? 'without a phase'}${pv.metadata.deletionTimestamp ? ' (terminating)' : ''}`,
    `claim ${claim}`,
    `storageClassName ${JSON.stringify(pv.spec?.storageClassName ?? '')}`,
    `reclaimPolicy ${pv.spec?.persistentVolumeReclaimPolicy ?? '(default)'}`,
  ].join(', ');
}
