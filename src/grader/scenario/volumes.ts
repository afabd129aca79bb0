/** Waiting on storage objects: PVC and PV phases, and objects going away. */
import { fill } from '../../i18n/lang.ts';
import type { K8sObject } from '../cluster/cluster.ts';
import type { StepContext } from '../define.ts';
import { describePv, describePvc } from './describe.ts';
import { SMSG } from './messages.ts';
import type { WaitOptions } from './pods.ts';

export type PvcPhase = 'Pending' | 'Bound' | 'Lost';
export type PvPhase = 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';

/**
 * Waits until PersistentVolumeClaim `name` is in `phase` and returns it; on timeout says what the
 * claim looked like (phase, storageClassName, volumeName). A Lost claim fails at once.
 */
export async function awaitPvcPhase(ctx: StepContext, name: string, phase: PvcPhase, opts: WaitOptions = {}): Promise<K8sObject> {
  return ctx.until(
    async (observe) => {
      const pvc = await ctx.cluster.get('PersistentVolumeClaim', name);
      observe(describePvc(name, pvc));
      const now = pvc?.status?.phase as string | undefined;
      if (now === 'Lost' && phase !== 'Lost') ctx.fail(fill(SMSG.pvcLost, { name }), describePvc(name, pvc));
      return pvc && now === phase ? pvc : undefined;
    },
    fill(SMSG.pvcPhase, { name, phase }),
    opts,
  );
}

/** Waits until PersistentVolume `name` is in `phase` and returns it; on timeout says its phase, claim and policy. */
export async function awaitPvPhase(ctx: StepContext, name: string, phase: PvPhase, opts: WaitOptions = {}): Promise<K8sObject> {
  return ctx.until(
    async (observe) => {
      const pv = await ctx.cluster.get('PersistentVolume', name);
      observe(describePv(name, pv));
      return pv && pv.status?.phase === phase ? pv : undefined;
    },
    fill(SMSG.pvPhase, { name, phase }),
    opts,
  );
}

/** Waits until the object no longer exists; on timeout says whether it is stuck terminating and on which finalizers. */
export async function awaitGone(ctx: StepContext, kind: string, name: string, opts: WaitOptions = {}): Promise<void> {
  await ctx.until(
    async (observe) => {
      const obj = await ctx.cluster.get(kind, name);
      if (!obj) return true;
      const { deletionTimestamp, finalizers } = obj.metadata;
      const fin = finalizers?.length ? `, finalizers: ${finalizers.join(', ')}` : '';
      observe(`${kind} ${name} still exists${deletionTimestamp ? ` (being deleted since ${deletionTimestamp}${fin})` : fin}`);
      return undefined;
    },
    fill(SMSG.notGone, { kind, name }),
    opts,
  );
}

/**
 * Waits until the object is being deleted (it has a deletionTimestamp) or is already gone: the
 * moment a controller (a StatefulSet scale-down, a garbage collector) has begun removing it.
 * On timeout says that nothing started deleting it.
 */
export async function awaitDeletionStarted(ctx: StepContext, kind: string, name: string, opts: WaitOptions = {}): Promise<void> {
  await ctx.until(
    async (observe) => {
      const obj = await ctx.cluster.get(kind, name);
      if (!obj || obj.metadata.deletionTimestamp) return true;
      observe(`${kind} ${name} exists and is not being deleted`);
      return undefined;
    },
    fill(SMSG.deletionNotStarted, { kind, name }),
    opts,
  );
}
