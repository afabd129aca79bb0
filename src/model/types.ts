/**
 * Shared types of the storage model: object references, options, results. Objects are plain
 * Kubernetes JSON (K8sObject); everything here is browser-safe (type-only imports).
 */
import type { K8sObject } from './vocabulary.ts';
import type { Localized } from '../i18n/lang.ts';

export type { K8sObject, Localized };

/** Names one object. namespace is ignored for cluster-scoped kinds and defaults to "default". */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

/** Construction options; everything that makes a run differ is injectable. */
export interface ModelOptions {
  /** Seed of the deterministic random source (uids, pod name suffixes, container ids). Default 1. */
  seed?: number;
  /** Replaces the seeded random source; must return numbers in [0, 1). */
  random?: () => number;
  /** Epoch milliseconds of virtual time zero. Default 2026-01-01T00:00:00Z. */
  startTime?: number;
  /** Extra images (exact reference or repository name) that cannot be pulled. */
  unpullableImages?: string[];
  /** Extra images (exact reference or repository name) that have no /bin/sh. */
  noShellImages?: string[];
}

/** What apply did with one object (like kubectl's "pod/x created"). */
export interface ApplyResult {
  kind: string;
  name: string;
  namespace?: string;
  action: 'created' | 'configured' | 'unchanged';
}

/** Options of a delete. */
export interface DeleteOptions {
  /** Seconds the containers get to stop; default the pod's terminationGracePeriodSeconds (30). */
  gracePeriodSeconds?: number;
}
