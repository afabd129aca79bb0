/**
 * Waiting for a VolumeSnapshot to become readyToUse, as lesson 7's grader and the snapshot demo
 * do: the snapshot's state is the observed text, and an optional explain() may end the wait at
 * once with a reason when the objects make it certain that the snapshot will never be ready.
 */
import type { K8sObject } from '../../src/grader/cluster/cluster.ts';
import type { StepContext } from '../../src/grader/define.ts';
import type { Localized } from '../../src/i18n/lang.ts';

/** A VolumeSnapshot's state in one line, for observed text. */
export function describeSnapshot(name: string, snap: K8sObject | undefined): string {
  if (!snap) return `VolumeSnapshot ${name}: absent`;
  const s = snap.status ?? {};
  const parts = [`VolumeSnapshot ${name}`, `class ${snap.spec?.volumeSnapshotClassName ?? 'none'}`, `readyToUse ${s.readyToUse ?? '-'}`];
  if (s.restoreSize !== undefined) parts.push(`restoreSize ${s.restoreSize}`);
  if (s.boundVolumeSnapshotContentName) parts.push(`content ${s.boundVolumeSnapshotContentName}`);
  if (s.error?.message) parts.push(`error: ${s.error.message}`);
  return parts.join(', ');
}

/** Resolves with the snapshot once readyToUse; fails the step with `never` at the step's deadline, or with explain()'s reason. */
export async function awaitSnapshotReady(
  ctx: StepContext,
  name: string,
  o: { never: Localized; explain?: (snap: K8sObject | undefined) => Promise<Localized | undefined>; timeoutMs?: number },
): Promise<K8sObject> {
  return ctx.until(
    async (observe) => {
      const snap = await ctx.cluster.get('VolumeSnapshot', name);
      observe(describeSnapshot(name, snap));
      if (snap?.status?.readyToUse === true) return snap;
      const why = o.explain ? await o.explain(snap) : undefined;
      if (why) ctx.fail(why, describeSnapshot(name, snap));
      return undefined;
    },
    o.never,
    { timeoutMs: o.timeoutMs ?? 60_000 },
  );
}
