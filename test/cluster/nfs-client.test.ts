/**
 * NFS permissions as lesson 3 teaches them, on the real cluster, through whatever NFS client its
 * nodes mount with (here the course's user-space client, course-nfs-client; on a kernel with an
 * NFS client, the kernel's): the course's own NFS-Ganesha image, configured like the grader's
 * fixture but with root squashed. Root in a Pod writes as 65534 and is refused in a directory
 * only root may write; a Pod running as uid 1000 writes as 1000. The grader's fixture does not
 * squash root, so only this test shows squashing on a real mount.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { K8sObject } from '../../src/grader/cluster/cluster.ts';
import { GANESHA_CONF, nfsServerObjects } from '../../src/grader/cluster/common/nfs-manifests.ts';
import { useCluster } from './harness.ts';

const cluster = useCluster();
const ns = `course-ct-nfs-squash-${Date.now().toString(36)}`;

function kubectl(args: string[], input?: string): string {
  return execFileSync(`${cluster.bin}/kubectl`, ['--kubeconfig', cluster.kubeconfig!, ...args], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** kubectl exec that never throws: exit code and both streams. */
function exec(pod: string, script: string): { code: number; out: string } {
  try {
    return { code: 0, out: kubectl(['-n', ns, 'exec', pod, '--', 'sh', '-c', script]) };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** The fixture's server, in this test's namespace, with Root_Squash. */
function squashingServer(): K8sObject[] {
  const [, config, deployment] = nfsServerObjects();
  const conf = GANESHA_CONF.replace(/Squash = No_Root_Squash;[^\n]*/, 'Squash = Root_Squash;');
  expect(conf).not.toBe(GANESHA_CONF);
  const meta = (name: string) => ({ name, namespace: ns });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } },
    { ...config, metadata: meta('nfs-server-config'), data: { 'ganesha.conf': conf } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { ...meta('server'), labels: { app: 'squash-server' } }, spec: deployment.spec.template.spec },
  ];
}

function client(name: string, serverIp: string, runAsUser?: number): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns },
    spec: {
      terminationGracePeriodSeconds: 1,
      ...(runAsUser ? { securityContext: { runAsUser, runAsGroup: runAsUser } } : {}),
      containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], volumeMounts: [{ name: 'nfs', mountPath: '/mnt' }] }],
      volumes: [{ name: 'nfs', nfs: { server: serverIp, path: '/' } }],
    },
  };
}

const apply = (objects: K8sObject[]) => kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
const waitReady = (pods: string[]) => kubectl(['-n', ns, 'wait', '--for=condition=Ready', ...pods.map((p) => `pod/${p}`), '--timeout=180s']);

describe.skipIf(!cluster.available || cluster.nfsClient?.client === 'none')('NFS permissions through the nodes\' NFS client', () => {
  afterAll(() => {
    if (cluster.available) kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
  });

  it('root squashed to 65534, refused where only root may write; uid 1000 writes as 1000', { timeout: 300_000 }, () => {
    apply(squashingServer());
    waitReady(['server']);
    const ip = kubectl(['-n', ns, 'get', 'pod', 'server', '-o', 'jsonpath={.status.podIP}']).trim();
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    // A directory of root's on the server, writable by root alone.
    expect(exec('server', 'mkdir -p /export/share/root-only && chmod 0755 /export/share/root-only').code).toBe(0);
    apply([client('as-root', ip), client('as-1000', ip, 1000)]);
    waitReady(['as-root', 'as-1000']);

    expect(exec('as-root', 'echo x > /mnt/by-root && stat -c %u:%g /mnt/by-root')).toEqual({ code: 0, out: '65534:65534\n' });
    const refused = exec('as-root', 'echo x > /mnt/root-only/f');
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('Permission denied');
    expect(exec('as-1000', 'echo y > /mnt/by-1000 && stat -c %u:%g /mnt/by-1000')).toEqual({ code: 0, out: '1000:1000\n' });
    // The server holds the files under those owners, and nothing in the root-only directory.
    expect(exec('server', 'stat -c "%n %u" /export/share/by-root /export/share/by-1000; ls -A /export/share/root-only').out).toBe('/export/share/by-root 65534\n/export/share/by-1000 1000\n');
  });
});
