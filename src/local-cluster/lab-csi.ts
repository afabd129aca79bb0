/**
 * The course's CSI stack on a lab cluster (kind's "course" from lab/kind-course.yaml, or the
 * walk-through capture's own lab): the same images, manifest and checks as cluster:up's `csi`
 * step (csi.ts), taken from what the last `npm run cluster:up` built and recorded in its state.
 * Contract: rejects with StepFailedError, in the user's language, when there is nothing to install
 * from (no state, or one written before the course had a CSI driver) or when the install fails;
 * the cluster's own kubeconfig file is used and nothing else is changed on the machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { fill, type Lang } from '../i18n/lang.ts';
import { clusterPaths } from './paths.ts';
import { installCsi, loadCsiImages, type CsiInstall } from './csi.ts';
import { msg } from './messages.ts';
import { runSteps, StepFailedError, type ProgressIo, type StepContext } from './run-steps.ts';
import type { ClusterState } from './state.ts';
import { readVersions } from './versions.ts';

export interface LabCsiOptions {
  root: string;
  /** The state of the last `npm run cluster:up` (readState), undefined when there is none. */
  state: ClusterState | undefined;
  /** A kubeconfig file for the lab cluster. */
  kubeconfig: string;
  io: ProgressIo;
  /** Where the step's log goes. */
  logsDir: string;
  signal: AbortSignal;
}

/** Installs the CSI stack on the lab cluster of o.kubeconfig, as one progress step. */
export async function installLabCsi(o: LabCsiOptions): Promise<void> {
  if (!o.state?.csi) throw new StepFailedError('csi', [msg.labCsiNoBuild[o.io.lang]]);
  await runSteps([{ id: 'csi', title: msg.csi, coldEstimate: '1 min', retryHint: msg.labCsiRetryHint, run: (ctx) => installCsi(...csiCall(o, ctx)) }], o.io, o.logsDir, o.signal);
}

/**
 * Only the images of the stack, into every node of the lab cluster (loadCsiImages): no progress
 * lines and no API object, so it may run in the background while lessons without the driver run
 * on the same cluster; a later installLabCsi then only checks them. Rejects as installLabCsi does.
 */
export async function preloadLabCsiImages(o: Omit<LabCsiOptions, 'io'> & { lang: Lang }): Promise<void> {
  if (!o.state?.csi) throw new StepFailedError('csi', [msg.labCsiNoBuild[o.lang]]);
  const quiet = { err: { write: () => undefined }, isTTY: false, lang: o.lang };
  await runSteps([{ id: 'csi-images', title: msg.csi, run: (ctx) => loadCsiImages(...csiCall({ ...o, io: quiet }, ctx)).then(() => undefined) }], quiet, o.logsDir, o.signal);
}

/** installCsi's arguments for the lab cluster: the build cluster:up recorded, its kubectl, and the course's own Docker engine, where kind made the nodes. */
function csiCall(o: LabCsiOptions, ctx: StepContext): [CsiInstall, StepContext] {
  const lang: Lang = o.io.lang;
  const state = o.state;
  if (!state?.csi) throw new StepFailedError('csi', [msg.labCsiNoBuild[lang]]);
  const csi = state.csi;
  return [
    { root: o.root, kubectl: join(state.bin, 'kubectl'), kubeconfig: o.kubeconfig, versions: readVersions(o.root), gomodcache: csi.gomodcache, imagesDir: csi.imagesDir, driverImage: csi.driverImage, lang },
    { ...ctx, exec: (cmd) => ctx.exec({ ...cmd, env: { ...cmd.env, ...(state.dockerHost ? { DOCKER_HOST: state.dockerHost } : {}) } }) },
  ];
}

/**
 * `npm run lab:csi [-- --name NAME]`: installs the CSI stack on the student's own kind cluster
 * (default "course", made with `kind create cluster --config lab/kind-course.yaml`) with the kind
 * that cluster:up built. Resolves to the exit code: 0 installed, 3 nothing to install from or no
 * such cluster, 1 the install failed.
 */
export async function labCsiCommand(o: { root: string; name: string; env: Record<string, string | undefined>; io: ProgressIo & { out: { write(text: string): unknown } }; state: ClusterState | undefined; signal: AbortSignal }): Promise<number> {
  const lang = o.io.lang;
  if (!o.state?.csi) {
    o.io.err.write(`${msg.labCsiNoBuild[lang]}\n`);
    return 3;
  }
  const env = { ...o.env, PATH: `${o.state.bin}:${o.env.PATH ?? ''}`, ...(o.state.dockerHost ? { DOCKER_HOST: o.state.dockerHost } : {}) };
  const kind = join(o.state.bin, 'kind');
  const clusters = await execa(kind, ['get', 'clusters'], { env, reject: false });
  if (!String(clusters.stdout ?? '').split('\n').map((l) => l.trim()).includes(o.name)) {
    o.io.err.write(`${fill(msg.labCsiNoCluster, { name: o.name })[lang]}\n`);
    return 3;
  }
  const work = mkdtempSync(join(tmpdir(), 'lab-csi-'));
  try {
    const kubeconfig = join(work, 'kubeconfig');
    const got = await execa(kind, ['get', 'kubeconfig', '--name', o.name], { env, reject: false });
    if (got.exitCode !== 0) {
      o.io.err.write(`${fill(msg.labCsiNoCluster, { name: o.name })[lang]}\n${String(got.stderr ?? '')}\n`);
      return 3;
    }
    writeFileSync(kubeconfig, String(got.stdout));
    try {
      await installLabCsi({ root: o.root, state: o.state, kubeconfig, io: o.io, logsDir: join(clusterPaths(o.env).logs, `lab-csi-${o.name}`), signal: o.signal });
    } catch (err) {
      if (err instanceof StepFailedError) {
        o.io.err.write(`\n${err.lines.join('\n')}\n`);
        return 1;
      }
      throw err;
    }
    o.io.out.write(`${fill(msg.labCsiDone, { name: o.name })[lang]}\n`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
