/**
 * Names for the objects a grader makes itself (probe pods): EXERCISES.md lets a submission hold
 * extra objects with any name, so a grader-made object must never reuse one of them. Applying a
 * probe over a student's Pod of the same name would update that Pod (and be refused), failing the
 * student for an allowed extra.
 */
import type { StepContext } from '../../src/grader/define.ts';

/**
 * The first of `base`, `base-2`, `base-3`, ... that is neither the name of a Pod in the
 * submission nor of a Pod now in the run namespace (controller-made ones included).
 */
export async function freePodName(ctx: StepContext, base: string): Promise<string> {
  const taken = new Set(ctx.submission.all('Pod').map((o) => o.object.metadata.name));
  for (const pod of await ctx.cluster.pods()) taken.add(pod.name);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
