/**
 * Plain-text descriptions of what the grader saw (the "observed" part of a failure) and the
 * classification of pod states that will never fix themselves (bad image, crashing command,
 * finished pod), so waits can fail fast instead of running into their timeout.
 */
import { fill, type Localized } from '../../i18n/lang.ts';
import type { ContainerView, K8sObject, PodView } from '../cluster/cluster.ts';
import { SMSG } from './messages.ts';

/** Waiting reasons that mean the image cannot be pulled: retrying will not help. */
export const IMAGE_PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
/** Reasons that mean the container could not be created or started (e.g. the command does not exist). */
export const START_FAILURE_REASONS = new Set(['CreateContainerError', 'RunContainerError', 'StartError', 'ContainerCannotRun']);
/** Exit code the runtime reports for a container whose process could not be started (runc). */
export const START_FAILURE_EXIT_CODE = 128;
/** The program a start failure names: `exec: "sh": executable file not found in $PATH`, `exec: "/bin/sh": stat /bin/sh: no such file or directory`. */
const MISSING_PROGRAM = /exec: "([^"]+)": (?:executable file not found|stat [^:]*: no such file or directory|no such file or directory)/;
const SHELL_PROGRAM = /^(?:\/usr)?(?:\/bin\/)?(?:sh|bash|ash|dash)$/;
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
    const last = c.lastMessage ? ` (${c.lastReason ?? 'terminated'}: ${c.lastMessage})` : '';
    const exit = c.lastExitCode === undefined ? '' : `, last exit code ${c.lastExitCode}${last}`;
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

/**
 * True when the container's last run never started its process: the runtime said so (StartError
 * and the like), or it exited with 128 naming a program that does not exist.
 */
function lastRunDidNotStart(c: ContainerView): boolean {
  if (c.lastReason && START_FAILURE_REASONS.has(c.lastReason)) return true;
  return c.lastExitCode === START_FAILURE_EXIT_CODE && MISSING_PROGRAM.test(c.lastMessage ?? '');
}

/** Classifies a pod's state; undefined when it may still come up on its own. */
export function podTrouble(pod: PodView): PodTrouble | undefined {
  for (const c of pod.containers) {
    if (c.reason && IMAGE_PULL_REASONS.has(c.reason)) return { kind: 'image', container: c.name, reason: c.reason, message: c.message };
    if (c.reason && START_FAILURE_REASONS.has(c.reason)) return { kind: 'start', container: c.name, reason: c.reason, message: c.message };
    // Between two attempts the container waits in CrashLoopBackOff; its last state says why.
    if (c.reason === 'CrashLoopBackOff' && lastRunDidNotStart(c)) {
      return { kind: 'start', container: c.name, reason: c.lastReason ?? 'StartError', message: c.lastMessage };
    }
    if (c.reason === 'CrashLoopBackOff' && c.lastExitCode !== KILLED_EXIT_CODE) return { kind: 'crash', container: c.name, exitCode: c.lastExitCode };
  }
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return { kind: 'finished', phase: pod.phase };
  if (pod.reason && MOUNT_FAILURE.test(pod.reason)) return { kind: 'mount', reason: pod.reason, message: pod.message };
  return undefined;
}

/**
 * The first of `pods` (in the order given) with a container that has crashed: restarted after
 * exiting with a code other than 0 or the grader's own kill (137). Pods of one controller share a
 * template, so when one of them is found crash-looping the first one that crashed names the cause
 * the same way on every run, whichever of them the runtime happened to be restarting at the time.
 */
export function firstCrashed(pods: readonly PodView[]): { pod: PodView; container: string; exitCode: number } | undefined {
  for (const pod of pods) {
    for (const c of pod.containers) {
      if (c.restartCount > 0 && c.lastExitCode !== undefined && c.lastExitCode !== 0 && c.lastExitCode !== KILLED_EXIT_CODE) {
        return { pod, container: c.name, exitCode: c.lastExitCode };
      }
    }
  }
  return undefined;
}

/**
 * What to tell the student about a container that could not be started, in both languages: no
 * shell in the image (the usual case: a `sh -c` command on a distroless or scratch image), a
 * program that does not exist, or the runtime's own reason and message.
 */
export function startFailureMessage(pod: string, trouble: Extract<PodTrouble, { kind: 'start' }>): Localized {
  const { container, reason } = trouble;
  const message = trouble.message?.trim();
  const program = MISSING_PROGRAM.exec(message ?? '')?.[1];
  if (program && SHELL_PROGRAM.test(program)) return fill(SMSG.startNoShell, { pod, container, reason, program });
  if (program) return fill(SMSG.startNoProgram, { pod, container, reason, program });
  if (message) return fill(SMSG.startFailedWhy, { pod, container, reason, message });
  return fill(SMSG.startFailed, { pod, container, reason });
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
