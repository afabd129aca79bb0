/**
 * The lesson-3 fixture: an in-cluster NFS server behind the fixed ClusterIP 10.96.100.100,
 * exporting "/" (NFSv4 pseudo root) from an emptyDir.
 *
 * Server choice: NFS-Ganesha, a userspace NFS server, so no `nfsd` kernel module is needed on the
 * host (kernel nfsd in a pod needs `modprobe nfsd` on the Docker host, which Docker Desktop users
 * cannot always do). The image is the kubernetes-sigs nfs-ganesha-server-and-external-provisioner
 * image; we run ganesha.nfsd directly with our own config (rpcbind and dbus first, as the image's
 * own entrypoint does in pkg/server/server.go), not its provisioner, so no RBAC and no dynamic
 * exports are involved. Evidence and caveats: docs/real-cluster.md and the helper report.
 */
import type { K8sObject } from '../cluster.ts';
import { FIXTURE_NAMESPACE, HELPER_IMAGE, MANAGED_LABEL, PSA_PRIVILEGED } from './labels.ts';

export const NFS_IMAGE = 'registry.k8s.io/sig-storage/nfs-provisioner:v4.0.8';
export const NFS_CLUSTER_IP = '10.96.100.100';
export const NFS_APP_LABEL = { 'app.kubernetes.io/name': 'course-nfs-server' };
export const NFS_NAME = 'nfs-server';
/** What the Service exposes: NFS (v3 and v4), rpcbind and MOUNT (both for NFSv3 clients). */
export const NFS_PORTS = [
  { name: 'nfs', port: 2049 },
  { name: 'rpcbind', port: 111 },
  { name: 'mountd', port: 20048 },
] as const;

/**
 * NFSv4 for kernels with an NFS client, NFSv3 for the course's user-space client (cluster/nfs-fuse,
 * on nodes whose kernel has none): rpcbind answers on 111 and MOUNT listens on 20048, and MOUNT
 * looks exports up by their pseudo path (Mount_Path_Pseudo), so `path: /` names the same export
 * under both versions and the server-side path is refused under both. Graceless, so the first
 * mount after a start does not wait out a 90 s grace period; root not squashed, so busybox (root)
 * can write; a squashed user would be 65534, as with the kernel's nfsd. The export lives in a
 * subdirectory so Ganesha's own recovery files stay invisible to clients.
 */
export const GANESHA_CONF = `NFS_CORE_PARAM {
    Protocols = 3, 4;
    NFS_Port = 2049;
    MNT_Port = 20048;
    Enable_NLM = false;
    Enable_RQUOTA = false;
    fsid_device = true;
    Mount_Path_Pseudo = true;       # NFSv3 MOUNT finds exports by their Pseudo path too
}

NFSV4 {
    Graceless = true;
}

EXPORT {
    Export_Id = 1;
    Path = "/export/share";         # where the files are, inside the server
    Pseudo = "/";                   # the path clients mount
    Access_Type = RW;
    Squash = No_Root_Squash;        # root in a Pod stays root; Root_Squash would map it to 65534
    Anonymous_Uid = 65534;
    Anonymous_Gid = 65534;
    Protocols = 3, 4;
    Transports = TCP;
    SecType = sys;
    Disable_ACL = true;
    FSAL {
        Name = VFS;
    }
}
`;

/** The container's start script: the same daemons the image's provisioner starts, then Ganesha in the foreground. */
export const GANESHA_START = [
  'set -e',
  'mkdir -p /export/share /var/run/dbus',
  'chmod 0777 /export/share',
  '/usr/sbin/rpcbind -w',
  'dbus-daemon --system --nopidfile',
  'echo "course NFS server: starting ganesha"',
  'exec ganesha.nfsd -F -L /dev/stdout -p /var/run/ganesha.pid -f /etc/nfs-server/ganesha.conf',
].join('\n');

/** Namespace, ConfigMap, Deployment and Service of the NFS server. */
export function nfsServerObjects(): K8sObject[] {
  const meta = (name: string) => ({ name, namespace: FIXTURE_NAMESPACE, labels: { ...NFS_APP_LABEL, [MANAGED_LABEL]: 'true' } });
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: FIXTURE_NAMESPACE,
        labels: { [MANAGED_LABEL]: 'true', ...PSA_PRIVILEGED },
      },
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('nfs-server-config'), data: { 'ganesha.conf': GANESHA_CONF } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(NFS_NAME),
      spec: {
        replicas: 1,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: NFS_APP_LABEL },
        template: {
          metadata: { labels: NFS_APP_LABEL },
          spec: {
            terminationGracePeriodSeconds: 5,
            containers: [
              {
                name: 'ganesha',
                image: NFS_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                command: ['/bin/sh', '-c', GANESHA_START],
                ports: NFS_PORTS.map(({ name, port }) => ({ name, containerPort: port, protocol: 'TCP' })),
                // Ganesha's VFS back end opens files by handle (open_by_handle_at), which needs
                // DAC_READ_SEARCH. The upstream deployment also grants SYS_RESOURCE (to raise its open
                // file limit): left out, since a machine without it (this project's CI) cannot start
                // the container at all ("unable to apply caps"), and Ganesha runs with the default limit.
                securityContext: { capabilities: { add: ['DAC_READ_SEARCH'] } },
                readinessProbe: { tcpSocket: { port: 2049 }, periodSeconds: 2, failureThreshold: 1 },
                volumeMounts: [
                  { name: 'export', mountPath: '/export' },
                  { name: 'config', mountPath: '/etc/nfs-server', readOnly: true },
                ],
              },
            ],
            volumes: [
              { name: 'export', emptyDir: {} },
              { name: 'config', configMap: { name: 'nfs-server-config' } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(NFS_NAME),
      spec: { clusterIP: NFS_CLUSTER_IP, selector: NFS_APP_LABEL, ports: NFS_PORTS.map(({ name, port }) => ({ name, port, targetPort: port, protocol: 'TCP' })) },
    },
  ];
}

/** A pod that mounts 10.96.100.100:/ like a student's pod would, writes, reads back and removes a file. */
export function nfsProbePod(name: string): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: FIXTURE_NAMESPACE, labels: { [MANAGED_LABEL]: 'true', 'storage-course/probe': 'nfs' } },
    spec: {
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: 'probe',
          image: HELPER_IMAGE,
          command: ['sh', '-c', 'set -e; f="/mnt/.course-probe-$(hostname)"; echo ok > "$f"; test "$(cat "$f")" = ok; rm -f "$f"; echo "NFS mount OK"'],
          volumeMounts: [{ name: 'nfs', mountPath: '/mnt' }],
        },
      ],
      volumes: [{ name: 'nfs', nfs: { server: NFS_CLUSTER_IP, path: '/' } }],
    },
  };
}
