/** Applying the student's objects to the cluster, with a clear message when one is refused. */
import { fill, type Localized } from '../../i18n/lang.ts';
import { ApplyError } from '../cluster/cluster.ts';
import type { StepContext, SubmittedObject } from '../define.ts';
import { SMSG } from './messages.ts';

/** An object the API refused: which one, where it was written, and the API's own words. */
export interface Refusal {
  kind: string;
  name: string;
  /** "file:line" of the object in the submission. */
  file: string;
  /** The API's message, e.g. `Service "x" is invalid: ...: provided IP is already allocated`. */
  message: string;
}

/** Options of applySubmission. */
export interface ApplyOptions {
  /** A grader's own explanation of a refusal (undefined: the general one). */
  explain?: (refusal: Refusal) => Localized | undefined;
}

/** The ClusterIP a refused Service asked for when the API says it is taken; undefined otherwise. */
export function takenClusterIp(refusal: Pick<Refusal, 'kind' | 'message'>): string | undefined {
  if (refusal.kind !== 'Service' || !/provided IP is already allocated/.test(refusal.message)) return undefined;
  return /failed to allocate IP (\S+?):? /.exec(refusal.message)?.[1] ?? '?';
}

/** The general explanation of a refusal. */
function explainRefusal(r: Refusal): Localized {
  const ip = takenClusterIp(r);
  if (ip !== undefined) return fill(SMSG.clusterIpTaken, { object: `${r.kind} ${r.name}`, file: r.file, ip });
  return fill(SMSG.applyRefused, { object: `${r.kind} ${r.name}`, file: r.file });
}

/**
 * Applies the submission's objects (those passing filter, in file order) and returns them.
 * A refused object fails the step naming the object and its file:line (explained by
 * opts.explain when the grader knows better), with the API's reason as observed text; an empty
 * selection fails the step too.
 */
export async function applySubmission(
  ctx: StepContext,
  filter: (o: SubmittedObject) => boolean = () => true,
  opts: ApplyOptions = {},
): Promise<SubmittedObject[]> {
  const chosen = ctx.submission.objects.filter(filter);
  if (chosen.length === 0) ctx.fail(SMSG.nothingToApply);
  try {
    await ctx.cluster.apply(chosen.map((o) => o.object));
  } catch (err) {
    if (!(err instanceof ApplyError)) throw err;
    const ref = err.object;
    const source = ref ? chosen.find((o) => o.object.kind === ref.kind && o.object.metadata.name === ref.name) : undefined;
    if (!ref || !source) throw err;
    const refusal: Refusal = { kind: ref.kind, name: ref.name, file: `${source.pos.file}:${source.pos.line}`, message: err.message };
    ctx.fail(opts.explain?.(refusal) ?? explainRefusal(refusal), err.message);
  }
  return chosen;
}

/** Filter for applySubmission: objects of the given kinds. */
export function ofKind(...kinds: string[]): (o: SubmittedObject) => boolean {
  return (o) => kinds.includes(o.object.kind);
}
