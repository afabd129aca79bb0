/**
 * Classifies the host paths a submission mounts. System paths (the node's root, container-runtime
 * sockets, kubelet and runtime state, kind's own files, kernel interfaces, binaries, logs) are
 * never mounted. Any other path is mounted only when it is exactly one the lesson asks for
 * (its grader's `hostPaths`): not a parent, not a child. Contract behind "exactly": every allowed
 * path is a direct child of COURSE_HOST_DIR, and no Pod may mount COURSE_HOST_DIR itself, so no
 * Pod can plant a symlink where an allowed path will later be mounted (a bind mount follows
 * symlinks in its source, so a child of an allowed path could point anywhere on the node).
 */
import path from 'node:path';

/** Node paths no exercise may mount: mounting one of them, a parent, or a child exposes the node. */
export const SYSTEM_PATHS = [
  '/etc', '/proc', '/sys', '/dev', '/boot', '/root', '/bin', '/sbin', '/lib', '/lib64', '/usr',
  '/run', '/var/run', '/var/lib/kubelet', '/var/lib/containerd', '/var/lib/docker', '/var/lib/etcd',
  '/var/lib/cni', '/var/log', '/opt/cni', '/kind',
];

/** The course's area on each node; lessons 2 and 4 use /var/local/course-data and /var/local/course-pv. */
export const COURSE_HOST_DIR = '/var/local';

/** Absolute, normalised form of a host path ("var//local/../lib/" -> "/var/lib"). */
export function normaliseHostPath(p: string): string {
  const resolved = path.posix.resolve('/', p);
  return resolved.length > 1 ? resolved.replace(/\/+$/, '') : resolved;
}

const within = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);

/** The system path `p` exposes (itself, a parent of it, or a child of it), or undefined. */
export function systemPathHit(p: string): string | undefined {
  const n = normaliseHostPath(p);
  if (n === '/') return '/';
  return SYSTEM_PATHS.find((s) => within(n, s) || within(s, n));
}

/** True when `p`, normalised, is exactly one of `allowed`. */
export function isAllowedHostPath(p: string, allowed: readonly string[]): boolean {
  const n = normaliseHostPath(p);
  return allowed.some((a) => normaliseHostPath(a) === n);
}

/** True when `p` may be in a lesson's allow-list: a direct child of COURSE_HOST_DIR. */
export function isCourseHostPath(p: string): boolean {
  return path.posix.dirname(normaliseHostPath(p)) === COURSE_HOST_DIR && normaliseHostPath(p) !== COURSE_HOST_DIR;
}
