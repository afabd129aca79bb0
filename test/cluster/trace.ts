/**
 * The observable trace of one graded case, comparable across back ends so the model can be held
 * to the real cluster. Two layers:
 * - traced() records a raw log while a case runs: every call that changes the cluster (apply, kill,
 *   delete, write, scale, ...) and every observation's answer (pod phase, node, restart counts and
 *   container states; claim and volume phases; which files exist and which token they hold).
 *   Recorded fixtures keep this raw log, so improving the comparison never needs a re-recording.
 * - reduce() turns a raw log and the steps' results into the trace that is compared: for each
 *   change, the last answer of every observation made since the previous change (back ends poll
 *   different numbers of times, virtual time against real seconds; the last answer is the state
 *   the grader acted on), with names, times and ids that legitimately differ normalized.
 */
import type { Cluster, K8sObject, PodView } from '../../src/grader/cluster/cluster.ts';
import type { ExerciseResult } from '../../src/grader/report/model.ts';

export type RawEntry =
  | { t: 'action'; text: string }
  | { t: 'pod'; name: string; pod?: RawPod }
  | { t: 'object'; key: string; phase?: string; present: boolean }
  | { t: 'file'; key: string; value: string };

export interface RawPod {
  phase: string;
  node?: string;
  terminating: boolean;
  reason?: string;
  containers: { name: string; state: string; ready: boolean; restarts: number; reason?: string }[];
}

export interface RawCase {
  steps: { id: string; status: string; message?: string }[];
  error?: string;
  log: RawEntry[];
}

export interface TraceEvent {
  action: string;
  saw: Record<string, string>;
}

export interface CaseTrace {
  steps: { id: string; status: string; message?: string }[];
  events: TraceEvent[];
  error?: string;
}

const MUTATIONS = new Set(['apply', 'delete', 'deletePod', 'killContainer', 'writeFile', 'scale', 'labelNode', 'makeNodeDir', 'installFixture', 'cleanup']);

function rawPod(p: PodView): RawPod {
  return {
    phase: p.phase,
    node: p.nodeName,
    terminating: p.terminating,
    reason: p.reason,
    containers: p.containers.map((c) => ({ name: c.name, state: c.state, ready: c.ready, restarts: c.restartCount, reason: c.reason })),
  };
}

/** Wraps a cluster so every call is logged into `log` (tokens ctx.token() gave become #1, #2, ...). */
export function traced(cluster: Cluster, log: RawEntry[]): Cluster {
  const tokens = new Map<string, string>();
  const token = (data: string) => {
    if (!tokens.has(data)) tokens.set(data, `#${tokens.size + 1}`);
    return tokens.get(data)!;
  };
  return new Proxy(cluster, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const name = String(prop);
      return async (...args: unknown[]) => {
        if (MUTATIONS.has(name)) {
          const text =
            name === 'apply'
              ? `apply ${(args[0] as K8sObject[]).map((o) => `${o.kind}/${o.metadata?.name}`).join(' ')}`
              : name === 'writeFile'
                ? `writeFile ${args.slice(0, 3).join(' ')} ${token(String(args[3]))}`
                : `${name} ${args.filter((a) => typeof a === 'string').join(' ')}`.trim();
          log.push({ t: 'action', text });
        }
        const result = await value.apply(target, args);
        if (name === 'pod') log.push({ t: 'pod', name: String(args[0]), ...(result ? { pod: rawPod(result as PodView) } : {}) });
        if (name === 'pods') for (const p of result as PodView[]) log.push({ t: 'pod', name: p.name, pod: rawPod(p) });
        if (name === 'get') log.push({ t: 'object', key: `${args[0]} ${args[1]}`, present: result !== undefined, phase: (result as { status?: { phase?: string } } | undefined)?.status?.phase });
        if (name === 'list') for (const o of result as K8sObject[]) log.push({ t: 'object', key: `${args[0]} ${o.metadata?.name}`, present: true, phase: (o as { status?: { phase?: string } }).status?.phase });
        if (name === 'readFile' || name === 'readNodeFile') {
          const key = name === 'readFile' ? `file ${args[0]}/${args[1]}:${args[2]}` : `nodefile ${args[0]}:${args[1]}`;
          const text = result as string | undefined;
          log.push({ t: 'file', key, value: text === undefined ? 'absent' : tokens.has(text) ? `token ${tokens.get(text)}` : text === '' ? 'empty' : `other (${text.length} B)` });
        }
        // A size is compared in whole GiB (rounded up): XFS keeps some of the volume for itself, and
        // the model need not know how much.
        if (name === 'fileSystemSize') log.push({ t: 'file', key: `size ${args[0]}/${args[1]}:${args[2]}`, value: result === undefined ? 'absent' : `${Math.ceil((result as number) / 2 ** 30)} GiB` });
        return result;
      };
    },
  });
}

