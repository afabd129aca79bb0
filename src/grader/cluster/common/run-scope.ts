/**
 * Run-scoped names. A lesson's contract fixes some names for the whole cluster or a whole node: a
 * PersistentVolume `course-pv`, a StorageClass `course-fast`, the node directory
 * `/var/local/course-data`, the node label `storage-course/role`. Two runs at once (a class graded
 * in parallel, two students on one school cluster, the parallel real suite) would share them. So
 * on its way to the cluster each of these gets the suffix `.<runId>` (`course-pv.lesson-4-k3x9`),
 * and the suffix is taken off everything that comes back, so the graders and the student's report
 * keep talking in the contract's names while no run can see another's objects.
 *
 * What is scoped, learned as the run goes:
 * - names of cluster-scoped objects the run applies (and every string equal to one, e.g. a claim's
 *   storageClassName or volumeName), and node label keys the run puts on nodes;
 * - node directories: a hostPath or local `path` at or below `/var/local/<dir>` (the only host
 *   paths the safety rules let a submission use), and directories the grader makes there.
 * The mapping is a pure function of what was registered: the same input always maps the same way.
 */
import { isNamespaced } from './kinds.ts';

/** The one node directory root submissions may use (see submission/safety.ts and Grader.hostPaths). */
export const NODE_DIR_ROOT = '/var/local/';

/** The run id in a scoped label key `storage-course/<name>.<runId>`, or undefined for any other key. */
export function runOfScopedKey(key: string): string | undefined {
  const name = key.split('/')[1] ?? '';
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(dot + 1) : undefined;
}

/**
 * Throws unless path is a run-scoped node directory `/var/local/<dir>.<runId>`: the only kind of
 * path node access may remove (a guard against ever removing anything else on a node).
 */
export function assertScopedDir(path: string): string {
  if (!/^\/var\/local\/[A-Za-z0-9_-][A-Za-z0-9._-]*\.[a-z0-9-]+$/.test(path) || path.includes('..')) {
    throw new TypeError(`refusing to remove ${JSON.stringify(path)}: not a run-scoped directory under ${NODE_DIR_ROOT}`);
  }
  return path;
}

/** The top directory `/var/local/<dir>` of a normalised path at or below it, else undefined. */
function nodeDirOf(path: string): string | undefined {
  if (!path.startsWith(NODE_DIR_ROOT)) return undefined;
  const parts = path.slice(NODE_DIR_ROOT.length).split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  return `${NODE_DIR_ROOT}${parts[0]}`;
}

function normalisePath(path: string): string {
  return path.replace(/\/+/g, '/').replace(/\/$/, '');
}

export class RunScope {
  private readonly suffix: string;
  /** Whole-string tokens: original -> scoped (names and label keys). */
  private readonly tokens = new Map<string, string>();
  /** Node directories: /var/local/<dir> -> /var/local/<dir>.<runId>. */
  private readonly dirs = new Map<string, string>();

  /** runId is already normalised ([a-z0-9-], no dots), so the suffix can always be told apart. */
  constructor(readonly runId: string) {
    if (!/^[a-z0-9-]+$/.test(runId)) throw new TypeError(`run id ${JSON.stringify(runId)} is not normalised`);
    this.suffix = `.${runId}`;
  }

  /** Scopes a cluster-wide name (idempotent); returns the scoped one. */
  registerName(name: string): string {
    if (!name || name.endsWith(this.suffix)) return name;
    const scoped = `${name}${this.suffix}`;
    this.tokens.set(name, scoped);
    return scoped;
  }

  /** Scopes a node label key `prefix/name`; returns the scoped key. */
  registerLabelKey(key: string): string {
    return this.registerName(key);
  }

  /** Scopes the node directory that path lies in, when it is below /var/local; returns path scoped. */
  registerPath(path: string): string {
    const dir = nodeDirOf(normalisePath(path));
    if (dir && !dir.endsWith(this.suffix)) this.dirs.set(dir, `${dir}${this.suffix}`);
    return this.path(path);
  }

