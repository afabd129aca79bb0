/**
 * Finds unknown fields by watching a validator read the object. kubernetes-models' validators are
 * precompiled ajv code with no additionalProperties check, but they read every property their
 * schema knows (`void 0 !== data.replicas`) and iterate keys only for map-like fields (labels,
 * data). So, on a recursive Proxy: an own key that was never read is unknown; an object whose keys
 * were iterated is a map (any key allowed); an object nothing was read from is free-form
 * (RawExtension) or was never reached because its parent had the wrong type. The fields that were
 * read are the "did you mean" candidates.
 */
import type { FieldPath } from './problem.ts';

export interface UnknownField {
  /** Path of the object holding the field. */
  parent: FieldPath;
  field: string;
  /** Field names the schema knows at that place. */
  known: string[];
}

interface Reads {
  keys: Set<string>;
  iterated: boolean;
}

/** Wraps `root` for a validator; after validating `proxy`, unknownFields() lists what it never read. */
export function trackReads(root: unknown): { proxy: unknown; unknownFields(): UnknownField[] } {
  const reads = new WeakMap<object, Reads>();
  const proxies = new WeakMap<object, object>();

  const wrap = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const cached = proxies.get(value);
    if (cached) return cached;
    const record: Reads = { keys: new Set(), iterated: false };
    if (!Array.isArray(value)) reads.set(value, record);
    const proxy = new Proxy(value, {
      get(target, prop, receiver) {
        if (typeof prop === 'string') record.keys.add(prop);
        return wrap(Reflect.get(target, prop, receiver));
      },
      has(target, prop) {
        if (typeof prop === 'string') record.keys.add(prop);
        return Reflect.has(target, prop);
      },
      ownKeys(target) {
        record.iterated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };

  const unknownFields = (): UnknownField[] => {
    const out: UnknownField[] = [];
    const seen = new Set<object>();
    const stack: [unknown, FieldPath][] = [[root, []]];
    while (stack.length > 0) {
      const [value, path] = stack.pop()!;
      if (value === null || typeof value !== 'object' || seen.has(value)) continue;
      seen.add(value); // YAML aliases can share one object between places
      if (Array.isArray(value)) {
        value.forEach((item, i) => stack.push([item, [...path, i]]));
        continue;
      }
      const record = reads.get(value);
      if (!record || (record.keys.size === 0 && !record.iterated)) continue;
      const entries = Object.entries(value as Record<string, unknown>);
      let known: string[] | undefined; // the same list for every unknown key of this object
      for (const [key, child] of entries) {
        if (!record.iterated && !record.keys.has(key)) {
          known ??= [...record.keys].filter((k) => !(k in Object.prototype));
          out.push({ parent: path, field: key, known });
        } else {
          stack.push([child, [...path, key]]);
        }
      }
    }
    return out;
  };

  return { proxy: wrap(root), unknownFields };
}
