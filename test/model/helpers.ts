/**
 * Test helpers for the model suites: load a fixture folder's YAML documents, make a seeded model,
 * and small probes (container status by name, ns-scoped shorthands).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { StorageModel } from '../../src/model/index.ts';
import type { K8sObject } from '../../src/grader/cluster/cluster.ts';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** All YAML documents of a fixture file or folder (relative to fixtures/), in file order. */
export function fixture(rel: string): K8sObject[] {
  const path = join(FIXTURES, rel);
  const files = rel.endsWith('.yaml') ? [path] : readdirSync(path).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(path, f));
  return files.flatMap((f) => parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS() as K8sObject).filter(Boolean));
}

/** A fresh model with a fixed seed. */
export function newModel(seed = 7): StorageModel {
  return new StorageModel({ seed });
}

/** The containerStatus of one container of a pod. */
export function status(model: StorageModel, pod: string, container: string, namespace = 'default'): any {
  const p = model.get({ kind: 'Pod', name: pod, namespace });
  return ((p?.status?.containerStatuses as any[]) ?? []).find((c) => c.name === container);
}

/** A minimal busybox pod that keeps running, with optional extra spec fields. */
export function sleeper(name: string, spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], ...container }], ...spec },
  };
}

/** Advances virtual time in steps until check() is truthy; fails after maxMs of virtual time. */
export function waitUntil<T>(model: StorageModel, check: () => T | undefined | false, maxMs = 120_000, stepMs = 500): T {
  for (let waited = 0; waited <= maxMs; waited += stepMs) {
    const v = check();
    if (v) return v;
    model.advance(stepMs);
  }
  throw new Error(`condition not met within ${maxMs} ms of virtual time`);
}

/** Kills a container and waits for the restart; returns [before, after] container statuses. */
export function killAndWait(model: StorageModel, pod: string, container: string, namespace = 'default'): [any, any] {
  const before = status(model, pod, container, namespace);
  model.killContainer(namespace, pod, container);
  const after = waitUntil(model, () => {
    const s = status(model, pod, container, namespace);
    return s && s.restartCount === before.restartCount + 1 && s.state.running ? s : undefined;
  });
  return [before, after];
}

/** Deletes a pod with a 1 s grace period and waits until the object is gone. */
export function deletePodAndWait(model: StorageModel, pod: string, namespace = 'default'): void {
  model.delete({ kind: 'Pod', name: pod, namespace }, { gracePeriodSeconds: 1 });
  waitUntil(model, () => !model.get({ kind: 'Pod', name: pod, namespace }));
}

/** Waits until a pod exists and is Running with all containers running; returns it. */
export function waitRunning(model: StorageModel, pod: string, namespace = 'default'): K8sObject {
  return waitUntil(model, () => {
    const p = model.get({ kind: 'Pod', name: pod, namespace });
    const ok = p && !p.metadata.deletionTimestamp && p.status?.phase === 'Running' && (p.status.containerStatuses as any[]).every((c) => c.state.running);
    return ok ? p : undefined;
  });
}

type PvOpts = { cls?: string | null; size?: string; modes?: string[]; labels?: Record<string, string>; claimRef?: object; node?: string };
/** A hostPath PersistentVolume (class "" unless given; null leaves it unset). */
export function pv(name: string, o: PvOpts = {}): K8sObject {
  const spec: any = { capacity: { storage: o.size ?? '1Gi' }, accessModes: o.modes ?? ['ReadWriteOnce'], hostPath: { path: `/var/local/${name}`, type: 'DirectoryOrCreate' } };
  if (o.cls !== null) spec.storageClassName = o.cls ?? '';
  if (o.claimRef) spec.claimRef = o.claimRef;
  if (o.node) spec.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [o.node] }] }] } };
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name, ...(o.labels ? { labels: o.labels } : {}) }, spec };
}
type PvcOpts = { cls?: string | null; size?: string; modes?: string[]; selector?: object; volumeName?: string; annotations?: Record<string, string> };
/** A PersistentVolumeClaim (class "" unless given; null leaves it unset). */
export function pvc(name: string, o: PvcOpts = {}): K8sObject {
  const spec: any = { accessModes: o.modes ?? ['ReadWriteOnce'], resources: { requests: { storage: o.size ?? '500Mi' } } };
  if (o.cls !== null) spec.storageClassName = o.cls ?? '';
  if (o.selector) spec.selector = o.selector;
  if (o.volumeName) spec.volumeName = o.volumeName;
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, ...(o.annotations ? { annotations: o.annotations } : {}) }, spec };
}
/** A sleeper pod mounting claim at /data. */
export const claimPod = (name: string, claim: string) => sleeper(name, { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: claim } }] }, { volumeMounts: [{ name: 'v', mountPath: '/data' }] });

/**
 * Runs fn once and reports wall and CPU milliseconds. CPU time (this process, user + system) is
 * what the "well under 1 s" checks assert: it measures the model's work, not a busy machine.
 */
export async function measure(fn: () => unknown): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}