/** The raw record of a finished case. */
export function rawCase(result: ExerciseResult, log: RawEntry[]): RawCase {
  const error = result.error ? (result.error.kind === 'cluster' ? result.error.message.en : result.error.kind) : undefined;
  return { steps: result.checks.map((c) => ({ id: c.id, status: c.status, ...(c.message ? { message: c.message.en } : {}) })), ...(error ? { error } : {}), log };
}

/** Replaces what legitimately differs between two runs of the same case (names, times, ids). */
export function normalize(text: string): string {
  return text
    .replace(/\b(k8s-storage-)?course-worker2?\b/g, 'a worker')
    .replace(/\bk8s-storage-course-control-plane\b/g, 'course-control-plane')
    .replace(/(?<![a-z0-9-])course-(ct|grader-test)-[a-z0-9]+(-[a-z0-9]+)*/g, 'course-<run>')
    .replace(/\bcourse-lesson-\d-[a-z0-9]+/g, 'course-<run>')
    // An Event's name is its object's name and a 16-digit hex suffix the cluster (or the model) picks.
    .replace(/^(Event [a-z0-9.-]+)\.[0-9a-f]{16}$/, '$1')
    .replace(/\bpvc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'pvc-<uid>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uid>')
    .replace(/\b(containerd|docker|cri-o|model):\/\/[0-9a-z]+/g, '<container-id>')
    .replace(/\b([a-z0-9-]+)-[a-z0-9]{8,10}-[a-z0-9]{5}\b/g, '$1-<hash>')
    .replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, '<ip>')
    .replace(/\b\d+(\.\d+)?\s?(ms|s|m)\b/g, '<t>');
}

/**
 * A container's restarts: exact while it runs (a kill makes it r1), "r1+" while it is not running
 * after restarting (a crash loop), where the count only says how long the grader waited.
 */
function restarts(c: RawPod['containers'][number]): string {
  return c.state !== 'running' && c.restarts > 0 ? 'r1+' : `r${c.restarts}`;
}

/**
 * A container's reason. "ContainerCreating" and no reason at all are one state: kubelet writes the
 * former only once it has synced the Pod's status, so which one a grader sees right after the Pod
 * lands on a node is a matter of milliseconds.
 */
function containerReason(c: RawPod['containers'][number]): string {
  return c.reason && !(c.state === 'waiting' && c.reason === 'ContainerCreating') ? `:${c.reason}` : '';
}

/** The compared trace of a raw case. */
export function reduce(raw: RawCase): CaseTrace {
  const events: TraceEvent[] = [];
  let saw: Record<string, string> = {};
  // Which node the scheduler picks for a Pod nothing pins is its own choice (the workers score the
  // same), so a trace says only whether a Pod is scheduled; where placement is the lesson (a
  // volume that cannot follow its Pod), the steps' verdicts and the Pod's phase and reason say so.
  const where = (node: string | undefined) => (node ? 'scheduled' : 'unscheduled');
  for (const e of raw.log) {
    if (e.t === 'action') {
      events.push({ action: normalize(e.text), saw });
      saw = {};
    } else if (e.t === 'pod') {
      const p = e.pod;
      saw[normalize(`pod ${e.name}`)] = p
        ? normalize(`${p.phase}${p.terminating ? '/terminating' : ''} ${where(p.node)}${p.reason ? ` (${p.reason})` : ''} [${p.containers.map((c) => `${c.name}:${c.state}${c.ready ? '/ready' : ''}:${restarts(c)}${containerReason(c)}`).join(',')}]`)
        : 'absent';
    } else if (e.t === 'object') {
      saw[normalize(e.key)] = !e.present ? 'absent' : e.phase ? `phase ${e.phase}` : 'present';
    } else {
      saw[normalize(e.key)] = e.value;
    }
  }
  return {
    steps: raw.steps.map((s) => ({ id: s.id, status: s.status, ...(s.message ? { message: normalize(s.message) } : {}) })),
    events,
    ...(raw.error ? { error: normalize(raw.error) } : {}),
  };
}
