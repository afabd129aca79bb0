/**
 * How a run tells other runs it is still going, so their sweeps (run-namespace.ts sweepDeadRuns)
 * leave its objects alone while it lives, and remove them once it has died without cleaning up
 * (SIGKILL, a lost machine, a CI job cancelled hard).
 *
 * Contract: each namespace a run makes carries LEASE_ANNOTATION, an ISO time until which the run
 * counts as live; the run moves it LEASE_MS ahead every RENEW_MS while it goes on. A run lives
 * while any of its namespaces is live: kept (`--keep`, KEPT_ANNOTATION: never swept, the user
 * deletes it), or with a lease not yet over, or, made by an older grader without a lease, younger
 * than UNLEASED_LIVE_MS. A lesson grades in a minute or two, so a run whose renewals all fail (a
 * school cluster that lets students create namespaces but not patch them) still has its whole
 * first lease, and the clocks of two machines may differ by minutes without harm.
 */
import type { K8sObject } from '../cluster.ts';
import { RUN_LABEL } from './labels.ts';

export const LEASE_ANNOTATION = 'storage-course/alive-until';
export const KEPT_ANNOTATION = 'storage-course/kept';
export const LEASE_MS = 15 * 60_000;
export const RENEW_MS = 3 * 60_000;
export const UNLEASED_LIVE_MS = 60 * 60_000;

/** The annotation that keeps a run live for LEASE_MS from now. */
export function leaseAnnotations(now: number): Record<string, string> {
  return { [LEASE_ANNOTATION]: new Date(now + LEASE_MS).toISOString() };
}

/** True while the namespace says its run is still going (see the contract above). */
export function namespaceIsLive(ns: K8sObject, now: number): boolean {
  const annotations = ns.metadata.annotations ?? {};
  if (annotations[KEPT_ANNOTATION] === 'true') return true;
  const until = Date.parse(annotations[LEASE_ANNOTATION] ?? '');
  if (!Number.isNaN(until)) return until > now;
  const created = Date.parse((ns.metadata as { creationTimestamp?: string }).creationTimestamp ?? '');
  return Number.isNaN(created) || created + UNLEASED_LIVE_MS > now;
}

/** The run ids (RUN_LABEL) that have at least one live namespace among `namespaces`. */
export function liveRuns(namespaces: readonly K8sObject[], now: number): Set<string> {
  return new Set(namespaces.filter((ns) => namespaceIsLive(ns, now)).map((ns) => ns.metadata.labels?.[RUN_LABEL] ?? ''));
}

/**
 * Calls renew every `every` ms until stop(); a failed renewal is reported to onError and the next
 * one tries again. The timer never keeps the process alive.
 */
export class LeaseRenewer {
  private timer?: ReturnType<typeof setInterval>;

  start(renew: () => Promise<unknown>, onError: (err: Error) => void, every = RENEW_MS): void {
    this.stop();
    this.timer = setInterval(() => void renew().catch((err: Error) => onError(err)), every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
