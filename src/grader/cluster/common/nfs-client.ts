/**
 * Which NFS client a node mounts with: the one rule the grader, the walk-through capture and the
 * real-cluster test set-up follow.
 *
 * The node answers itself where it can: the course's nodes carry `course-nfs-client`
 * (cluster/nfs-fuse), whose `probe` prints `{"client": "kernel" | "fuse" | "none", "reason": ...}`
 * by the same rule its mount helper picks a client with. A node without it (a student's own kind
 * node, a school's cluster) has no user-space client, so only the kernel counts: `nfs` or `nfs4` in
 * /proc/filesystems, or module loading (/proc/modules), since mount(2) then loads the module.
 */
import type { Localized } from '../../../i18n/lang.ts';

export type NfsClientKind = 'kernel' | 'fuse' | 'none';

export interface NfsClient {
  client: NfsClientKind;
  /** The node's evidence, in English as the node gave it (a path, a file system name). */
  reason: string;
}

/** argv (after `docker exec <node>`) of the node's own answer. */
export const NFS_PROBE_ARGV = ['course-nfs-client', 'probe'];

/** The probe's JSON line, or undefined when stdout is not one (an older node image, another program). */
export function parseNfsProbe(stdout: string): NfsClient | undefined {
  try {
    const v = JSON.parse(stdout.trim()) as Partial<NfsClient>;
    if ((v.client === 'kernel' || v.client === 'fuse' || v.client === 'none') && typeof v.reason === 'string') return { client: v.client, reason: v.reason };
  } catch {
    // not JSON: fall through
  }
  return undefined;
}

/** The rule for a node without course-nfs-client, from its /proc/filesystems and whether /proc/modules exists. */
export function kernelNfsClient(filesystems: string, hasModules: boolean): NfsClient {
  const listed = filesystems.split('\n').some((line) => /^(nodev)?\s*nfs4?$/.test(line.trim()));
  if (listed) return { client: 'kernel', reason: 'nfs in /proc/filesystems' };
  if (hasModules) return { client: 'kernel', reason: 'no nfs in /proc/filesystems, but the kernel loads modules' };
  return { client: 'none', reason: 'no nfs in /proc/filesystems and no module loading' };
}

/** Runs argv on a node (e.g. through `docker exec <node>`), never rejecting. */
export type NodeRun = (argv: string[]) => Promise<{ exitCode: number; stdout: string }>;

/** Asks a node which client it mounts with: its course-nfs-client, else the kernel's rule. */
export async function nodeNfsClient(run: NodeRun): Promise<NfsClient> {
  const probe = await run(NFS_PROBE_ARGV);
  const answer = probe.exitCode === 0 ? parseNfsProbe(probe.stdout) : undefined;
  if (answer) return answer;
  const filesystems = await run(['cat', '/proc/filesystems']);
  const modules = await run(['test', '-e', '/proc/modules']);
  return kernelNfsClient(filesystems.exitCode === 0 ? filesystems.stdout : '', modules.exitCode === 0);
}

const TEXT: Record<NfsClientKind, Localized> = {
  kernel: { en: "NFS client: the kernel's own", 'zh-cn': 'NFS 客户端：内核自带的客户端' },
  fuse: {
    en: 'NFS client: user space (FUSE, course-nfs-client, NFSv3): this kernel has none of its own',
    'zh-cn': 'NFS 客户端：用户态（FUSE，course-nfs-client，NFSv3）：这个内核没有自带的 NFS 客户端',
  },
  none: { en: 'NFS client: none: this kernel has no NFS client, and no user-space one is installed', 'zh-cn': 'NFS 客户端：无：这个内核没有 NFS 客户端，也没有安装用户态客户端' },
};

/** One line for reports and pages: which client mounts NFS volumes on this cluster's nodes (the node's evidence stays in `reason`, for logs). */
export function describeNfsClient(c: NfsClient): Localized {
  return TEXT[c.client];
}
