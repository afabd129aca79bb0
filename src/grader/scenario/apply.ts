/** Applying the student's objects to the cluster, with a clear message when one is refused. */
import { fill } from '../../i18n/lang.ts';
import { ApplyError } from '../cluster/cluster.ts';
import type { StepContext, SubmittedObject } from '../define.ts';
import { SMSG } from './messages.ts';

/**
 * Applies the submission's objects (those passing filter, in file order) and returns them.
 * A refused object fails the step naming the object and its file:line, with the API's reason as
 * observed text; an empty selection fails the step too.
 */
export async function applySubmission(ctx: StepContext, filter: (o: SubmittedObject) => boolean = () => true): Promise<SubmittedObject[]> {
  const chosen = ctx.submission.objects.filter(filter);
  if (chosen.length === 0) ctx.fail(SMSG.nothingToApply);
  try {
    await ctx.cluster.apply(chosen.map((o) => o.object));
  } catch (err) {
    if (!(err instanceof ApplyError)) throw err;
    const ref = err.object;
    const source = ref ? chosen.find((o) => o.object.kind === ref.kind && o.object.metadata.name === ref.name) : undefined;
    if (!ref || !source) throw err;
    const file = `${source.pos.file}:${source.pos.line}`;
    ctx.fail(fill(SMSG.applyRefused, { object: `${ref.kind} ${ref.name}`, file }), err.message);
  }
  return chosen;
}

/** Filter for applySubmission: objects of the given kinds. */
export function ofKind(...kinds: string[]): (o: SubmittedObject) => boolean {
  return (o) => kinds.includes(o.object.kind);
}