  /** Learns what the objects make cluster-wide or node-wide: cluster-scoped names and node directories. */
  learn(objects: readonly { kind: string; metadata?: { name?: unknown } }[]): void {
    for (const obj of objects) {
      const name = obj.metadata?.name;
      if (!isNamespaced(obj.kind) && typeof name === 'string') this.registerName(name);
      walk(obj, (key, value) => {
        if (key === 'path' && typeof value === 'string') this.registerPath(value);
      });
    }
  }

  /** Objects for apply: learns what they make cluster-wide, then scopes them, their own names included. */
  forApply<T extends { kind: string; metadata: { name?: string } }>(objects: readonly T[]): T[] {
    this.learn(objects);
    return objects.map((obj) => {
      const out = this.toCluster(obj);
      if (!isNamespaced(obj.kind) && typeof out.metadata.name === 'string') out.metadata.name = this.name(out.metadata.name);
      return out;
    });
  }

  /** The scoped node directories this run uses (what cleanup removes from the nodes). */
  scopedDirs(): string[] {
    return [...this.dirs.values()];
  }

  /** One name on its way to the cluster. */
  name(name: string): string {
    return this.tokens.get(name) ?? name;
  }

  /** One node path on its way to the cluster. */
  path(path: string): string {
    const normal = normalisePath(path);
    const dir = nodeDirOf(normal);
    const scoped = dir && this.dirs.get(dir);
    return scoped ? `${scoped}${normal.slice(dir.length)}` : path;
  }

  /** Labels on their way to the cluster: scoped keys (node label keys), values as they are (as toCluster leaves them). */
  labels(labels: Record<string, string> | undefined): Record<string, string> | undefined {
    if (!labels) return labels;
    return Object.fromEntries(Object.entries(labels).map(([k, v]) => [this.name(k), v]));
  }

  /**
   * A copy of an object for the cluster. Scoped are: the fields that name a cluster-scoped object
   * (REF_FIELDS, e.g. a claim's storageClassName follows its class), label keys where nodes are
   * selected (keys of nodeSelector maps, `key` and `topologyKey` values), and every
   * `path` below a scoped node directory. Nothing else is touched, so a Pod's own volume named like
   * a PersistentVolume keeps its name. The object's own metadata.name is scoped by the caller.
   */
  toCluster<T>(value: T): T {
    return map(value, undefined, (key, s) => {
      if (key === 'path') return this.path(s);
      if (key && (REF_FIELDS.has(key) || LABEL_KEY_FIELDS.has(key))) return this.name(s);
      return s;
    }, (mapKey, k) => (mapKey && LABEL_MAPS.has(mapKey) ? this.name(k) : k));
  }

  /** A copy of value with every scoped name, key and path turned back into the contract's one (also inside longer text). */
  fromCluster<T>(value: T): T {
    return map(value, undefined, (_key, s) => this.text(s), (_mapKey, k) => this.text(k));
  }

  /** Text (a message, a describe output) with every scoped token turned back. */
  text(s: string): string {
    if (!s.includes(this.suffix)) return s;
    let out = s;
    const pairs = [...this.tokens.entries(), ...this.dirs.entries()].sort((a, b) => b[1].length - a[1].length);
    for (const [original, scoped] of pairs) out = out.split(scoped).join(original);
    return out;
  }
}

function walk(value: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v);
      walk(v, visit);
    }
  }
}

/** Fields whose value names a cluster-scoped object. */
const REF_FIELDS = new Set(['storageClassName', 'volumeName', 'volumeAttributesClassName', 'volumeSnapshotClassName']);
/** Fields whose value is a node label key. */
const LABEL_KEY_FIELDS = new Set(['key', 'topologyKey']);
/** Maps whose keys are label keys that select nodes. */
const LABEL_MAPS = new Set(['nodeSelector']);

/** A deep copy with strings passed through str(field, s) and object keys through key(field of the object, k). */
function map<T>(value: T, field: string | undefined, str: (field: string | undefined, s: string) => string, key: (mapField: string | undefined, k: string) => string): T {
  if (typeof value === 'string') return str(field, value) as T;
  if (Array.isArray(value)) return value.map((v) => map(v, field, str, key)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [key(field, k), map(v, k, str, key)])) as T;
  }
  return value;
}
