/**
 * Classifies host paths a submission mounts: system paths (the node's root, container-runtime
 * sockets, kubelet and runtime state, kernel interfaces, binaries, logs) are never mounted; paths
 * under /var/local/ are the course's own; anything else is allowed only on a throwaway cluster.
 */
import path from 'node:path';

/** Node paths no exercise may mount: mounting one of them, a parent, or a child exposes the node. */
export const SYSTEM_PATHS = [
  '/etc', '/proc', '/sys', '/dev', '/boot', '/root', '/bin', '/sbin', '/lib', '/lib64', '/usr',
  '/run', '/var/run', '/var/lib/kubelet', '/var/lib/containerd', '/var/lib/docker', '/var/lib/etcd',
  '/var/lib/cni', '/var/log', '/opt/cni',
];

/** The course's area on each node (lessons 2 and 4 use /var/local/course-data and /var/local/course-pv). */
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

/** True when p is /var/local itself or below it. */
export function isCourseHostPath(p: string): boolean {
  return within(normaliseHostPath(p), COURSE_HOST_DIR);
}
