/**
 * Where pod specs live in the kinds the course uses: a Pod's spec, the pod template of workload
 * controllers, and a CronJob's job template. Used by the API-server rules and the safety rules.
 */
import type { FieldPath } from './problem.ts';

/** A YAML mapping as plain JSON. */
export type Json = Record<string, unknown>;

const TEMPLATE_PATHS: Record<string, FieldPath> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The own property `key` of an object or array, or undefined. Keys are often the user's text
 * ("constructor", "__proto__"), so nothing is read from Object.prototype.
 */
export function ownValue(node: unknown, key: string | number): unknown {
  if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
  return (node as Record<string | number, unknown>)[key];
}

/** The value at path (own properties only, see ownValue), or undefined. */
export function getIn(root: unknown, path: FieldPath): unknown {
  let node = root;
  for (const seg of path) {
    node = ownValue(node, seg);
    if (node === undefined) return undefined;
  }
  return node;
}

/** The pod spec of an object (Pod or controller template) and its path, if it has one. */
export function podSpecOf(obj: Json): { spec: Json; path: FieldPath } | undefined {
  const path = typeof obj.kind === 'string' && Object.hasOwn(TEMPLATE_PATHS, obj.kind) ? TEMPLATE_PATHS[obj.kind] : undefined;
  if (!path) return undefined;
  const spec = getIn(obj, path);
  return isObject(spec) ? { spec, path } : undefined;
}

export interface ContainerRef {
  container: Json;
  path: FieldPath;
}

/** Every container of a pod spec: containers, initContainers and ephemeralContainers. */
export function containersOf(spec: Json, specPath: FieldPath): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((c, i) => {
      if (isObject(c)) out.push({ container: c, path: [...specPath, list, i] });
    });
  }
  return out;
}

/** The items of an array field that are objects, with their index. */
export function objectItems(value: unknown): { item: Json; index: number }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index) => (isObject(item) ? [{ item, index }] : []));
}
