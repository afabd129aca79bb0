/**
 * Which StorageClass an object asks for. The legacy annotation
 * volume.beta.kubernetes.io/storage-class is read before spec.storageClassName (as Kubernetes
 * does), an unset class on a PV means "", and the default class is the newest StorageClass
 * annotated storageclass.kubernetes.io/is-default-class: "true".
 */
import { DEFAULT_CLASS_ANNOTATION } from './cluster-facts.ts';
import type { ModelState } from './state.ts';
import type { K8sObject } from './types.ts';

export const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** The class a claim or volume names; undefined only for a claim that names none at all. */
export function className(obj: K8sObject): string | undefined {
  const beta = obj.metadata.annotations?.[BETA_CLASS_ANNOTATION];
  if (beta !== undefined) return beta;
  const spec = obj.spec?.storageClassName;
  if (spec === undefined || spec === null) return obj.kind === 'PersistentVolume' ? '' : undefined;
  return spec;
}

/** The default StorageClass (the newest one annotated default), if any. */
export function defaultClass(state: ModelState): K8sObject | undefined {
  const defaults = state.store.list('StorageClass').filter((sc) => sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' && !sc.metadata.deletionTimestamp);
  return defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name))[0];
}
