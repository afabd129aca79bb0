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
import { NFS_APP_LABEL, NFS_CLUSTER_IP, NFS_IMAGE, NFS_NAME, nfsProbePod, nfsServerObjects } from './nfs-manifests.ts';
import { mountProblem, parseList, parsePodView } from './parse.ts';
import { pollUntil } from './poll.ts';

export const SERVER_READY_TIMEOUT_MS = 240_000;
export const PROBE_TIMEOUT_MS = 120_000;
export const NAMESPACE_GONE_TIMEOUT_MS = 120_000;

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
  // A namespace being deleted (its last user's cleanup, or a hand-made delete) accepts no new
  // objects: wait until it is gone, then make it again.
  if (existing?.metadata.deletionTimestamp) {
    ctx.note(`note: namespace ${FIXTURE_NAMESPACE} is being deleted; waiting until it is gone`);
    const gone = await pollUntil(async () => ((await kube.get('Namespace', FIXTURE_NAMESPACE)) ? undefined : true), {
      timeoutMs: NAMESPACE_GONE_TIMEOUT_MS,
      intervalMs: 1_000,
      clock: ctx.clock,
      signal: ctx.signal,
    });
    if (!gone) throw new ClusterUnavailableError(fill(msg.namespaceStuck, { namespace: FIXTURE_NAMESPACE, seconds: NAMESPACE_GONE_TIMEOUT_MS / 1000 }), msg.nfsHint);
  }
  await applyServer(ctx);
  await ctx.onApplied?.();
  await waitForServer(ctx);
  await probe(ctx);
}

/** How many times the server objects are applied when another run's install raced this one. */
export const APPLY_ATTEMPTS = 3;

/**
 * Applies the server objects. Two runs installing at once (two students on one cluster, or the
 * test suite's concurrent cases) both find no Service, and both `kubectl apply`s create one: the
 * API server allocates the fixed ClusterIP before it checks the name, so the later create is
 * refused with "provided IP is already allocated" (or AlreadyExists). When the course's own
 * Service then holds the IP, the race was lost to a twin install, and applying again patches it.
 * Any other refusal, or the IP held by a Service of someone else's, is the cluster's problem.
 */
async function applyServer(ctx: FixtureContext): Promise<void> {
  const { kube } = ctx;
  for (let attempt = 1; ; attempt++) {
    try {
      await kube.apply(nfsServerObjects(), ctx.signal);
      return;
    } catch (err) {
      if (!(err instanceof ApplyError)) throw err;
      if (attempt < APPLY_ATTEMPTS && (await lostToTwinInstall(kube, err))) {
        ctx.note(`note: another run installed the NFS server at the same moment (${err.message.trim().split('\n')[0]}); applying again`);
        await ctx.clock.sleep(1_000, ctx.signal);
        continue;
      }
      const ipProblem = /IP|range|allocated/i.test(err.message);
      throw new ClusterUnavailableError(fill(msg.nfsApplyFailed, { detail: err.message }), ipProblem ? msg.nfsIpHint : msg.nfsHint);
    }
  }
}

/** True when the refusal is a create conflict and the course's Service now holds the fixed IP. */
async function lostToTwinInstall(kube: Kube, err: ApplyError): Promise<boolean> {
  if (!/already allocated|AlreadyExists|already exists/.test(err.message)) return false;
  const service = await kube.get('Service', NFS_NAME, FIXTURE_NAMESPACE);
  return (service?.spec as { clusterIP?: string } | undefined)?.clusterIP === NFS_CLUSTER_IP;
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
      if (pods.find((p) => p.phase === 'Running' && p.containers.every((c) => c.ready))) return 'ready' as const;
      // A server that cannot start (or keeps crashing) will not be ready by waiting longer.
      return last?.containers.some((c) => STUCK.has(c.reason ?? '')) ? ('stuck' as const) : undefined;
    },
    { timeoutMs: SERVER_READY_TIMEOUT_MS, intervalMs: 2_000, clock: ctx.clock, signal: ctx.signal },
  );
  if (ready === 'ready') return;
  const pulled = last && imageProblem(last);
  if (pulled) {
    throw new ClusterUnavailableError(
      fill(msg.imagePullFailed, { image: NFS_IMAGE, reason: pulled.reason, detail: pulled.message }),
      fill(msg.imagePullHint, { image: NFS_IMAGE }),
    );
  }
  const logs = last ? (await kube.run(kube.args.logs(last.name, 'ganesha', false, FIXTURE_NAMESPACE), { reject: false })).stdout.trim() : '';
  const waiting = last?.containers.find((c) => c.reason);
  const warnings = last ? await warningEvents(kube, last.name) : [];
  const state = last
    ? [`pod ${last.name} ${last.phase}${waiting ? ` (${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''})` : last.reason ? ` (${last.reason}: ${last.message ?? ''})` : ''}`, ...warnings].join('\n')
    : 'no server pod was created';
  if (ready === 'stuck') {
    throw new ClusterUnavailableError(fill(msg.nfsCannotStart, { detail: `${state}${logs ? `\n${logs.split('\n').slice(-15).join('\n')}` : ''}` }), msg.nfsHint);
  }
  throw new ClusterUnavailableError(
    fill(msg.nfsNotReady, { seconds: SERVER_READY_TIMEOUT_MS / 1000, detail: `${state}${logs ? `\n${logs.split('\n').slice(-15).join('\n')}` : ''}` }),
    msg.nfsHint,
  );
}

/** Waiting reasons of a container that waiting longer will not cure. */
const STUCK = new Set(['CrashLoopBackOff', 'RunContainerError', 'CreateContainerError', 'CreateContainerConfigError']);

/** The last few Warning events of a fixture Pod, as "reason: message" lines. */
async function warningEvents(kube: Kube, pod: string): Promise<string[]> {
  const events = await kube.run(kube.args.events('Pod', pod, FIXTURE_NAMESPACE), { reject: false });
  if (events.exitCode !== 0) return [];
  return parseList(events.stdout)
    .filter((e) => e.type === 'Warning')
    .slice(-3)
    .map((e) => `${String(e.reason ?? '')}: ${String(e.message ?? '')}`);
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
