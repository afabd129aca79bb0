/**
 * The control loop. reconcile() runs every controller at the current virtual instant until
 * nothing changes (deletions and garbage collection, Deployment / ReplicaSet / StatefulSet
 * controllers, the PV controller's claims and volumes, the snapshot controller, the scheduler,
 * every kubelet, volume expansion).
 * advanceTo(t) steps virtual time through each pending deadline up to t (container exits and
 * restarts, back-offs, image pull retries, graceful deletions), reconciling at each one, so what
 * happens between two instants happens in order and at its own time.
 */
import { syncClaims } from './binder.ts';
import { containerDue } from './containers.ts';
import { syncDeployments } from './controllers/deployment.ts';
import { syncReplicaSets } from './controllers/replicaset.ts';
import { syncSnapshots } from './controllers/snapshot.ts';
import { syncStatefulSets } from './controllers/statefulset.ts';
import { deletionDue, processDeletions } from './deletion.ts';
import { expansionDue, syncExpansions } from './expansion.ts';
import { syncPods } from './kubelet.ts';
import { collectNfsServers } from './nfs.ts';
import { syncVolumes } from './reclaim.ts';
import { schedulePods } from './scheduler.ts';
import { RESYNC_MS, type ModelState } from './state.ts';

const MAX_PASSES = 100;
const MAX_STEPS = 100_000;

function version(state: ModelState): number {
  return state.store.version + state.runtimeVersion;
}

/** Runs all controllers until a fixpoint at the current instant. */
export function reconcile(state: ModelState): void {
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const before = version(state);
    processDeletions(state);
    collectNfsServers(state);
    syncDeployments(state);
    syncReplicaSets(state);
    syncStatefulSets(state);
    syncClaims(state);
    syncVolumes(state);
    syncSnapshots(state);
    schedulePods(state);
    syncPods(state);
    syncExpansions(state);
    if (version(state) === before) {
      state.settled = { version: before, at: state.clock.now() };
      return;
    }
  }
  throw new Error('storage model: reconcile did not settle (a controller keeps changing state)');
}

/** The next instant after now at which something is due, if any. */
export function nextDue(state: ModelState): number | undefined {
  const now = state.clock.now();
  let next: number | undefined;
  const consider = (t: number) => {
    if (t > now && (next === undefined || t < next)) next = t;
  };
  for (const rt of state.pods.values()) for (const c of rt.containers) containerDue(c).forEach(consider);
  deletionDue(state).forEach(consider);
  expansionDue(state).forEach(consider);
  return next;
}

/**
 * Reconciles unless nothing changed since the last settled reconcile and the controllers'
 * re-sync period (15 s, when waiting states are reported again) has not passed.
 */
function resync(state: ModelState): void {
  if (version(state) === state.settled.version && state.clock.now() - state.settled.at < RESYNC_MS) return;
  reconcile(state);
}

/** Moves virtual time to t, reconciling at every deadline on the way and at t. */
export function advanceTo(state: ModelState, t: number): void {
  resync(state);
  for (let step = 0; step < MAX_STEPS; step++) {
    const due = nextDue(state);
    if (due === undefined || due > t) break;
    state.clock.set(due);
    reconcile(state);
  }
  state.clock.set(t);
  resync(state);
}
