/**
 * The `csi` step of `npm run cluster:up`: the course's CSI stack on the running cluster
 * (cluster/csi/course-csi.yaml): its images loaded into every node, the snapshot CRDs from the
 * external-snapshotter module, the driver's DaemonSet with the CSI sidecars, the snapshot
 * controller, the StorageClass course-csi, the VolumeSnapshotClass course-snapclass and two
 * VolumeAttributesClasses. Done means every node's CSINode lists the driver (the kubelet took its
 * registration), not only that the Pods run.
 * Contract: idempotent (apply, and images a node already has are not loaded again); rejects with a
 * StepFailedError naming what did not come up, in the user's language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { pollUntil } from '../grader/cluster/common/poll.ts';
import { fill, type Lang, type Localized } from '../i18n/lang.ts';
import { CSI_DRIVER_NAME, CSI_NAMESPACE } from '../course-csi.ts';
import { msg } from './messages.ts';
import type { StepContext } from './run-steps.ts';
import { StepFailedError } from './run-steps.ts';
import type { Versions } from './versions.ts';

export { CSI_DRIVER_NAME, CSI_NAMESPACE } from '../course-csi.ts';
/** The snapshot CRDs, as the external-snapshotter client module ships them (config/crd). */
export const SNAPSHOT_CRDS = ['volumesnapshotclasses', 'volumesnapshotcontents', 'volumesnapshots'].map((k) => `snapshot.storage.k8s.io_${k}.yaml`);

/** cluster/csi/course-csi.yaml with the driver's image and the sidecars' versions filled in. */
export function csiManifest(root: string, driverImage: string, v: Versions): string {
  const text = readFileSync(join(root, 'cluster', 'csi', 'course-csi.yaml'), 'utf8')
    .replaceAll('DRIVER_IMAGE', driverImage)
    .replaceAll('CSI_PROVISIONER_VERSION', v.CSI_PROVISIONER_VERSION)
    .replaceAll('CSI_ATTACHER_VERSION', v.CSI_ATTACHER_VERSION)
    .replaceAll('CSI_RESIZER_VERSION', v.CSI_RESIZER_VERSION)
    .replaceAll('CSI_SNAPSHOTTER_VERSION', v.CSI_SNAPSHOTTER_VERSION);
  return text;
}

/** The directory of the snapshot CRDs in the Go module cache. */
export function snapshotCrdDir(gomodcache: string, v: Versions): string {
  return join(gomodcache, 'github.com', 'kubernetes-csi', 'external-snapshotter', 'client', `v8@${v.CSI_SNAPSHOTTER_VERSION}`, 'config', 'crd');
}

/** Node names whose CSINode (`kubectl get csinode -o json`) does not list the driver. */
export function nodesWithoutDriver(csinodes: string, nodes: string[]): string[] {
  const list = JSON.parse(csinodes) as { items: { metadata: { name: string }; spec?: { drivers?: { name: string }[] | null } }[] };
  const have = new Set(list.items.filter((n) => (n.spec?.drivers ?? []).some((d) => d.name === CSI_DRIVER_NAME)).map((n) => n.metadata.name));
  return nodes.filter((n) => !have.has(n));
}

export interface CsiInstall {
  root: string;
  kubectl: string;
  kubeconfig: string;
  versions: Versions;
  gomodcache: string;
  imagesDir: string;
  driverImage: string;
  lang: Lang;
}

/** kubectl on the cluster of o.kubeconfig, its output in the step's log; rejects with a StepFailedError that quotes the output's end. */
function kubectlFor(o: CsiInstall, ctx: StepContext) {
  return async (args: string[], input?: string, timeout = 200_000): Promise<string> => {
    ctx.log(`$ kubectl ${args.join(' ')}`);
    const r = await execa(o.kubectl, ['--kubeconfig', o.kubeconfig, ...args], { input, reject: false, cancelSignal: ctx.signal, timeout, all: true });
    ctx.log(r.all ?? '');
    if (r.exitCode !== 0) throw new StepFailedError('csi', [fill(msg.csiCommandFailed, { command: `kubectl ${args.join(' ')}`, output: (r.all ?? '').trim().split('\n').slice(-6).join('\n') })[o.lang]]);
    return r.stdout;
  };
}

/**
 * Loads the stack's images into every node of the cluster (load-images.sh), and nothing else: no
 * API object changes, so it may run while something else uses the cluster. Resolves to the nodes.
 */
export async function loadCsiImages(o: CsiInstall, ctx: StepContext): Promise<string[]> {
  const k = kubectlFor(o, ctx);
  const nodes = (await k(['get', 'nodes', '-o', 'jsonpath={.items[*].metadata.name}'])).trim().split(/\s+/).filter(Boolean);
  await ctx.exec({ file: 'bash', args: [join(o.root, 'cluster', 'build', 'load-images.sh'), o.imagesDir, ...nodes] });
  return nodes;
}

/** The whole stack; images a node already has (an earlier loadCsiImages) are only checked, not loaded again. */
export async function installCsi(o: CsiInstall, ctx: StepContext): Promise<Localized> {
  const k = kubectlFor(o, ctx);
  const nodes = await loadCsiImages(o, ctx);

  const crds = snapshotCrdDir(o.gomodcache, o.versions);
  await ctx.exec({ file: 'go', args: ['mod', 'download', `github.com/kubernetes-csi/external-snapshotter/client/v8@${o.versions.CSI_SNAPSHOTTER_VERSION}`] });
  await k(['apply', ...SNAPSHOT_CRDS.flatMap((f) => ['-f', join(crds, f)])]);
  await k(['wait', '--for=condition=Established', '--timeout=60s', ...SNAPSHOT_CRDS.map((f) => `crd/${f.replace(/^snapshot\.storage\.k8s\.io_(.*)\.yaml$/, '$1.snapshot.storage.k8s.io')}`)]);
  await k(['apply', '-f', '-'], csiManifest(o.root, o.driverImage, o.versions));
  await k(['-n', CSI_NAMESPACE, 'rollout', 'status', 'daemonset/course-csi-node', '--timeout=180s']);
  await k(['-n', CSI_NAMESPACE, 'rollout', 'status', 'deployment/snapshot-controller', '--timeout=180s']);

  // The kubelet lists the driver in the node's CSINode once it took the driver's registration.
  let missing = nodes;
  await pollUntil(
    async () => {
      missing = nodesWithoutDriver(await k(['get', 'csinode', '-o', 'json']), nodes);
      return missing.length === 0 ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 1_500, signal: ctx.signal },
  );
  if (missing.length) throw new StepFailedError('csi', [fill(msg.csiNotRegistered, { nodes: missing.join(', '), driver: CSI_DRIVER_NAME })[o.lang]]);
  return fill(msg.csiReady, { driver: CSI_DRIVER_NAME, nodes: nodes.length });
}
