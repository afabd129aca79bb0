/**
 * The `model` cluster back end: the Cluster interface over the offline storage model
 * (src/model). A thin adapter: it puts namespaced objects into the run namespace, labels
 * cluster-scoped ones with the run id, waits in virtual time, and maps pods to PodViews; all
 * Kubernetes semantics live in the model. Every report must say it is a model (info.isModel).
 */
import { StorageModel, kindInfo } from '../../../model/index.ts';
import { seededRandom } from '../../../model/random.ts';
import type { Cluster, ClusterInfo, Diagnostic, FixtureName, K8sObject, PodView } from '../cluster.ts';
import { FIXTURE_NAMESPACE, MANAGED_LABEL } from '../common/labels.ts';
import { msg } from '../common/messages.ts';
import { virtualClock } from './clock.ts';
import { podView } from './views.ts';

export const RUN_LABEL = 'storage-course/run';
/** How long (virtual) delete / deletePod wait for an object to go before giving up. */
export const DELETE_WAIT_MS = 300_000;
const POLL_MS = 500;

export interface ModelClusterOptions {
  runId?: string;
  seed?: number;
  model?: StorageModel;
}

/** A Cluster backed by the model; `model` is exposed for tests and the playground. */
export interface ModelCluster extends Cluster {
  readonly model: StorageModel;
  readonly runId: string;
}

/** A run id of 6 lowercase letters and digits derived from the seed. */
export function runIdFromSeed(seed: number): string {
  const rnd = seededRandom(seed ^ 0x5eed);
  return Array.from({ length: 6 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rnd() * 36)]).join('');
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

