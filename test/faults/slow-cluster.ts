/**
 * A Cluster that delegates to a real back end (the model) but behaves like a slow real cluster:
 * every operation first announces itself on a marker stream and waits a little real time. The
 * fault tests watch the markers to send Ctrl-C in a known phase (cluster start, apply, a step,
 * cleanup) and read the "cleanup done" marker to prove cleanup ran to the end.
 */
import type { Cluster, K8sObject } from '../../src/grader/cluster/cluster.ts';

/** The marker line for an event: `[fault] <event>`. */
export const marker = (event: string) => `[fault] ${event}`;

/** Waits ms of real time; with a signal, stops early when it aborts (a well-behaved back end). */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      done();
    }, { once: true });
  });
}

/** Kinds whose leftovers after cleanup are counted (namespaced ones in the run namespace). */
const LEFTOVER_KINDS = ['Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'StatefulSet', 'Deployment', 'Service'];

/**
 * Wraps `inner` so each call prints `[fault] <method>` through `say` and then waits
 * `delayMs(method)` of real time.
 * cleanup() also prints `[fault] cleanup done leftovers=<n>` once the real cleanup resolved,
 * where n counts the objects of LEFTOVER_KINDS the back end lists now but did not list before
 * prepare() (what the run created and left behind; -1 if it cannot list).
 */
export function slowCluster(inner: Cluster, delayMs: (method: string) => number, say: (line: string) => void): Cluster {
  const slow =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      say(marker(name));
      await pause(delayMs(name));
      return fn(...args);
    };
  let baseline: Set<string> | undefined;
  return {
    get info() {
      return inner.info;
    },
    get clock() {
      return inner.clock;
    },
    get namespace() {
      return inner.namespace;
    },
    async prepare(signal) {
      baseline ??= await objectKeys(inner);
      say(marker('prepare'));
      await pause(delayMs('prepare'), signal);
      await inner.prepare(signal);
    },
    workers: slow('workers', () => inner.workers()),
    labelNode: slow('labelNode', (node: string, labels: Record<string, string>) => inner.labelNode(node, labels)),
    installFixture: slow('installFixture', (name: Parameters<Cluster['installFixture']>[0], signal?: AbortSignal) => inner.installFixture(name, signal)),
    apply: slow('apply', (objects: K8sObject[]) => inner.apply(objects)),
    get: slow('get', (kind: string, name: string) => inner.get(kind, name)),
    list: slow('list', (kind: string, labels?: Record<string, string>) => inner.list(kind, labels)),
    pod: slow('pod', (name: string) => inner.pod(name)),
    pods: slow('pods', (labels?: Record<string, string>) => inner.pods(labels)),
    delete: slow('delete', (kind: string, name: string, opts?: { wait?: boolean }) => inner.delete(kind, name, opts)),
    deletePod: slow('deletePod', (name: string) => inner.deletePod(name)),
    killContainer: slow('killContainer', (pod: string, container: string) => inner.killContainer(pod, container)),
    writeFile: slow('writeFile', (pod: string, container: string, path: string, data: string) => inner.writeFile(pod, container, path, data)),
    readFile: slow('readFile', (pod: string, container: string, path: string) => inner.readFile(pod, container, path)),
    annotatePod: slow('annotatePod', (name: string, annotations: Record<string, string>) => inner.annotatePod(name, annotations)),
    fileSystemSize: slow('fileSystemSize', (pod: string, container: string, path: string) => inner.fileSystemSize(pod, container, path)),
    readNodeFile: slow('readNodeFile', (node: string, path: string) => inner.readNodeFile(node, path)),
    makeNodeDir: slow('makeNodeDir', (node: string, path: string) => inner.makeNodeDir(node, path)),
    scale: slow('scale', (kind: 'Deployment' | 'StatefulSet', name: string, replicas: number) => inner.scale(kind, name, replicas)),
    diagnostics: slow('diagnostics', (refs: { kind: string; name: string }[]) => inner.diagnostics(refs)),
    async cleanup() {
      say(marker('cleanup'));
      await pause(delayMs('cleanup'));
      await inner.cleanup();
      const after = await objectKeys(inner);
      const left = after === undefined ? -1 : [...after].filter((k) => !baseline?.has(k)).length;
      say(marker(`cleanup done leftovers=${left}`));
    },
  };
}

/** "Kind/name" of every object of LEFTOVER_KINDS the back end lists; undefined when it cannot. */
async function objectKeys(cluster: Cluster): Promise<Set<string> | undefined> {
  try {
    const keys = new Set<string>();
    for (const kind of LEFTOVER_KINDS) for (const o of await cluster.list(kind)) keys.add(`${kind}/${o.metadata.name}`);
    return keys;
  } catch {
    return undefined;
  }
}
