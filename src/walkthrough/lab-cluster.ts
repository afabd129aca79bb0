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
 * Whether a Pod on the lab cluster could mount NFS: the node's kernel (the machine's) lists nfs in
 * /proc/filesystems. Resolves to undefined when it can, else the evidence, in words, for the reason.
 */
export async function missingNfsEvidence(tools: LabTools, name: string): Promise<string | undefined> {
  const worker = labNodes(name).worker;
  const r = await execa('docker', ['exec', worker, 'cat', '/proc/filesystems'], { env: tools.env, reject: false });
  if (r.exitCode === 0 && /\bnfs4?\b/.test(r.stdout)) return undefined;
  return r.exitCode === 0 ? 'no "nfs" in /proc/filesystems' : `docker exec ${worker} cat /proc/filesystems: exit ${r.exitCode}`;
}