/** Creates the model back end. */
export function createModelCluster(opts: ModelClusterOptions = {}): ModelCluster {
  const seed = opts.seed ?? 1;
  const model = opts.model ?? new StorageModel({ seed });
  const runId = opts.runId ?? runIdFromSeed(seed);
  const namespace = `course-${runId}`;
  const clock = virtualClock(model);
  const info: ClusterInfo = { backend: 'model', isModel: true, description: msg.modelDescription };
  /** Node labels this run set, with the value each had before (null: absent). */
  const labelled = new Map<string, Map<string, string | null>>();
  /** True once this run created the fixture namespace (cleanup then removes it, as on kind). */
  let fixtureNamespaceCreated = false;

  const ns = (kind: string) => (kindInfo(kind)?.namespaced ? namespace : undefined);

  /** Waits until the object with that uid is gone (a controller may re-create the name at once, as kubectl's --wait allows). */
  async function waitGone(kind: string, name: string, uid: string | undefined): Promise<void> {
    const present = () => {
      const obj = model.get({ kind, name, namespace: ns(kind) });
      return !!obj && (!uid || obj.metadata.uid === uid);
    };
    for (let waited = 0; present(); waited += POLL_MS) {
      if (waited >= DELETE_WAIT_MS) throw new Error(`${kind} "${name}" was still not gone after ${DELETE_WAIT_MS / 1000} s (virtual): ${model.describe({ kind, name, namespace: ns(kind) }).split('\n').find((l) => l.startsWith('Status')) ?? ''}`);
      await clock.sleep(POLL_MS);
    }
  }

  function place(obj: K8sObject): K8sObject {
    const copy = structuredClone(obj);
    copy.metadata = { ...(copy.metadata ?? {}) } as K8sObject['metadata'];
    const info = kindInfo(String(copy.kind ?? ''));
    if (info?.namespaced) copy.metadata.namespace = namespace;
    else if (info) copy.metadata.labels = { ...(copy.metadata.labels ?? {}), [RUN_LABEL]: runId };
    return copy;
  }

  const cluster: ModelCluster = {
    info,
    clock,
    namespace,
    model,
    runId,

    async prepare(signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) throw abortError(signal);
      if (!model.get({ kind: 'Namespace', name: namespace })) model.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { [RUN_LABEL]: runId } } });
    },

    async workers(): Promise<string[]> {
      return model.workers();
    },

    async labelNode(node: string, labels: Record<string, string>): Promise<void> {
      const before = model.get({ kind: 'Node', name: node })?.metadata.labels ?? {};
      const saved = labelled.get(node) ?? new Map<string, string | null>();
      for (const k of Object.keys(labels)) if (!saved.has(k)) saved.set(k, before[k] ?? null);
      labelled.set(node, saved);
      model.labelNode(node, labels);
    },

    /**
     * The NFS server lives in its own namespace (course-fixtures), as on kind: the student's
     * objects never share a namespace with it, so a Service of theirs asking for its ClusterIP is
     * refused ("provided IP is already allocated") instead of silently updating the fixture.
     */
    async installFixture(name: FixtureName, signal?: AbortSignal): Promise<undefined> {
      if (signal?.aborted) throw abortError(signal);
      if (name !== 'nfs-server') throw new Error(`unknown fixture "${name}"`);
      await cluster.prepare(signal);
      if (!model.get({ kind: 'Namespace', name: FIXTURE_NAMESPACE })) {
        model.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: FIXTURE_NAMESPACE, labels: { [MANAGED_LABEL]: 'true' } } });
        fixtureNamespaceCreated = true;
      }
      model.installNfsServer({ namespace: FIXTURE_NAMESPACE });
    },

    async apply(objects: K8sObject[]): Promise<void> {
      model.apply(objects.map(place));
    },

    async get(kind: string, name: string): Promise<K8sObject | undefined> {
      return model.get({ kind, name, namespace: ns(kind) });
    },

    async list(kind: string, labels?: Record<string, string>): Promise<K8sObject[]> {
      return model.list(kind, { namespace: ns(kind), labels });
    },

    async pod(name: string): Promise<PodView | undefined> {
      const pod = model.get({ kind: 'Pod', name, namespace });
      return pod ? podView(model, pod) : undefined;
    },

    async pods(labels?: Record<string, string>): Promise<PodView[]> {
      return model.list('Pod', { namespace, labels }).map((p) => podView(model, p));
    },

    async delete(kind: string, name: string, opts: { wait?: boolean } = {}): Promise<void> {
      const uid = model.get({ kind, name, namespace: ns(kind) })?.metadata.uid;
      model.delete({ kind, name, namespace: ns(kind) });
      if (opts.wait ?? true) await waitGone(kind, name, uid);
    },

    async deletePod(name: string): Promise<void> {
      const uid = model.get({ kind: 'Pod', name, namespace })?.metadata.uid;
      model.delete({ kind: 'Pod', name, namespace }, { gracePeriodSeconds: 1 });
      await waitGone('Pod', name, uid);
    },

    async killContainer(pod: string, container: string): Promise<void> {
      model.killContainer(namespace, pod, container);
    },

    async writeFile(pod: string, container: string, path: string, data: string): Promise<void> {
      model.writeFile(namespace, pod, container, path, data);
    },

    async readFile(pod: string, container: string, path: string): Promise<string | undefined> {
      return model.readFile(namespace, pod, container, path);
    },

    async fileSystemSize(pod: string, container: string, path: string): Promise<number | undefined> {
      return model.fileSystemSize(namespace, pod, container, path);
    },

    async annotatePod(name: string, annotations: Record<string, string>): Promise<void> {
      model.annotatePod(namespace, name, annotations);
    },

    async readNodeFile(node: string, path: string): Promise<string | undefined> {
      return model.readNodeFile(node, path);
    },

    async makeNodeDir(node: string, path: string): Promise<void> {
      model.makeNodeDir(node, path);
    },

    async scale(kind: 'Deployment' | 'StatefulSet', name: string, replicas: number): Promise<void> {
      model.scale({ kind, name, namespace }, replicas);
    },

    async diagnostics(refs: { kind: string; name: string }[]): Promise<Diagnostic[]> {
      return refs.map((ref) => {
        try {
          return { title: `${ref.kind}/${ref.name} (model)`, text: model.describe({ ...ref, namespace: ns(ref.kind) }) };
        } catch (e) {
          return { title: `${ref.kind}/${ref.name} (model)`, text: `could not describe: ${(e as Error).message}` };
        }
      });
    },

    async cleanup(): Promise<void> {
      try {
        model.delete({ kind: 'Namespace', name: namespace }, { gracePeriodSeconds: 0 });
        for (const kind of ['PersistentVolume', 'StorageClass', 'VolumeSnapshotClass', 'Namespace']) {
          for (const obj of model.list(kind)) {
            const mine = obj.metadata.labels?.[RUN_LABEL] === runId || (kind === 'PersistentVolume' && obj.spec?.claimRef?.namespace === namespace);
            if (mine) model.delete({ kind, name: obj.metadata.name });
          }
        }
        for (const [node, saved] of labelled) model.labelNode(node, Object.fromEntries(saved));
        labelled.clear();
        if (fixtureNamespaceCreated) model.delete({ kind: 'Namespace', name: FIXTURE_NAMESPACE }, { gracePeriodSeconds: 0 });
        fixtureNamespaceCreated = false;
        model.advance(POLL_MS);
      } catch {
        // cleanup never rejects
      }
    },
  };
  return cluster;
}
