/**
 * A playground scenario: the storage model loaded with a lesson's walk-through manifests, plus
 * the one pod/container the buttons act on. Everything is inferred from the manifests (the first
 * pod or workload with a volume mount; the course NFS server when a volume names its address; a
 * local PV's directory on its node), so a new lesson's playground needs no configuration.
 * Runs the same in Node (the page's server-rendered picture) and in the browser.
 */
import { NFS_SERVER_IP, StorageModel } from '../model/index.ts';
import type { K8sObject } from '../model/types.ts';

/** What the page hands the playground. */
export interface PlaygroundConfig {
  /** The lesson folder, e.g. "01-emptydir". */
  lesson: string;
  /** The walk-through manifests' objects, in file order. */
  objects: K8sObject[];
  /** Optional override of the pod (for a workload: its first pod) and container to act on. */
  target?: { pod?: string; container?: string };
}

/** The pod, container and mount the buttons act on. */
export interface Target {
  /** The pod's name (for a Deployment: found by `labels` at action time). */
  pod: string;
  container: string;
  mountPath: string;
  /** The claim the target pod mounts there, if any. */
  claim?: string;
  /** The pod's template comes from this workload (its controller re-creates deleted pods). */
  owner?: { kind: 'StatefulSet' | 'Deployment'; name: string; labels: Record<string, string> };
  /** The bare Pod object to re-apply after a delete (no owner). */
  manifest?: K8sObject;
}

/** A running scenario. */
export interface Scenario {
  config: PlaygroundConfig;
  model: StorageModel;
  target: Target;
  /** How many files the "write" button has written so far. */
  writes: number;
}

export const NAMESPACE = 'default';
const SEED = 7;

const podSpecOf = (o: K8sObject): any => (o.kind === 'Pod' ? o.spec : o.spec?.template?.spec);

/** Finds the pod/container/mount to act on: the override, else the first writable volume mount. */
export function inferTarget(config: PlaygroundConfig): Target {
  const candidates = config.objects.filter((o) => ['Pod', 'StatefulSet', 'Deployment'].includes(o.kind) && podSpecOf(o));
  const want = config.target ?? {};
  for (const obj of candidates) {
    const owner = obj.kind === 'Pod' ? undefined : { kind: obj.kind as 'StatefulSet' | 'Deployment', name: obj.metadata.name, labels: obj.spec?.selector?.matchLabels ?? {} };
    const pod = obj.kind === 'StatefulSet' ? `${obj.metadata.name}-0` : obj.metadata.name;
    if (want.pod && want.pod !== pod && want.pod !== obj.metadata.name) continue;
    const spec = podSpecOf(obj);
    for (const c of (spec.containers ?? []) as any[]) {
      if (want.container && want.container !== c.name) continue;
      const mount = ((c.volumeMounts ?? []) as any[]).find((m) => !m.readOnly);
      if (!mount) continue;
      const volume = ((spec.volumes ?? []) as any[]).find((v) => v.name === mount.name);
      const template = ((obj.spec?.volumeClaimTemplates ?? []) as any[]).find((t) => t.metadata?.name === mount.name);
      const claim = volume?.persistentVolumeClaim?.claimName ?? (template ? `${mount.name}-${pod}` : undefined);
      return { pod, container: c.name, mountPath: mount.mountPath, ...(claim ? { claim } : {}), ...(owner ? { owner } : { manifest: obj }) };
    }
  }
  throw new Error(`playground ${config.lesson}: no pod or workload with a writable volume mount${want.pod ? ` named ${want.pod}` : ''}`);
}

/** Installs what the manifests expect to find: the course NFS server, local PV directories. */
function installFixtures(model: StorageModel, objects: K8sObject[]): void {
  const text = JSON.stringify(objects);
  if (text.includes(`"server":"${NFS_SERVER_IP}"`)) model.installNfsServer();
  for (const pv of objects.filter((o) => o.kind === 'PersistentVolume' && o.spec?.local?.path)) {
    const terms = pv.spec.nodeAffinity?.required?.nodeSelectorTerms ?? [];
    const nodes: string[] = terms.flatMap((t: any) => (t.matchExpressions ?? []).filter((e: any) => e.key === 'kubernetes.io/hostname').flatMap((e: any) => e.values ?? []));
    for (const node of nodes.length ? nodes : model.workers()) model.makeNodeDir(node, pv.spec.local.path);
  }
}

/** Moves virtual time in one-second steps until done() or maxMs passed; returns whether done() held. */
export function settle(model: StorageModel, done: () => boolean, maxMs = 120_000): boolean {
  for (let waited = 0; waited <= maxMs; waited += 1000) {
    if (done()) return true;
    model.advance(1000);
  }
  return done();
}

/** True when every pod of the scenario's namespace runs all its containers. */
export function allRunning(model: StorageModel): boolean {
  const pods = model.list('Pod', { namespace: NAMESPACE });
  return pods.length > 0 && pods.every((p) => p.status?.phase === 'Running' && ((p.status?.containerStatuses ?? []) as any[]).every((c) => c.state?.running));
}

/** A fresh model with the lesson's objects applied and settled (deterministic: the same picture every time). */
export function startScenario(config: PlaygroundConfig): Scenario {
  const target = inferTarget(config);
  const model = new StorageModel({ seed: SEED });
  installFixtures(model, config.objects);
  model.apply(structuredClone(config.objects));
  settle(model, () => allRunning(model), 180_000);
  return { config, model, target, writes: 0 };
}

/** The name of the pod the buttons act on right now (a Deployment's pods change names). */
export function currentPod(scn: Scenario): string | undefined {
  const { target, model } = scn;
  if (target.owner?.kind !== 'Deployment') return model.get({ kind: 'Pod', name: target.pod, namespace: NAMESPACE }) ? target.pod : undefined;
  const pods = model.list('Pod', { namespace: NAMESPACE, labels: target.owner.labels }).filter((p) => !p.metadata.deletionTimestamp);
  return pods.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0]?.metadata.name;
}

/** Which optional buttons this scenario has: delete the PVC (the target mounts one), scale (a workload). */
export function capabilities(target: Target): { deletePvc: boolean; scale: boolean } {
  return { deletePvc: !!target.claim, scale: !!target.owner };
}
