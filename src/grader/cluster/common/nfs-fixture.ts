/**
 * Installs the lesson-3 NFS server and waits until it really serves: the server pod is Ready and a
 * probe pod on a node mounted 10.96.100.100:/, wrote a file and read it back. Every failure here is
 * the grader's or the cluster's (ClusterUnavailableError), never the student's.
 */
import { ApplyError, ClusterUnavailableError, type Clock, type PodView } from '../cluster.ts';
import { fill } from '../../../i18n/lang.ts';
import type { Kube } from './kube.ts';
import { FIXTURE_NAMESPACE, MANAGED_LABEL } from './labels.ts';
import { msg } from './messages.ts';
import { NFS_APP_LABEL, NFS_IMAGE, nfsProbePod, nfsServerObjects } from './nfs-manifests.ts';
import { mountProblem, parseList, parsePodView } from './parse.ts';
import { pollUntil } from './poll.ts';

export const SERVER_READY_TIMEOUT_MS = 240_000;
export const PROBE_TIMEOUT_MS = 120_000;

export interface FixtureContext {
  kube: Kube;
  clock: Clock;
  signal?: AbortSignal;
  note: (line: string) => void;
  /** Called as soon as the server's objects are applied (the fixture namespace exists), before the waits. */
  onApplied?: () => Promise<void>;
}

/** Installs (or finds) the NFS server and proves it serves. */
export async function installNfsServer(ctx: FixtureContext): Promise<void> {
  const { kube } = ctx;
  const existing = await kube.get('Namespace', FIXTURE_NAMESPACE);
  if (existing && existing.metadata.labels?.[MANAGED_LABEL] !== 'true') {
    throw new ClusterUnavailableError(fill(msg.foreignNamespace, { namespace: FIXTURE_NAMESPACE }), msg.foreignNamespaceHint);
  }
  try {
    await kube.apply(nfsServerObjects(), ctx.signal);
  } catch (err) {
    if (!(err instanceof ApplyError)) throw err;
    const ipProblem = /IP|range|allocated/i.test(err.message);
    throw new ClusterUnavailableError(fill(msg.nfsApplyFailed, { detail: err.message }), ipProblem ? msg.nfsIpHint : msg.nfsHint);
  }
  await ctx.onApplied?.();
  await waitForServer(ctx);
  await probe(ctx);
}

function imageProblem(view: PodView): { reason: string; message: string } | undefined {
  const c = view.containers.find((x) => x.reason === 'ErrImagePull' || x.reason === 'ImagePullBackOff' || x.reason === 'InvalidImageName');
  return c ? { reason: c.reason ?? '', message: c.message ?? '' } : undefined;
}

async function waitForServer(ctx: FixtureContext): Promise<void> {
  const { kube } = ctx;
  let last: PodView | undefined;
  const ready = await pollUntil(
    async () => {
      const pods = (await kube.list('Pod', NFS_APP_LABEL, FIXTURE_NAMESPACE)).map(parsePodView).filter((p) => !p.terminating);
      last = pods[0];
      return pods.find((p) => p.phase === 'Running' && p.containers.every((c) => c.ready)) ? true : undefined;
    },
    { timeoutMs: SERVER_READY_TIMEOUT_MS, intervalMs: 2_000, clock: ctx.clock, signal: ctx.signal },
  );
  if (ready) return;
  const pulled = last && imageProblem(last);
  if (pulled) {
    throw new ClusterUnavailableError(
      fill(msg.imagePullFailed, { image: NFS_IMAGE, reason: pulled.reason, detail: pulled.message }),
      fill(msg.imagePullHint, { image: NFS_IMAGE }),
    );
  }
  const logs = last ? (await kube.run(kube.args.logs(last.name, 'ganesha', false, FIXTURE_NAMESPACE), { reject: false })).stdout.trim() : '';
  const state = last ? `pod ${last.name} ${last.phase}${last.reason ? ` (${last.reason}: ${last.message ?? ''})` : ''}` : 'no server pod was created';
  throw new ClusterUnavailableError(
    fill(msg.nfsNotReady, { seconds: SERVER_READY_TIMEOUT_MS / 1000, detail: `${state}${logs ? `\n${logs.split('\n').slice(-15).join('\n')}` : ''}` }),
    msg.nfsHint,
  );
}

async function probe(ctx: FixtureContext): Promise<void> {
  const { kube } = ctx;
  const name = `nfs-probe-${Math.random().toString(36).slice(2, 8)}`;
  await kube.apply([nfsProbePod(name)], ctx.signal);
  ctx.note(`note: NFS probe pod ${FIXTURE_NAMESPACE}/${name} mounts 10.96.100.100:/`);
  let detail = 'the probe pod did not finish';
  try {
    const done = await pollUntil(
      async () => {
        const view = await kube.get('Pod', name, FIXTURE_NAMESPACE).then((o) => (o ? parsePodView(o) : undefined));
        if (!view) return undefined;
        if (view.phase === 'Succeeded') return 'ok' as const;
        if (view.phase === 'Failed') {
          detail = (await kube.run(kube.args.logs(name, 'probe', false, FIXTURE_NAMESPACE), { reject: false })).stdout.trim() || 'the probe pod failed';
          return 'failed' as const;
        }
        const events = await kube.run(kube.args.events('Pod', name, FIXTURE_NAMESPACE), { reject: false });
        const problem = events.exitCode === 0 ? mountProblem(parseList(events.stdout), name) : undefined;
        const pulled = imageProblem(view);
        if (problem) detail = `${problem.reason}: ${problem.message}`;
        else if (pulled) detail = `${pulled.reason}: ${pulled.message}`;
        return undefined;
      },
      { timeoutMs: PROBE_TIMEOUT_MS, intervalMs: 2_000, clock: ctx.clock, signal: ctx.signal },
    );
    if (done !== 'ok') throw new ClusterUnavailableError(fill(msg.nfsNotServing, { detail }), msg.nfsHint);
  } finally {
    await kube.run(kube.args.delete('Pod', name, { wait: false, namespace: FIXTURE_NAMESPACE }), { reject: false });
  }
}
