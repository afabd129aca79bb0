/**
 * The crictl command that SIGKILLs a container through the node's CRI runtime, shared by every
 * back end that reaches a node (kind: `docker exec`; current: a helper Pod).
 *
 * crictl's own request timeout (its global `--timeout`, 2 s by default) is raised to 25 s, under
 * the 30 s the back ends allow the whole command: on a busy node (a 2-core machine running the
 * whole real-cluster suite) StopContainer took longer than 2 s, crictl gave up with
 * "DeadlineExceeded", the container was not restarted, and a correct answer lost the points of
 * "survives a container kill".
 */
export const CRICTL_REQUEST_TIMEOUT = '25s';

/** argv (from `crictl` on) that stops containerId at once (no grace period). */
export function crictlStopArgs(containerId: string): string[] {
  return ['crictl', '--timeout', CRICTL_REQUEST_TIMEOUT, 'stop', '--timeout', '0', containerId];
}
