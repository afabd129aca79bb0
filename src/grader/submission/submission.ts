/**
 * Builds the Submission (src/grader/define.ts) from validated documents: objects in file order,
 * each with its Locator-backed at().
 */
import type { K8sObject } from '../cluster/cluster.ts';
import type { Submission, SubmittedObject } from '../define.ts';
import type { Locator } from './locator.ts';

/** A SubmittedObject for a validated object; at() gives the key's position (see Locator.keyAt). */
export function submittedObject(object: K8sObject, locator: Locator): SubmittedObject {
  return { object, pos: locator.pos, at: (path) => locator.keyAt(path) };
}

/** A Submission over objects in the order they were written (files sorted by name). */
export function createSubmission(dir: string, objects: SubmittedObject[]): Submission {
  return {
    dir,
    objects,
    find: (kind, name) => objects.find((o) => o.object.kind === kind && o.object.metadata.name === name),
    all: (kind) => objects.filter((o) => o.object.kind === kind),
  };
}
