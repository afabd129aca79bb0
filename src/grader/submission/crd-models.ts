/**
 * Validators for the kinds the course cluster adds with CRDs (snapshot.storage.k8s.io/v1:
 * VolumeSnapshot, VolumeSnapshotClass, VolumeSnapshotContent), which kubernetes-models does not
 * ship. Their schemas are the CRDs' own openAPIV3Schema (crd-schemas/*.json, made by
 * `npm run crd-schemas`, see crd-extract.ts), compiled with ajv on first use and cached per kind,
 * like models.ts loads kubernetes-models' precompiled ones. The compiled code reads the object
 * the same way (it tests each property its schema knows and iterates only maps), so the tracking
 * Proxy (track-reads.ts) finds unknown fields exactly as for built-in kinds.
 *
 * What the API server does with a custom resource, and how it is done here:
 * - metadata: the CRD says only `type: object`; the server checks it as an ObjectMeta and reports
 *   unknown metadata fields, so metadata goes through kubernetes-models' ObjectMeta validator,
 *   the one the built-in kinds use.
 * - status: ignored on create (the CRDs enable the status subresource; validate.ts drops it), so
 *   it is left out of the compiled schema.
 * - x-kubernetes-validations (CEL): left out of ajv; rules-snapshot.ts implements the rules a
 *   create is checked against (the others compare with oldSelf: updates only).
 * - x-kubernetes-int-or-string becomes anyOf integer/string; x-kubernetes-map-type is about
 *   server-side apply and changes nothing here. Any other x-kubernetes-* keyword, or a format ajv
 *   does not know, makes compiling fail (ajv strict mode), so a new CRD cannot be half-checked.
 * - null in a field that is not required: the server prunes it (as if not written), and
 *   kubernetes-models' validators accept null too, so such fields are nullable here.
 */
import type { AnySchema, ValidateFunction } from 'ajv';
import type { AjvError } from './schema-errors.ts';

type Schema = Record<string, unknown>;

interface CrdFile {
  apiVersion: string;
  kinds: Record<string, { schema: Schema }>;
}

/** The apiVersions whose kinds come from a CRD schema file, and how to load that file. */
const FILES: Readonly<Record<string, () => Promise<CrdFile>>> = {
  'snapshot.storage.k8s.io/v1': async () =>
    (await import('./crd-schemas/snapshot.storage.k8s.io-v1.json', { with: { type: 'json' } })).default as unknown as CrdFile,
};

type MetaValidate = ((data: unknown, ctx: { instancePath: string; parentData: unknown; parentDataProperty: string; rootData: unknown }) => boolean) & { errors?: AjvError[] | null };

interface Compiled {
  validate: ValidateFunction;
  meta: MetaValidate;
}

const cache = new Map<string, Promise<Compiled>>();
let ajvPromise: Promise<import('ajv').Ajv> | undefined;

/** True when `apiVersion` is validated from a CRD schema file (the pair is checked by resolveApi). */
export function isCrdApiVersion(apiVersion: string): boolean {
  return Object.hasOwn(FILES, apiVersion);
}

function ajv(): Promise<import('ajv').Ajv> {
  ajvPromise ??= import('ajv').then(({ Ajv }) => new Ajv({ allErrors: true, strict: true, messages: false }));
  return ajvPromise;
}

const DROPPED = new Set(['x-kubernetes-validations', 'x-kubernetes-map-type', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys']);

/**
 * The CRD schema as ajv gets it (see the file comment). `required` says whether the property this
 * schema describes is required by its parent: only other properties become nullable.
 */
export function toAjvSchema(schema: Schema, required = true): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key === 'x-kubernetes-int-or-string') continue;
    if (key.startsWith('x-kubernetes-')) throw new Error(`CRD schema keyword ${key} is not supported by the grader`);
    if (key === 'properties') {
      const needed = new Set((schema.required as string[] | undefined) ?? []);
      out.properties = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, child]) => [name, toAjvSchema(child, needed.has(name))]));
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = toAjvSchema(value as Schema);
    } else {
      out[key] = value;
    }
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (!required && typeof out.type === 'string') {
    out.nullable = true;
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null]; // ajv checks enum on null too
  }
  return out;
}

/** The compiled validator of one kind, with the ObjectMeta validator; compiled once. */
export function loadCrdValidator(apiVersion: string, kind: string): Promise<Compiled> {
  const key = `${apiVersion}/${kind}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = (async () => {
      const file = isCrdApiVersion(apiVersion) ? await FILES[apiVersion]!() : undefined;
      const entry = file && file.apiVersion === apiVersion && Object.hasOwn(file.kinds, kind) ? file.kinds[kind] : undefined;
      if (!entry) throw new Error(`no CRD schema for ${kind} in ${apiVersion}`);
      const { status: _status, ...properties } = entry.schema.properties as Record<string, Schema>;
      const schema = toAjvSchema({ ...entry.schema, properties });
      const [instance, metaModule] = await Promise.all([ajv(), import('@kubernetes-models/apimachinery/_schemas/IoK8sApimachineryPkgApisMetaV1ObjectMeta')]);
      return { validate: instance.compile(schema as AnySchema), meta: metaModule.validate as unknown as MetaValidate };
    })();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** Runs the kind's CRD validator and the ObjectMeta validator on `data` (e.g. the tracking Proxy). */
export async function crdSchemaErrors(apiVersion: string, kind: string, data: unknown): Promise<AjvError[]> {
  const { validate, meta } = await loadCrdValidator(apiVersion, kind);
  const errors: AjvError[] = validate(data) ? [] : [...((validate.errors ?? []) as AjvError[])];
  const metadata = data !== null && typeof data === 'object' ? (data as { metadata?: unknown }).metadata : undefined;
  if (metadata !== undefined && !meta(metadata, { instancePath: '/metadata', parentData: data, parentDataProperty: 'metadata', rootData: data })) {
    // The CRD schema's own `metadata: {type: object}` already said so when it is not an object.
    errors.push(...(meta.errors ?? []).filter((e) => !(e.instancePath === '/metadata' && e.keyword === 'type')));
  }
  return errors;
}
