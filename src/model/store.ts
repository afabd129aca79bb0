/**
 * The object store (the model's API server storage): objects by kind, namespace and name.
 * get/list hand out copies; a change is persisted only by put(), which bumps resourceVersion
 * and the store version when the object really changed. The version lets reconcile find its
 * fixpoint.
 */
import type { K8sObject } from './types.ts';

function key(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** JSON with object keys sorted, so equal objects compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

function withoutVersion(obj: K8sObject): K8sObject {
  const { resourceVersion: _rv, ...meta } = obj.metadata as Record<string, unknown>;
  return { ...obj, metadata: meta as K8sObject['metadata'] };
}

/** What the store knows about an object without parsing it. */
export interface ObjectMeta {
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
  deleting: boolean;
  owners: { kind: string; uid: string }[];
}

/** Objects by kind / namespace / name, stored as JSON text. */
export class ObjectStore {
  /** Each object as its JSON text (copies are parsed from it) and its JSON without resourceVersion (for comparison). */
  private objects = new Map<string, { raw: string; json: string; meta: ObjectMeta }>();
  private rv = 1000;
  /** Increases on every real change; reconcile runs until it stops moving. */
  version = 0;

  /** A copy of one object, or undefined. namespace is '' for cluster-scoped kinds. */
  get(kind: string, namespace: string, name: string): K8sObject | undefined {
    const e = this.objects.get(key(kind, namespace, name));
    return e ? (JSON.parse(e.raw) as K8sObject) : undefined;
  }

  /** True if the object exists. */
  has(kind: string, namespace: string, name: string): boolean {
    return this.objects.has(key(kind, namespace, name));
  }

  /** Copies of all objects of a kind (in one namespace if given), sorted by namespace then name. */
  list(kind: string, namespace?: string): K8sObject[] {
    const keys: string[] = [];
    for (const [k, e] of this.objects) if (e.meta.kind === kind && (namespace === undefined || e.meta.namespace === namespace)) keys.push(k);
    return keys.sort().map((k) => JSON.parse(this.objects.get(k)!.raw) as K8sObject);
  }

  /** Stores obj; returns true if it was new or changed. */
  put(obj: K8sObject): boolean {
    const k = key(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name);
    const bare = withoutVersion(obj);
    const json = JSON.stringify(bare);
    const prev = this.objects.get(k);
    // same text: unchanged; same length: maybe only the key order moved, compare canonically
    if (prev && (prev.json === json || (prev.json.length === json.length && canonicalJson(bare) === canonicalJson(JSON.parse(prev.json))))) return false;
    const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } };
    const owners = ((obj.metadata.ownerReferences as { kind: string; uid: string }[] | undefined) ?? []).filter((r) => r.uid).map((r) => ({ kind: r.kind, uid: r.uid }));
    const meta = { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name, uid: obj.metadata.uid, deleting: !!obj.metadata.deletionTimestamp, owners };
    this.objects.set(k, { raw: JSON.stringify(stored), json, meta });
    this.version++;
    return true;
  }

  /** Removes an object; returns true if it existed. */
  remove(kind: string, namespace: string, name: string): boolean {
    const existed = this.objects.delete(key(kind, namespace, name));
    if (existed) this.version++;
    return existed;
  }

  /** True if an object of that kind has that uid. */
  hasUid(kind: string, uid: string): boolean {
    for (const e of this.objects.values()) if (e.meta.kind === kind && e.meta.uid === uid) return true;
    return false;
  }

  /** Light records of every object (no parsing), sorted by kind, namespace, name. */
  metas(): ObjectMeta[] {
    return [...this.objects.keys()].sort().map((k) => this.objects.get(k)!.meta);
  }

  /** Every stored object (copies), sorted by kind, namespace, name. */
  all(): K8sObject[] {
    return [...this.objects.keys()].sort().map((k) => JSON.parse(this.objects.get(k)!.raw) as K8sObject);
  }
}
