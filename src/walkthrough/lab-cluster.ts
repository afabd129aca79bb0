/**
 * The lab cluster the lessons tell students to make (`kind create cluster --config
 * lab/kind-course.yaml`: "course", nodes course-control-plane, course-worker, course-worker2),
 * made here with the node image `npm run cluster:up` built, because this machine reaches no
 * container registry. Its kubeconfig is a file of its own, so the capture never touches
 * ~/.kube/config.
 */
import { execa } from 'execa';

export const LAB_CLUSTER = 'course';
export const LAB_CONFIG = 'lab/kind-course.yaml';
export const LAB_WORKER = `${LAB_CLUSTER}-worker`;

export interface LabTools {
  /** Folder with the kind and kubectl `npm run cluster:up` built. */
  bin: string;
  /** The environment the tools run in (PATH with bin first). */
  env: Record<string, string | undefined>;
}

export async function labClusterExists(tools: LabTools): Promise<boolean> {
  const r = await execa(`${tools.bin}/kind`, ['get', 'clusters'], { env: tools.env, reject: false });
  return r.stdout.split('\n').map((l) => l.trim()).includes(LAB_CLUSTER);
}

/** Creates the lab cluster; resolves to kind's exit code and output (nothing thrown on failure). */
export async function createLabCluster(tools: LabTools, opts: { root: string; image: string; kubeconfig: string; signal?: AbortSignal }) {
  const r = await execa(`${tools.bin}/kind`, ['create', 'cluster', '--config', LAB_CONFIG, '--image', opts.image, '--kubeconfig', opts.kubeconfig, '--wait', '180s'], {
    cwd: opts.root,
    env: tools.env,
    all: true,
    reject: false,
    cancelSignal: opts.signal,
  });
  return { exitCode: r.exitCode ?? 1, output: r.all ?? '' };
}

export async function deleteLabCluster(tools: LabTools): Promise<void> {
  await execa(`${tools.bin}/kind`, ['delete', 'cluster', '--name', LAB_CLUSTER], { env: tools.env, reject: false });
}

/**
 * Whether a Pod on the lab cluster could mount NFS: the node's kernel (the machine's) lists nfs in
 * /proc/filesystems. Resolves to undefined when it can, else the evidence, in words, for the reason.
 */
export async function missingNfsEvidence(tools: LabTools): Promise<string | undefined> {
  const r = await execa('docker', ['exec', LAB_WORKER, 'cat', '/proc/filesystems'], { env: tools.env, reject: false });
  if (r.exitCode === 0 && /\bnfs4?\b/.test(r.stdout)) return undefined;
  return r.exitCode === 0 ? 'no "nfs" in /proc/filesystems' : `docker exec ${LAB_WORKER} cat /proc/filesystems: exit ${r.exitCode}`;
}
