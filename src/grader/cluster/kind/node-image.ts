/**
 * Which kind node image a run makes the course cluster from, and where that choice came from:
 *   1. `env`: K8S_STORAGE_COURSE_NODE_IMAGE, when set (what `eval "$(npm run -s cluster:env)"` exports);
 *   2. `cluster-up`: else the image the last `npm run cluster:up` built and recorded in its state
 *      file, so a plain shell on a machine with that cluster makes the same config as a cluster:env
 *      shell, and reuses the cluster instead of seeing a config mismatch;
 *   3. `pinned`: else NODE_IMAGE, the upstream kindest/node image kind pulls from Docker Hub.
 * An image of source 1 or 2 was built on this machine and is in no registry: it can never be pulled.
 * A value that is not a plain image reference (it is written into the kind config YAML) is refused
 * with a bilingual ClusterUnavailableError naming where it came from.
 */
import { fill } from '../../../i18n/lang.ts';
import { clusterPaths } from '../../../local-cluster/paths.ts';
import { readState } from '../../../local-cluster/state.ts';
import { ClusterUnavailableError } from '../cluster.ts';
import { msg } from '../common/messages.ts';
import { isImageRef, NODE_IMAGE, NODE_IMAGE_ENV } from './config.ts';

export type NodeImageSource = 'env' | 'cluster-up' | 'pinned';

export interface NodeImage {
  ref: string;
  source: NodeImageSource;
  /** For `cluster-up`: the state file the image was read from (named in hints). */
  recordedIn?: string;
}

/** The state file of `npm run cluster:up` for this environment (it may not exist). */
export function recordedStateFile(env: Record<string, string | undefined>): string {
  return clusterPaths(env).state;
}

/** The node image of this run (see the order above). Throws ClusterUnavailableError on a bad value. */
export function resolveNodeImage(env: Record<string, string | undefined> = process.env, stateFile: string = recordedStateFile(env)): NodeImage {
  const fromEnv = env[NODE_IMAGE_ENV]?.trim();
  if (fromEnv) {
    if (!isImageRef(fromEnv)) throw new ClusterUnavailableError(fill(msg.nodeImageEnvInvalid, { variable: NODE_IMAGE_ENV, value: fromEnv }), fill(msg.nodeImageEnvInvalidHint, { variable: NODE_IMAGE_ENV }));
    return { ref: fromEnv, source: 'env' };
  }
  const recorded = readState(stateFile)?.nodeImage.trim();
  if (recorded) {
    if (!isImageRef(recorded)) throw new ClusterUnavailableError(fill(msg.nodeImageRecordedInvalid, { file: stateFile, value: recorded }), msg.nodeImageRecordedInvalidHint);
    return { ref: recorded, source: 'cluster-up', recordedIn: stateFile };
  }
  return { ref: NODE_IMAGE, source: 'pinned' };
}
