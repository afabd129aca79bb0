/**
 * StorageModel: the public face of the offline Kubernetes storage model. Every mutating call
 * (apply, delete, patch, scale, annotatePod, labelNode, installNfsServer) reconciles the cluster at the
 * current virtual instant; time moves only with advance(ms). killContainer does not reconcile:
 * the kubelet notices the kill on the next reconcile or advance, as on a real node.
 */
import { admit } from './admission/index.ts';
import { bootstrap, namespaceObject } from './bootstrap.ts';
import { WORKERS } from './cluster-facts.ts';
import { killInstance } from './containers.ts';
import { requestDelete } from './deletion.ts';
import { describe } from './describe.ts';
import { ApplyError } from './vocabulary.ts';
import { ModelError } from './errors.ts';
import { eventObject, type ModelEvent } from './events.ts';
import { fileSystemSizeThrough, listThrough, mkdirThrough, readThrough, runningContainer, writeThrough } from './exec.ts';
import { kindInfo } from './kinds.ts';
import { defaultNfsOptions, nfsServiceObject, registerNfsServer, type NfsInstallOptions } from './nfs.ts';
import { listNodeDir, makeNodeDir, readNodeFile, writeNodeFile } from './node-files.ts';
import { stampNew } from './objects.ts';
import { podProblem } from './pod-status.ts';
import { advanceTo, reconcile } from './reconcile.ts';
import { matchLabels } from './selectors.ts';
import { snapshot, type ModelSnapshot } from './snapshot.ts';
import { touch, type ModelState } from './state.ts';
import type { ApplyResult, DeleteOptions, K8sObject, ModelOptions, ObjectRef } from './types.ts';

/** One offline course cluster (see the module comment). */
export class StorageModel {
  private readonly state: ModelState;

  /** A fresh course cluster at virtual time zero. */
  constructor(opts: ModelOptions = {}) {
    this.state = bootstrap(opts);
  }

  private key(ref: ObjectRef): { kind: string; ns: string; name: string } {
    const info = kindInfo(ref.kind);
    if (!info) throw new ModelError({ en: `the model does not know the kind "${ref.kind}"`, 'zh-cn': `离线模型不认识资源类型 "${ref.kind}"` });
    return { kind: info.kind, ns: info.namespaced ? (ref.namespace ?? 'default') : '', name: ref.name };
  }

  /** Current virtual time (epoch ms). */
  now(): number {
    return this.state.clock.now();
  }

  /** Moves virtual time forward by ms, letting everything due on the way happen in order. */
  advance(ms: number): void {
    advanceTo(this.state, this.state.clock.now() + Math.max(0, ms));
  }

  /** Runs every controller at the current instant until nothing changes. */
  reconcile(): void {
    reconcile(this.state);
  }

  /**
   * Creates or updates objects in order (kubectl apply), reconciling after each one. Every valid object is
   * applied; if any was refused, throws the first ApplyError (NotModelledError, InvalidObjectError)
   * afterwards. A namespace that does not exist yet is created implicitly.
   */
  apply(objects: K8sObject | K8sObject[]): ApplyResult[] {
    const results: ApplyResult[] = [];
    let first: unknown;
    for (const obj of Array.isArray(objects) ? objects : [objects]) {
      try {
        const ns = obj?.metadata?.namespace;
        if (ns && kindInfo(obj.kind)?.namespaced && !this.state.store.has('Namespace', '', ns)) this.state.store.put(stampNew(this.state, namespaceObject(ns)));
        results.push(admit(this.state, obj));
        // kubectl creates the objects one by one and the controllers see each at once, before the
        // objects after it in the list exist (a claim listed after its pod: Unschedulable first).
        reconcile(this.state);
      } catch (e) {
        if (!(e instanceof ApplyError)) throw e;
        first ??= e;
      }
    }
    reconcile(this.state);
    if (first) throw first;
    return results;
  }

  /** A copy of one object, or undefined. */
  get(ref: ObjectRef): K8sObject | undefined {
    const k = this.key(ref);
    return this.state.store.get(k.kind, k.ns, k.name);
  }

  /** Copies of all objects of a kind (Event too), optionally in one namespace and matching labels. */
  list(kind: string, opts: { namespace?: string; labels?: Record<string, string> } = {}): K8sObject[] {
    const k = this.key({ kind, name: '' });
    if (k.kind === 'Event') return this.state.events.all(opts.namespace).map((e) => eventObject(e, (t) => this.state.clock.iso(t)));
    const ns = kindInfo(kind)!.namespaced ? opts.namespace : undefined;
    return this.state.store.list(k.kind, ns).filter((o) => matchLabels(opts.labels, o.metadata.labels ?? {}));
  }

  /** Starts deleting an object (graceful for pods, protected for claims and volumes), then reconciles. False if absent. */
  delete(ref: ObjectRef, opts: DeleteOptions = {}): boolean {
    const k = this.key(ref);
    if (k.kind === 'Node' || k.kind === 'Event') throw new ModelError({ en: `deleting ${k.kind} objects is not modelled`, 'zh-cn': `离线模型不模拟删除 ${k.kind} 对象` });
    const found = requestDelete(this.state, k.kind, k.ns, k.name, opts.gracePeriodSeconds);
    reconcile(this.state);
    return found;
  }

  /** Applies a JSON merge patch (null removes a field) to an existing object, as an update. */
  patch(ref: ObjectRef, patch: Record<string, unknown>): K8sObject {
    const current = this.get(ref);
    if (!current) throw new ModelError({ en: `${ref.kind} "${ref.name}" not found`, 'zh-cn': `找不到 ${ref.kind} "${ref.name}"` });
    admit(this.state, mergePatch(current, patch) as K8sObject, true);
    reconcile(this.state);
    return this.get(ref)!;
  }

