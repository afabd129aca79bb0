import { describe, expect, it } from 'vitest';
import { describeNfsClient, kernelNfsClient, nodeNfsClient, parseNfsProbe, type NodeRun } from '../../../../src/grader/cluster/common/nfs-client.ts';

// /proc/filesystems as a node of this project's CI cluster printed it: no nfs, fuse built in.
const CI_FILESYSTEMS = 'nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\nnodev\toverlay\n\text4\nnodev\tfuse\nnodev\tfusectl\n';

/** A node that answers argv as the table says (exit 127 for anything else: command not found). */
function node(answers: Record<string, { exitCode: number; stdout: string }>): { run: NodeRun; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    run: async (argv) => {
      asked.push(argv.join(' '));
      return answers[argv.join(' ')] ?? { exitCode: 127, stdout: '' };
    },
  };
}

describe('which NFS client a node mounts with', () => {
  it('a course node answers for itself (course-nfs-client probe)', async () => {
    const n = node({ 'course-nfs-client probe': { exitCode: 0, stdout: '{"client":"fuse","reason":"this kernel has no NFS client"}\n' } });
    expect(await nodeNfsClient(n.run)).toEqual({ client: 'fuse', reason: 'this kernel has no NFS client' });
    expect(n.asked).toEqual(['course-nfs-client probe']);
  });

  it('a node without course-nfs-client has the kernel\'s client or none', async () => {
    const withNfs = node({ 'cat /proc/filesystems': { exitCode: 0, stdout: `${CI_FILESYSTEMS}nodev\tnfs4\n` } });
    expect((await nodeNfsClient(withNfs.run)).client).toBe('kernel');
    const loads = node({ 'cat /proc/filesystems': { exitCode: 0, stdout: CI_FILESYSTEMS }, 'test -e /proc/modules': { exitCode: 0, stdout: '' } });
    expect((await nodeNfsClient(loads.run)).client).toBe('kernel');
    // FUSE alone is no NFS client where nothing serves NFS through it.
    const neither = node({ 'cat /proc/filesystems': { exitCode: 0, stdout: CI_FILESYSTEMS }, 'test -e /proc/modules': { exitCode: 1, stdout: '' } });
    expect(await nodeNfsClient(neither.run)).toEqual({ client: 'none', reason: 'no nfs in /proc/filesystems and no module loading' });
  });

  it('nfsd and fusectl are not nfs', () => {
    expect(kernelNfsClient('nodev\tnfsd\nnodev\tfusectl\n', false).client).toBe('none');
    expect(kernelNfsClient('nodev\tnfs\n', false).client).toBe('kernel');
  });

  it('an answer that is not the probe\'s is no answer', () => {
    expect(parseNfsProbe('docker exec x course-nfs-client probe')).toBeUndefined();
    expect(parseNfsProbe('{"client":"maybe","reason":"x"}')).toBeUndefined();
    expect(parseNfsProbe('{"client":"kernel"}')).toBeUndefined();
  });

  it('says which client in both languages', () => {
    const fuse = describeNfsClient({ client: 'fuse', reason: 'x' });
    expect(fuse.en).toBe('NFS client: user space (FUSE, course-nfs-client, NFSv3): this kernel has none of its own');
    expect(fuse['zh-cn']).toContain('用户态');
    expect(describeNfsClient({ client: 'kernel', reason: 'x' })['zh-cn']).toContain('内核自带');
  });
});
