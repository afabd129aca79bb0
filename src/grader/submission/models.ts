/**
 * Lazy access to kubernetes-models' precompiled validators: one module per apiVersion/kind, loaded
 * on first use and cached (importing the whole package costs about a second; one kind costs a few
 * milliseconds once the shared runtime is loaded). Kinds from the course cluster's CRDs, which the
 * package does not ship, are validated from their CRD schemas instead (crd-models.ts).
 */
import { crdSchemaErrors, isCrdApiVersion } from './crd-models.ts';
import type { AjvError } from './schema-errors.ts';

interface ModelClass {
  apiVersion?: string;
  kind?: string;
  prototype: { validate(this: unknown): void };
}

const cache = new Map<string, Promise<ModelClass>>();

/** The model class for a served or removed apiVersion/kind (callers check the pair first with resolveApi). */
export function loadModel(apiVersion: string, kind: string): Promise<ModelClass> {
  const key = `${apiVersion}/${kind}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = import(`kubernetes-models/${apiVersion}/${kind}`).then((mod: Record<string, unknown>) => {
      const cls = mod[kind] as ModelClass | undefined;
      if (!cls || cls.apiVersion !== apiVersion || cls.kind !== kind) throw new Error(`kubernetes-models has no ${kind} in ${apiVersion}`);
      return cls;
    });
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** Runs the kind's validator on `data` (any object, e.g. a Proxy) and returns its ajv errors. */
export async function schemaErrors(apiVersion: string, kind: string, data: unknown): Promise<AjvError[]> {
  if (isCrdApiVersion(apiVersion)) return crdSchemaErrors(apiVersion, kind, data);
  const cls = await loadModel(apiVersion, kind);
  try {
    cls.prototype.validate.call(data);
    return [];
  } catch (err) {
    const errors = (err as { errors?: unknown }).errors;
    if (Array.isArray(errors)) return errors as AjvError[];
    throw err;
  }
}
