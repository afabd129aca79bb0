/**
 * Back ends loaded on first use. Choosing a back end (select.ts) happens before grading, so
 * notices and "cannot use kind" come first; but importing a back end's code (the model is some
 * fifty modules) is only worth it once a cluster is really needed: after the submission was read
 * and the static checks passed. deferredLoaders wraps select.ts's loaders so the factory they
 * return makes a LazyCluster, which imports and creates the real back end on its first
 * operation (prepare, in the runner) and then delegates everything to it.
 */
import type { Localized } from '../i18n/lang.ts';
import type { Cluster, ClusterInfo, Clock, Diagnostic } from '../grader/cluster/cluster.ts';
import type { Backend, BackendLoaders } from '../grader/cluster/select.ts';
import { cliMsg } from './messages.ts';

/** What reports call a back end that was chosen but never loaded: its name alone. */
export function backendName(backend: Backend): Localized {
  return { model: cliMsg.modelDescription, kind: cliMsg.kindDescription, current: cliMsg.currentDescription }[backend];
}

/** What a lazy cluster says it is before its back end is loaded (reports read info after the run). */
function placeholderInfo(backend: Backend): ClusterInfo {
  return { backend, description: backendName(backend), isModel: backend === 'model' };
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

/**
 * A Cluster that calls load() on its first operation and delegates to what it returns. info is a
 * placeholder until then; clock must not be read before the first operation (the runner reads it
 * only after prepare()); cleanup() before any operation does nothing, since nothing was made.
 */
export function lazyCluster(backend: Backend, load: () => Promise<Cluster>): Cluster {
  let real: Cluster | undefined;
  let loading: Promise<Cluster> | undefined;
  const ready = (): Promise<Cluster> =>
    (loading ??= load().then((c) => {
      real = c;
      return c;
    }));
  return {
    get info(): ClusterInfo {
      return real?.info ?? placeholderInfo(backend);
    },
    get clock(): Clock {
      if (!real) throw new Error(`the ${backend} back end is not loaded yet: call prepare() before reading its clock`);
      return real.clock;
    },
    get namespace(): string {
      return real?.namespace ?? '';
    },
    async prepare(signal) {
      if (signal?.aborted) throw abortError(signal);
      const c = await ready();
      return c.prepare(signal);
    },
    workers: async () => (await ready()).workers(),
    labelNode: async (node, labels) => (await ready()).labelNode(node, labels),
    installFixture: async (name, signal) => (await ready()).installFixture(name, signal),
    apply: async (objects) => (await ready()).apply(objects),
    get: async (kind, name) => (await ready()).get(kind, name),
    list: async (kind, labels) => (await ready()).list(kind, labels),
    pod: async (name) => (await ready()).pod(name),
    pods: async (labels) => (await ready()).pods(labels),
    delete: async (kind, name, opts) => (await ready()).delete(kind, name, opts),
    deletePod: async (name) => (await ready()).deletePod(name),
    killContainer: async (pod, container) => (await ready()).killContainer(pod, container),
    writeFile: async (pod, container, path, data) => (await ready()).writeFile(pod, container, path, data),
    readFile: async (pod, container, path) => (await ready()).readFile(pod, container, path),
    fileSystemSize: async (pod, container, path) => (await ready()).fileSystemSize(pod, container, path),
    annotatePod: async (name, annotations) => (await ready()).annotatePod(name, annotations),
    readNodeFile: async (node, path) => (await ready()).readNodeFile(node, path),
    makeNodeDir: async (node, path) => (await ready()).makeNodeDir(node, path),
    scale: async (kind, name, replicas) => (await ready()).scale(kind, name, replicas),
    async diagnostics(refs): Promise<Diagnostic[]> {
      try {
        return await (await ready()).diagnostics(refs);
      } catch (err) {
        return [{ title: 'diagnostics', text: `could not load the ${backend} back end: ${err instanceof Error ? err.message : String(err)}` }];
      }
    },
    async cleanup() {
      if (!loading) return;
      try {
        await (await loading).cleanup();
      } catch {
        // cleanup never rejects; a back end that failed to load made nothing to remove
      }
    },
  };
}

/**
 * select.ts's loaders, except that the factories they return make lazy clusters: choosing a back
 * end imports nothing but what choosing needs (kind's tooling check in auto mode).
 */
export function deferredLoaders(real: BackendLoaders): BackendLoaders {
  return {
    detectKindTooling: () => real.detectKindTooling(),
    kind: async () => (opts) => lazyCluster('kind', async () => (await real.kind())(opts)),
    current: async () => (opts) => lazyCluster('current', async () => (await real.current())(opts)),
    model: async () => (opts) => lazyCluster('model', async () => (await real.model())(opts)),
  };
}
