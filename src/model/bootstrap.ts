/**
 * Builds a fresh model state: the clock, the random source, the three nodes with their own
 * filesystems, the default StorageClass `standard`, the system Services and Namespaces, and the
 * course's CSI stack as `npm run cluster:up` installs it (CSIDriver, StorageClass course-csi,
 * VolumeSnapshotClass course-snapclass, VolumeAttributesClasses; the course-csi namespace).
 */
import { VirtualClock } from './clock.ts';
import { NODE_BASE_DIRS, courseCsiObjects, nodeObjects, standardStorageClass, systemServices } from './cluster-facts.ts';
import { ContainerRules } from './container-rules.ts';
import { EventLog } from './events.ts';
import { MemFs } from './filesystem.ts';
import { stampNew } from './objects.ts';
import { Ids, seededRandom } from './random.ts';
import type { ModelState } from './state.ts';
import { ObjectStore } from './store.ts';
import type { K8sObject, ModelOptions } from './types.ts';

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage'];

/** A Namespace object. */
export function namespaceObject(name: string): K8sObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

/** A new state holding the course cluster at time zero. */
export function bootstrap(opts: ModelOptions = {}): ModelState {
  const clock = new VirtualClock(opts.startTime);
  const state: ModelState = {
    store: new ObjectStore(),
    clock,
    ids: new Ids(opts.random ?? seededRandom(opts.seed ?? 1)),
    events: new EventLog(),
    rules: new ContainerRules(opts.unpullableImages, opts.noShellImages),
    nodeFs: new Map(),
    nfs: new Map(),
    csi: { volumes: new Map(), snapshots: new Map() },
    pods: new Map(),
    runtimeVersion: 0,
    settled: { version: -1, at: 0 },
    podIpCounters: new Map(),
  };
  const iso = clock.iso();
  for (const node of nodeObjects(iso)) {
    state.store.put(stampNew(state, node));
    state.nodeFs.set(node.metadata.name, new MemFs(NODE_BASE_DIRS));
  }
  for (const ns of SYSTEM_NAMESPACES) state.store.put(stampNew(state, namespaceObject(ns)));
  state.store.put(stampNew(state, standardStorageClass(iso)));
  // The CSI stack's objects take their uids from a source of their own, so that adding them left
  // every other id of a seeded run as it was.
  const csiIds = new Ids(seededRandom(0xc5105eed));
  for (const obj of [namespaceObject('course-csi'), ...courseCsiObjects(iso)]) {
    obj.metadata.uid = csiIds.uid();
    state.store.put(stampNew(state, obj));
  }
  for (const svc of systemServices(iso)) state.store.put(stampNew(state, svc));
  return state;
}
