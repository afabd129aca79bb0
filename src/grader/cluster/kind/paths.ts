/** Where the kind back end keeps its own kubeconfig files (never the user's ~/.kube/config). */
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** ~/.cache/k8s-storage-course (or $XDG_CACHE_HOME/k8s-storage-course). */
export function cacheDir(env: Record<string, string | undefined> = process.env, home: string = homedir()): string {
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'k8s-storage-course');
}

/** The kubeconfig of the reusable course cluster. */
export function courseKubeconfig(env: Record<string, string | undefined> = process.env, home: string = homedir()): string {
  return join(cacheDir(env, home), 'kubeconfig');
}

/** The kubeconfig of a throwaway (--fresh) cluster, under the OS temp directory. */
export function freshKubeconfig(clusterName: string, tmp: string = tmpdir()): string {
  return join(tmp, `${clusterName}.kubeconfig`);
}
