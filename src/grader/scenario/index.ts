/** The vocabulary graders are written in: import actions from here. */
export { applySubmission, ofKind, takenClusterIp, type ApplyOptions, type Refusal } from './apply.ts';
export { describePod, describePv, describePvc, isRunning, podTrouble, type PodTrouble } from './describe.ts';
export { expectNoToken, expectToken, readFileIn, writeToken, TOKEN_VISIBLE_WITHIN_MS, type FileRef } from './files.ts';
export { deleteAndRecreatePod, endTerminatingPod, killAndAwaitRestart } from './lifecycle.ts';
export {
  awaitNamedPodsRunning,
  awaitPodRunning,
  awaitPodsRunning,
  awaitReplacementPods,
  formatLabels,
  MOUNT_FAILURE_GRACE_MS,
  type WaitOptions,
} from './pods.ts';
export { hasEvent } from './events.ts';
export { awaitDeletionStarted, awaitGone, awaitPvcPhase, awaitPvPhase, type PvcPhase, type PvPhase } from './volumes.ts';
