/**
 * The vocabulary the model shares with the grader: the object shape and the two refusals every
 * cluster back end (kind, current, model) speaks. It lives here, in the model, because the model
 * is the lower layer: nothing under src/model imports from the grader, and the grader's
 * cluster.ts (the Cluster interface) re-exports these names so graders keep importing them there.
 *
 * Contract: K8sObject is plain Kubernetes JSON. A back end's apply() rejects with an ApplyError
 * when the API refuses an object; writeFile/readFile reject with an ExecError when a command in a
 * container cannot run. These are the only two classes here and there is one copy of each, so
 * `instanceof ApplyError` / `instanceof ExecError` holds for the model's subclasses
 * (errors.ts) wherever the check is made. Browser-safe: no imports at all.
 */

/** A Kubernetes object as plain JSON (what `kubectl get -o json` returns, or what YAML parses to). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
    deletionTimestamp?: string;
    creationTimestamp?: string;
    [key: string]: unknown;
  };
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/** The API refused an object (bad field value, immutable field, admission). */
export class ApplyError extends Error {
  constructor(
    message: string,
    readonly object?: { kind: string; name: string },
  ) {
    super(message);
    this.name = 'ApplyError';
  }
}

/** A command inside a container could not run (container not running, no /bin/sh, write failed). */
export class ExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExecError';
  }
}
