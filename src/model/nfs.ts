/**
 * NFS servers and how a node mounts from them. The model has no NFS server until one is
 * installed (the grader's fixture): an export of "/" at a Service ClusterIP. Mounting follows
 * what a node's mount.nfs does: the server name is resolved with the node's own resolver (no
 * cluster DNS, so any DNS name fails), an address with no server times out, a path outside the
 * exports is denied, a missing directory is "No such file or directory".
 */
import { NFS_SERVER_IP, isIPv4 } from './cluster-facts.ts';
import { MemFs, isUnder, normalizePath } from './filesystem.ts';
import type { ModelState } from './state.ts';
import { touch } from './state.ts';
import type { K8sObject } from './types.ts';

export interface NfsInstallOptions {
  namespace?: string;
  name?: string;
  ip?: string;
}

/** The Service object that fronts the course NFS server. */
export function nfsServiceObject(namespace: string, name: string, ip: string): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      type: 'ClusterIP',
      clusterIP: ip,
      ports: [
        { name: 'nfs', port: 2049, protocol: 'TCP' },
        { name: 'mountd', port: 20048, protocol: 'TCP' },
        { name: 'rpcbind', port: 111, protocol: 'UDP' },
      ],
      selector: { app: name },
    },
  };
}

/** Registers the server's disk (exporting "/") at ip; the caller creates the Service. Idempotent. */
export function registerNfsServer(state: ModelState, opts: Required<NfsInstallOptions>): void {
  if (state.nfs.has(opts.ip)) return;
  state.nfs.set(opts.ip, { ip: opts.ip, fs: new MemFs(), exports: ['/'], service: { namespace: opts.namespace, name: opts.name } });
  touch(state);
}

/** Forgets servers whose Service is gone (the server pod and its disk went with it). */
export function collectNfsServers(state: ModelState): void {
  for (const [ip, server] of state.nfs) {
    const svc = state.store.get('Service', server.service.namespace, server.service.name);
    if (!svc || svc.spec?.clusterIP !== ip || svc.metadata.deletionTimestamp) {
      state.nfs.delete(ip);
      touch(state);
    }
  }
}

export type NfsMount = { ok: true; fs: MemFs; path: string } | { ok: false; output: string };

/** Mounts server:path as a node would; output is mount.nfs's error text on failure. */
export function mountNfs(state: ModelState, server: string, path: string): NfsMount {
  if (!isIPv4(server)) return { ok: false, output: `mount.nfs: Failed to resolve server ${server}: Name or service not known` };
  const nfs = state.nfs.get(server);
  if (!nfs) return { ok: false, output: 'mount.nfs: Connection timed out' };
  const p = normalizePath(path || '/');
  if (!nfs.exports.some((e) => isUnder(p, e))) return { ok: false, output: `mount.nfs: access denied by server while mounting ${server}:${path}` };
  if (nfs.fs.stat(p) !== 'dir') return { ok: false, output: `mount.nfs: mounting ${server}:${path} failed, reason given by server: No such file or directory` };
  return { ok: true, fs: nfs.fs, path: p };
}

/** The default install options of the course fixture. */
export function defaultNfsOptions(opts: NfsInstallOptions = {}): Required<NfsInstallOptions> {
  return { namespace: opts.namespace ?? 'default', name: opts.name ?? 'nfs-server', ip: opts.ip ?? NFS_SERVER_IP };
}
