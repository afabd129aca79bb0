/**
 * The lab cluster the lessons tell students to make (`kind create cluster --config
 * lab/kind-course.yaml`: "course", nodes course-control-plane, course-worker, course-worker2),
 * made here with the node image `npm run cluster:up` built, because this machine reaches no
 * container registry. Its kubeconfig is a file of its own, so the capture never touches
 * ~/.kube/config.
 *
 * Every function takes the cluster's name: "course" for the capture the pages show, or a name of
 * the caller's own (lab-names.ts), given to kind with --name (it overrides the config's), so a check
 * never needs "course" to be free and never touches a student's "course".
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { LAB_CLUSTER, labNodes } from './lab-names.ts';
import { nodeNfsClient, type NfsClient } from '../grader/cluster/common/nfs-client.ts';
import { csiStoreDir } from '../grader/cluster/kind/config.ts';

export { LAB_CLUSTER } from './lab-names.ts';
export const LAB_CONFIG = 'lab/kind-course.yaml';
/** The host directory lab/kind-course.yaml shares with every node for the CSI driver, relative to where kind runs. */
export const LAB_CSI_STORE = '.lab/csi-store';

/**
 * The host directory a lab cluster's nodes share as the CSI store: for "course" the config's own
 * (<root>/.lab/csi-store, where a student's `kind create cluster` puts it too); for any other name
 * one of its own in the course cache, so two labs never share records.
 */
export function labCsiStore(root: string, name: string, env: Record<string, string | undefined> = process.env): string {
  return name === LAB_CLUSTER ? join(root, LAB_CSI_STORE) : csiStoreDir(`lab-${name}`, env);
}

/** lab/kind-course.yaml with the CSI store at `store` (an absolute path) instead of its relative one. */
export function labConfigWithStore(root: string, store: string): string {
  const text = readFileSync(join(root, LAB_CONFIG), 'utf8');
  const replaced = text.replaceAll(`hostPath: ${LAB_CSI_STORE},`, `hostPath: ${store},`);
  if (replaced === text) throw new Error(`${LAB_CONFIG} no longer mounts ${LAB_CSI_STORE} on its nodes`);
  return replaced;
}

export interface LabTools {
  /** Folder with the kind and kubectl `npm run cluster:up` built. */
  bin: string;
  /** The environment the tools run in (PATH with bin first). */
  env: Record<string, string | undefined>;
}

export async function labClusterExists(tools: LabTools, name: string): Promise<boolean> {
  const r = await execa(`${tools.bin}/kind`, ['get', 'clusters'], { env: tools.env, reject: false });
  return r.stdout.split('\n').map((l) => l.trim()).includes(name);
}

/**
 * Creates the lab cluster, its CSI store emptied first (a new cluster has no volumes, so records a
 * former lab left would only mislead the driver); resolves to kind's exit code and output (nothing
 * thrown on failure).
 */
export async function createLabCluster(tools: LabTools, opts: { root: string; name: string; image: string; kubeconfig: string; signal?: AbortSignal }) {
  const store = labCsiStore(opts.root, opts.name, tools.env);
  rmSync(store, { recursive: true, force: true });
  mkdirSync(store, { recursive: true });
  let config = LAB_CONFIG;
  let tmp: string | undefined;
  if (opts.name !== LAB_CLUSTER) {
    tmp = mkdtempSync(join(tmpdir(), 'lab-config-'));
    config = join(tmp, 'kind-course.yaml');
    writeFileSync(config, labConfigWithStore(opts.root, store));
  }
  try {
    const r = await execa(`${tools.bin}/kind`, ['create', 'cluster', '--name', opts.name, '--config', config, '--image', opts.image, '--kubeconfig', opts.kubeconfig, '--wait', '180s'], {
      cwd: opts.root,
      env: tools.env,
      all: true,
      reject: false,
      cancelSignal: opts.signal,
    });
    return { exitCode: r.exitCode ?? 1, output: r.all ?? '' };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Waits until the lab's cluster DNS (the coredns Deployment) is available: kind's --wait covers the
 * control plane only, and a step that resolves a name in its first minute would otherwise meet a
 * Service with no endpoint yet ("connection refused"). Resolves to kubectl's exit code and output.
 */
export async function awaitLabDns(tools: LabTools, kubeconfig: string, signal?: AbortSignal) {
  const r = await execa(`${tools.bin}/kubectl`, ['--kubeconfig', kubeconfig, '-n', 'kube-system', 'rollout', 'status', 'deployment/coredns', '--timeout=180s'], {
    env: tools.env,
    all: true,
    reject: false,
    cancelSignal: signal,
  });
  return { exitCode: r.exitCode ?? 1, output: r.all ?? '' };
}

/** Deletes the lab cluster and its CSI store. */
export async function deleteLabCluster(tools: LabTools, name: string, root: string): Promise<void> {
  await execa(`${tools.bin}/kind`, ['delete', 'cluster', '--name', name], { env: tools.env, reject: false });
  rmSync(labCsiStore(root, name, tools.env), { recursive: true, force: true });
}

/**
 * Which NFS client the lab cluster's nodes mount with: the grader's rule (nfs-client.ts), asked of
 * the lab's first worker through `docker exec`.
 */
export async function labNfsClient(tools: LabTools, name: string): Promise<NfsClient> {
  const worker = labNodes(name).worker;
  return nodeNfsClient(async (argv) => {
    const r = await execa('docker', ['exec', worker, ...argv], { env: tools.env, reject: false });
    return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout ?? '') };
  });
}
