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
import { execa } from 'execa';
import { labNodes } from './lab-names.ts';
import { nodeNfsClient, type NfsClient } from '../grader/cluster/common/nfs-client.ts';

export { LAB_CLUSTER } from './lab-names.ts';
export const LAB_CONFIG = 'lab/kind-course.yaml';

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

/** Creates the lab cluster; resolves to kind's exit code and output (nothing thrown on failure). */
export async function createLabCluster(tools: LabTools, opts: { root: string; name: string; image: string; kubeconfig: string; signal?: AbortSignal }) {
  const r = await execa(`${tools.bin}/kind`, ['create', 'cluster', '--name', opts.name, '--config', LAB_CONFIG, '--image', opts.image, '--kubeconfig', opts.kubeconfig, '--wait', '180s'], {
    cwd: opts.root,
    env: tools.env,
    all: true,
    reject: false,
    cancelSignal: opts.signal,
  });
  return { exitCode: r.exitCode ?? 1, output: r.all ?? '' };
}

export async function deleteLabCluster(tools: LabTools, name: string): Promise<void> {
  await execa(`${tools.bin}/kind`, ['delete', 'cluster', '--name', name], { env: tools.env, reject: false });
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
