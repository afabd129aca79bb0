/**
 * The observable trace of one graded case, the same on any back end so the model can be held to the
 * real cluster: every step's status and (normalized) message, and the settled state the grader
 * acted on — for each call that changes the cluster (apply, kill, delete, write, scale, ...), the
 * last answer of every observation made since the previous change (pod phase, node, restart counts
 * and container states; claim and volume phases; which files exist and what token they hold).
 * Polling differs between back ends (virtual time vs. real seconds), so only the last answer before
 * an action counts: that is the state the grader saw and acted on.
 */
import type { Cluster, K8sObject, PodView } from '../../src/grader/cluster/cluster.ts';
import type { ExerciseResult } from '../../src/grader/report/model.ts';

export interface TraceEvent {
  /** The changing call, e.g. "killContainer cache-pod writer", or "end". */
  action: string;
  /** What was observed before it: key ("pod cache-pod", "file cache-pod/reader:/cache/t") -> summary. */
  saw: Record<string, string>;
}

export interface CaseTrace {
  steps: { id: string; status: string; message?: string }[];
  events: TraceEvent[];
  error?: string;
}

const MUTATIONS = new Set(['apply', 'delete', 'deletePod', 'killContainer', 'writeFile', 'scale', 'labelNode', 'makeNodeDir', 'installFixture']);

/** Replaces what legitimately differs between two runs of the same case (names, times, ids). */
export function normalize(text: string): string {
  return text
    .replace(/\bk8s-storage-course-(control-plane|worker2|worker)\b/g, 'course-$1')
    .replace(/\bcourse-(ct|grader-test)-[a-z0-9-]+/g, 'course-<run>')
    .replace(/\bcourse-lesson-\d-[a-z0-9]+/g, 'course-<run>')
    .replace(/\bpvc-[0-9a-f]{8}-[0-9a-f-]{27}\b/g, 'pvc-<uid>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uid>')
    .replace(/\b(containerd|docker|cri-o|model):\/\/[0-9a-z]+/g, '<container-id>')
    .replace(/\b([a-z0-9-]+)-[a-z0-9]{8,10}-[a-z0-9]{5}\b/g, '$1-<hash>')
    .replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, '<ip>')
    .replace(/\b\d+(\.\d+)?\s?(ms|s|m)\b/g, '<t>')
    .replace(/\(\d+(\.\d+)?\s?(ms|s)\)/g, '(<t>)');
}

function podSummary(p: PodView | undefined): string {
  if (!p) return 'absent';
  const containers = p.containers.map((c) => `${c.name}:${c.state}${c.ready ? '/ready' : ''}:r${c.restartCount}${c.reason ? `:${c.reason}` : ''}`).join(',');
  return normalize(`${p.phase}${p.terminating ? '/terminating' : ''} on ${p.nodeName ?? '-'}${p.reason ? ` (${p.reason})` : ''} [${containers}]`);
}

function objectSummary(o: K8sObject | undefined): string {
  if (!o) return 'absent';
  const phase = (o as { status?: { phase?: string } }).status?.phase;
  return phase ? `phase ${phase}` : 'present';
}

/**
 * Wraps a cluster so every call is traced. `tokens` maps each token ctx.token() gave to a stable
 * name (#1, #2 ...) so file contents compare across back ends.
 */
export function traced(cluster: Cluster, events: TraceEvent[]): Cluster {
  let saw: Record<string, string> = {};
  const tokens = new Map<string, string>();
  const token = (data: string) => {
    if (!tokens.has(data)) tokens.set(data, `#${tokens.size + 1}`);
    return tokens.get(data)!;
  };
  const observe = (key: string, value: string) => {
    saw[normalize(key)] = value;
  };
  const flush = (action: string) => {
    events.push({ action: normalize(action), saw });
    saw = {};
  };
  return new Proxy(cluster, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const name = String(prop);
      return async (...args: unknown[]) => {
        if (name === 'cleanup') flush('end');
        if (MUTATIONS.has(name)) {
          const shown = name === 'apply' ? `apply ${(args[0] as K8sObject[]).map((o) => `${o.kind}/${o.metadata?.name}`).join(' ')}` : name === 'writeFile' ? `writeFile ${args.slice(0, 3).join(' ')} ${token(String(args[3]))}` : `${name} ${args.filter((a) => typeof a === 'string').join(' ')}`;
          flush(shown);
        }
        const result = await value.apply(target, args);
        if (name === 'pod') observe(`pod ${args[0]}`, podSummary(result as PodView | undefined));
        if (name === 'pods') for (const p of result as PodView[]) observe(`pod ${p.name}`, podSummary(p));
        if (name === 'get') observe(`${args[0]} ${args[1]}`, objectSummary(result as K8sObject | undefined));
        if (name === 'list') for (const o of result as K8sObject[]) observe(`${args[0]} ${o.metadata?.name}`, objectSummary(o));
        if (name === 'readFile' || name === 'readNodeFile') {
          const key = name === 'readFile' ? `file ${args[0]}/${args[1]}:${args[2]}` : `nodefile ${args[0]}:${args[1]}`;
          const text = result as string | undefined;
          observe(key, text === undefined ? 'absent' : tokens.has(text) ? `token ${tokens.get(text)}` : text === '' ? 'empty' : `other (${text.length} B)`);
        }
        return result;
      };
    },
  });
}

/** The trace of a finished case. */
export function caseTrace(result: ExerciseResult, events: TraceEvent[]): CaseTrace {
  const error = result.error ? (result.error.kind === 'cluster' ? normalize(result.error.message.en) : result.error.kind) : undefined;
  return {
    steps: result.checks.map((c) => ({ id: c.id, status: c.status, ...(c.message ? { message: normalize(c.message.en) } : {}) })),
    events,
    ...(error ? { error } : {}),
  };
}
