/**
 * Diagnostics after a failed step: describe, events, and container logs (previous instance too when
 * it restarted), gathered with Promise.allSettled so one broken collector never hides the others.
 */
import type { Diagnostic } from '../cluster.ts';
import { resourceFor } from './kinds.ts';
import type { Kube } from './kube.ts';
import { formatEvents, parseList } from './parse.ts';

/** Longest text kept per diagnostic (the tail is kept: the latest lines matter most). */
export const MAX_DIAGNOSTIC_CHARS = 6_000;

function clip(text: string): string {
  const t = text.trimEnd();
  return t.length <= MAX_DIAGNOSTIC_CHARS ? t : `...(${t.length - MAX_DIAGNOSTIC_CHARS} characters cut)\n${t.slice(-MAX_DIAGNOSTIC_CHARS)}`;
}

type Collector = { title: string; collect: () => Promise<string> };

function collectorsFor(kube: Kube, ref: { kind: string; name: string }): Collector[] {
  const label = `${resourceFor(ref.kind).split('.')[0]}/${ref.name}`;
  return [
    { title: `describe ${label}`, collect: async () => (await kube.run(kube.args.describe(ref.kind, ref.name))).stdout },
    { title: `events ${label}`, collect: async () => formatEvents(parseList((await kube.run(kube.args.events(ref.kind, ref.name))).stdout)) },
  ];
}

async function logCollectors(kube: Kube, pod: string): Promise<Collector[]> {
  const view = await kube.pod(pod);
  if (!view) return [];
  return view.containers.flatMap((c) => {
    const now: Collector = { title: `logs pod/${pod} -c ${c.name}`, collect: async () => (await kube.run(kube.args.logs(pod, c.name, false))).stdout || '(no output)' };
    if (c.restartCount === 0) return [now];
    const before: Collector = {
      title: `logs --previous pod/${pod} -c ${c.name}`,
      collect: async () => (await kube.run(kube.args.logs(pod, c.name, true))).stdout || '(no output)',
    };
    return [now, before];
  });
}

/** Gathers every diagnostic it can for the objects; failures become diagnostics too. Never rejects. */
export async function collectDiagnostics(kube: Kube, refs: { kind: string; name: string }[]): Promise<Diagnostic[]> {
  const collectors: Collector[] = refs.flatMap((ref) => collectorsFor(kube, ref));
  const logSets = await Promise.allSettled(refs.filter((r) => r.kind === 'Pod').map((r) => logCollectors(kube, r.name)));
  for (const set of logSets) {
    if (set.status === 'fulfilled') collectors.push(...set.value);
    else collectors.push({ title: 'logs', collect: () => Promise.reject(set.reason) });
  }
  const settled = await Promise.allSettled(collectors.map((c) => c.collect()));
  return settled.map((s, i) => ({
    title: collectors[i].title,
    text: s.status === 'fulfilled' ? clip(s.value) : `(could not collect: ${clip(s.reason instanceof Error ? s.reason.message : String(s.reason))})`,
  }));
}
