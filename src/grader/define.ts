/**
 * The shape of a grader: graders/<NN-slug>.ts default-exports defineGrader({...}). A grader is
 * the lesson's story in order: static checks (no cluster, fail fast), then scenario steps that run
 * against the Cluster interface. Every check carries its points and an en + zh-cn title and hint.
 */
import type { Localized } from '../i18n/lang.ts';
import type { Cluster, FixtureName, K8sObject, SourcePos } from './cluster/cluster.ts';
import { COURSE_HOST_DIR, isCourseHostPath } from './submission/host-paths.ts';

/** One object of the student's submission, with where it was written. */
export interface SubmittedObject {
  object: K8sObject;
  /** Position of the document's first line (apiVersion/kind). */
  pos: SourcePos;
  /** Finds the position of a field path inside this object, e.g. ['spec','volumes',0,'emptyDir']; falls back to pos. */
  at(path: (string | number)[]): SourcePos;
}

/** All objects of a submission folder, after parsing and schema validation passed. */
export interface Submission {
  dir: string;
  objects: SubmittedObject[];
  /** The first object of that kind and name, if any. */
  find(kind: string, name: string): SubmittedObject | undefined;
  /** Every object of that kind. */
  all(kind: string): SubmittedObject[];
}

/** A problem a static check found. */
export interface Finding {
  message: Localized;
  /** Where to look; omit when the problem is a missing object. */
  at?: SourcePos;
}

/** A check that needs no cluster: it reads the submission and returns findings (none = pass). */
export interface StaticCheck {
  id: string;
  points: number;
  title: Localized;
  /** Shown under a failure: what to change. */
  hint: Localized;
  check(sub: Submission): Finding[];
}

/** Raised inside a step to fail it with a message for the student. */
export class CheckFailure extends Error {
  constructor(
    readonly failure: Localized,
    /** Free text for the report's output (what was observed), e.g. a pod's status. */
    readonly observed?: string,
  ) {
    super(failure.en);
    this.name = 'CheckFailure';
  }
}

/** What a step function gets. */
export interface StepContext {
  cluster: Cluster;
  submission: Submission;
  /** Values steps hand to later steps (tokens, uids, node names). */
  state: Map<string, unknown>;
  /** A fresh random token, different on every call and every run. */
  token(): string;
  /** Aborted on Ctrl-C or when the step's timeout passes. */
  signal: AbortSignal;
  /**
   * Retries probe until it returns a value (not undefined) or the step's deadline passes; on
   * timeout fails the step with `failure` plus what the last probe saw (its `observe` text).
   */
  until<T>(
    probe: (observe: (what: string) => void) => Promise<T | undefined>,
    failure: Localized,
    opts?: { intervalMs?: number; timeoutMs?: number },
  ): Promise<T>;
  /** Fails the step now. */
  fail(failure: Localized, observed?: string): never;
  /** Reports progress inside a long step (shown in the terminal, not in reports). */
  progress(what: Localized): void;
}

/** One scenario step: an action plus the assertion that earns its points. */
export interface Step {
  id: string;
  points: number;
  title: Localized;
  hint: Localized;
  /** Milliseconds before the step fails with a timeout (default 90 s on real clusters). */
  timeoutMs?: number;
  /** Ids of earlier steps this one needs; if one of them failed or was skipped, this one is skipped. */
  needs?: string[];
  /** The objects to show diagnostics for when this step fails. */
  diagnose?: { kind: string; name: string }[];
  run(ctx: StepContext): Promise<void>;
}

/** A lesson's grader. */
export interface Grader {
  /** The lesson folder name, e.g. "01-emptydir". */
  lesson: string;
  /**
   * The exact node paths the exercise mounts (hostPath or local volumes), each a direct child of
   * /var/local; every other host path is refused before anything is applied. None when omitted.
   */
  hostPaths?: readonly string[];
  /** Fixtures to install before applying the submission. */
  fixtures?: FixtureName[];
  /** Static checks, run before any cluster work. */
  staticChecks: StaticCheck[];
  /**
   * Called once before the steps, after fixtures: e.g. label the data worker, create the local-PV
   * directory. Failures here are the grader's (exit 3), not the student's.
   */
  setup?(ctx: StepContext): Promise<void>;
  steps: Step[];
  /**
   * What the exercise demonstrates about data lifetime, for the site's "what survives what"
   * matrix: each event the scenario actually exercises, and what happened to the data.
   */
  lifetime: LifetimeClaim[];
}

export type LifetimeEvent = 'containerRestart' | 'podDelete' | 'otherNode' | 'pvcDelete';
export type LifetimeRow = 'emptyDir' | 'hostPath' | 'nfs' | 'pvRetain' | 'pvDelete' | 'statefulSetPvc' | 'snapshot';
/**
 * What a scenario saw happen to the data: `kept` (the token is read back), `lost` (the token is
 * gone), or `pinned` (the data stays on one node and the Pod cannot follow it: a replacement Pod
 * required on another node stays Pending, unschedulable because of the volume's node affinity,
 * and a replacement free to go anywhere is scheduled back onto the volume's node, token intact).
 */
export type LifetimeValue = 'kept' | 'lost' | 'pinned';
/** The cells of one matrix row a grader or a demonstration proves, with the value it proves. */
export interface LifetimeClaim {
  row: LifetimeRow;
  proves: Partial<Record<LifetimeEvent, LifetimeValue>>;
}

/** Declares a grader; checks at load time that points add up to 100 and ids are unique. */
export function defineGrader(grader: Grader): Grader {
  const ids = [...grader.staticChecks.map((c) => c.id), ...grader.steps.map((s) => s.id)];
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new Error(`grader ${grader.lesson}: duplicate check id "${dup}"`);
  const total = [...grader.staticChecks, ...grader.steps].reduce((sum, c) => sum + c.points, 0);
  if (total !== 100) throw new Error(`grader ${grader.lesson}: points add up to ${total}, not 100`);
  for (const p of grader.hostPaths ?? []) {
    if (!isCourseHostPath(p)) throw new Error(`grader ${grader.lesson}: host path ${p} is not a direct child of ${COURSE_HOST_DIR}`);
  }
  for (const step of grader.steps) {
    for (const need of step.needs ?? []) {
      if (!grader.steps.some((s) => s.id === need) || grader.steps.findIndex((s) => s.id === need) > grader.steps.indexOf(step)) {
        throw new Error(`grader ${grader.lesson}: step "${step.id}" needs "${need}", which is not an earlier step`);
      }
    }
  }
  return grader;
}
