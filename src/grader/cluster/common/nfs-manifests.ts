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

/**
 * NFSv4 only (port 2049, no rpc.mountd/statd needed by clients), graceless so the first mount after
 * a start does not wait out a 90 s grace period, root not squashed so busybox (root) can write.
 * The export lives in a subdirectory so Ganesha's own recovery files stay invisible to clients.
 */
export const GANESHA_CONF = `NFS_CORE_PARAM {
    Protocols = 4;
    NFS_Port = 2049;
    Enable_NLM = false;
    Enable_RQUOTA = false;
    fsid_device = true;
}

NFSV4 {
    Graceless = true;
}

EXPORT {
    Export_Id = 1;
    Path = "/export/share";
    Pseudo = "/";
    Access_Type = RW;
    Squash = No_Root_Squash;
    Protocols = 4;
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
  'exec ganesha.nfsd -F -L /dev/stdout -p /var/run/ganesha.pid -f /etc/course-ganesha/ganesha.conf',
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
                ports: [{ name: 'nfs', containerPort: 2049, protocol: 'TCP' }],
                // The capabilities the upstream deployment grants (deploy/kubernetes/deployment.yaml).
                securityContext: { capabilities: { add: ['DAC_READ_SEARCH', 'SYS_RESOURCE'] } },
                readinessProbe: { tcpSocket: { port: 2049 }, periodSeconds: 2, failureThreshold: 1 },
                volumeMounts: [
                  { name: 'export', mountPath: '/export' },
                  { name: 'config', mountPath: '/etc/course-ganesha', readOnly: true },
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
      spec: { clusterIP: NFS_CLUSTER_IP, selector: NFS_APP_LABEL, ports: [{ name: 'nfs', port: 2049, targetPort: 2049, protocol: 'TCP' }] },
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