  /** Sets spec.replicas of a Deployment or StatefulSet, then reconciles. */
  scale(ref: ObjectRef, replicas: number): void {
    if (!Number.isInteger(replicas) || replicas < 0) throw new ModelError({ en: `replicas must be a whole number >= 0, not ${replicas}`, 'zh-cn': `副本数必须是大于或等于 0 的整数，而不是 ${replicas}` });
    this.patch(ref, { spec: { replicas } });
  }

  /** Kills a running container from outside (exit 137; ModelExecError if not running); the restart shows on the next reconcile/advance. */
  killContainer(namespace: string, pod: string, container: string): void {
    killInstance(this.state, runningContainer(this.state, namespace, pod, container).c);
  }

  /** Writes a file through a running container (see exec.ts for path rules). */
  writeFile(namespace: string, pod: string, container: string, path: string, data: string): void {
    writeThrough(this.state, namespace, pod, container, path, data);
    touch(this.state);
  }

  /** Reads a file through a running container; undefined if absent. */
  readFile(namespace: string, pod: string, container: string, path: string): string | undefined {
    return readThrough(this.state, namespace, pod, container, path);
  }

  /** The total bytes of the file system holding path, as df shows it in the running container; undefined if path is absent. */
  fileSystemSize(namespace: string, pod: string, container: string, path: string): number | undefined {
    return fileSystemSizeThrough(this.state, namespace, pod, container, path);
  }

  /**
   * Sets annotations on a pod (overwriting those keys), then reconciles: like any change to a pod
   * it makes the pod's kubelet sync it at once (a pending NodeExpandVolume happens now).
   */
  annotatePod(namespace: string, pod: string, annotations: Record<string, string>): void {
    const p = this.state.store.get('Pod', namespace, pod);
    if (!p) throw new ModelError({ en: `pods "${pod}" not found`, 'zh-cn': `找不到 Pod "${pod}"` });
    p.metadata.annotations = { ...(p.metadata.annotations ?? {}), ...annotations };
    this.state.store.put(p);
    reconcile(this.state);
  }

  /** Creates a directory (and parents) through a running container (`mkdir -p`). */
  makeDir(namespace: string, pod: string, container: string, path: string): void {
    mkdirThrough(this.state, namespace, pod, container, path);
    touch(this.state);
  }

  /** Lists a directory through a running container; undefined if absent. */
  listDir(namespace: string, pod: string, container: string, path: string): string[] | undefined {
    return listThrough(this.state, namespace, pod, container, path);
  }

  /** Reads a file on a node's own filesystem; undefined if absent. */
  readNodeFile(node: string, path: string): string | undefined {
    return readNodeFile(this.state, node, path);
  }

  /** Writes a file on a node (its directory must exist). */
  writeNodeFile(node: string, path: string, data: string): void {
    writeNodeFile(this.state, node, path, data);
  }

  /** Creates a directory (and parents) on a node. */
  makeNodeDir(node: string, path: string): void {
    makeNodeDir(this.state, node, path);
  }

  /** Lists a directory on a node; undefined if absent. */
  listNodeDir(node: string, path: string): string[] | undefined {
    return listNodeDir(this.state, node, path);
  }

  /** Sets (string) or removes (null) node labels, then reconciles. */
  labelNode(node: string, labels: Record<string, string | null>): void {
    const n = this.state.store.get('Node', '', node);
    if (!n) throw new ModelError({ en: `node "${node}" not found`, 'zh-cn': `找不到节点 "${node}"` });
    const next = { ...(n.metadata.labels ?? {}) };
    for (const [k, v] of Object.entries(labels)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    n.metadata.labels = next;
    this.state.store.put(n);
    reconcile(this.state);
  }

  /** Installs the course NFS server: an export of "/" behind a Service with ClusterIP 10.96.100.100 (default). */
  installNfsServer(opts: NfsInstallOptions = {}): void {
    const o = defaultNfsOptions(opts);
    const existing = this.state.store.get('Service', o.namespace, o.name);
    if (existing?.spec?.clusterIP !== o.ip) admit(this.state, nfsServiceObject(o.namespace, o.name, o.ip));
    registerNfsServer(this.state, o);
    reconcile(this.state);
  }

  /** Node names, sorted. */
  nodes(): string[] {
    return [...this.state.nodeFs.keys()].sort();
  }

  /** The schedulable worker nodes, sorted. */
  workers(): string[] {
    return [...WORKERS];
  }

  /** Events about one object (all incarnations of that name), or all events, oldest first. */
  events(ref?: ObjectRef): ModelEvent[] {
    if (!ref) return this.state.events.all();
    const k = this.key(ref);
    return this.state.events.about(k.kind, k.name, k.ns || undefined);
  }

  /** Why a pod is not (fully) running: scheduling, volume mount or container reason; undefined if fine or absent. */
  podProblem(namespace: string, pod: string): { reason: string; message?: string } | undefined {
    const p = this.state.store.get('Pod', namespace, pod);
    return p ? podProblem(this.state, p) : undefined;
  }

  /** `kubectl describe`-like text with events. */
  describe(ref: ObjectRef): string {
    const k = this.key(ref);
    return describe(this.state, k.kind, k.ns, k.name);
  }

  /** The whole model as plain JSON for the playground. */
  snapshot(): ModelSnapshot {
    return snapshot(this.state);
  }
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
