/**
 * What the last successful `npm run cluster:up` produced, in <cache>/state.json, so the
 * real-cluster tests and `npm run cluster:env` find the node image and the kind/kubectl built here.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const ClusterState = z.object({
  cluster: z.string(),
  nodeImage: z.string(),
  /** DOCKER_HOST of the course engine (absent in states written before it had its own socket). */
  dockerHost: z.string().optional(),
  bin: z.string(),
  kubeconfig: z.string(),
  kindVersion: z.string(),
  kubernetesVersion: z.string(),
  upAt: z.string(),
  /**
   * What the `csi` step installed, so a lab cluster can get the same CSI stack (`npm run lab:csi`,
   * the walk-through capture); absent in states written before the course had a CSI driver.
   */
  csi: z.object({ imagesDir: z.string(), driverImage: z.string(), gomodcache: z.string() }).optional(),
});
export type ClusterState = z.infer<typeof ClusterState>;

/** Writes the state atomically (a temporary file renamed over it), so a reader never sees half of it. */
export function writeState(file: string, state: ClusterState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

/**
 * The recorded state, or undefined when there is none, or it is unreadable (not JSON, e.g. cut
 * short, or not a state): then it is ignored. Never throws for what the file holds; the grader
 * reads it on every kind run (its node image).
 */
export function readState(file: string): ClusterState | undefined {
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const parsed = ClusterState.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export function clearState(file: string): void {
  rmSync(file, { force: true });
}

/** Shell lines that make `npm run grade -- --cluster kind` use this cluster (for eval). */
export function envLines(state: ClusterState): string[] {
  const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  return [
    `export PATH=${q(state.bin)}:"$PATH"`,
    `export K8S_STORAGE_COURSE_NODE_IMAGE=${q(state.nodeImage)}`,
    ...(state.dockerHost ? [`export DOCKER_HOST=${q(state.dockerHost)}`] : []),
  ];
}
