/**
 * Container lifecycle on the kubelet side: image pull (ErrImagePull -> ImagePullBackOff with
 * back-off), start (new container id, new empty writable layer), natural exit or kill, and the
 * restart decision by restartPolicy (Always: always; OnFailure: only a non-zero exit; Never:
 * never) with the kubelet's back-off: the first restart is immediate, each further one within
 * 10 minutes waits 10 s, 20 s, 40 s ... up to 300 s (CrashLoopBackOff meanwhile).
 * What a container does once started comes from container-rules.ts.
 */
import { MemFs, normalizePath, parentPath } from './filesystem.ts';
import type { ContainerRuntime, ModelState, PodRuntime, Terminated } from './state.ts';
import { emit, touch } from './state.ts';
import type { K8sObject } from './types.ts';

export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
export const BACKOFF_RESET_MS = 600_000;
/** How long ErrImagePull shows before the state turns into ImagePullBackOff. */
export const PULL_ERROR_SHOWN_MS = 1_000;

/** A fresh runtime record for a container spec. */
export function newContainerRuntime(spec: any): ContainerRuntime {
  return { name: spec.name, image: spec.image ?? '', pulled: false, pullAttempts: 0, restartCount: 0, backoffs: 0, waiting: { reason: 'ContainerCreating' } };
}

function backoffDelay(n: number): number {
  return n === 0 ? 0 : Math.min(BACKOFF_BASE_MS * 2 ** (n - 1), BACKOFF_MAX_MS);
}

/** Pulls the image if needed; returns true once the image is present. */
export function pullImage(state: ModelState, pod: K8sObject, c: ContainerRuntime): boolean {
  if (c.pulled) return true;
  const now = state.clock.now();
  const facts = state.rules.image(c.image);
  if (facts.pull === 'ok') {
    c.pulled = true;
    emit(state, pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, 'kubelet');
    touch(state);
    return true;
  }
  if (facts.pull === 'invalid') {
    const message = `Failed to apply default image tag "${c.image}": couldn't parse image name "${c.image}": invalid reference format`;
    if (c.waiting.reason !== 'InvalidImageName') {
      c.waiting = { reason: 'InvalidImageName', message };
      emit(state, pod, 'Warning', 'InspectFailed', message, 'kubelet');
      emit(state, pod, 'Warning', 'Failed', 'Error: InvalidImageName', 'kubelet');
      touch(state);
    }
    return false;
  }
  if (c.pullRetryAt === undefined || now >= c.pullRetryAt) {
    c.pullAttempts++;
    const message = `failed to pull and unpack image "${c.image}": failed to resolve reference "${c.image}": ${c.image}: not found`;
    c.waiting = { reason: 'ErrImagePull', message: `rpc error: code = NotFound desc = ${message}` };
    c.pullBackOffAt = now + PULL_ERROR_SHOWN_MS;
    c.pullRetryAt = now + Math.max(backoffDelay(c.pullAttempts), PULL_ERROR_SHOWN_MS + 1);
    emit(state, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, 'kubelet');
    emit(state, pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${c.waiting.message}`, 'kubelet');
    emit(state, pod, 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet');
    touch(state);
  } else if (c.pullBackOffAt !== undefined && now >= c.pullBackOffAt && c.waiting.reason !== 'ImagePullBackOff') {
    c.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}": ErrImagePull: ${c.waiting.message ?? ''}`.trim() };
    emit(state, pod, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, 'kubelet');
    emit(state, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet');
    touch(state);
  }
  return false;
}

/** Starts a new instance of the container (first start or restart). */
export function startContainer(state: ModelState, pod: K8sObject, rt: PodRuntime, c: ContainerRuntime, spec: any): void {
  const now = state.clock.now();
  const facts = state.rules.image(c.image);
  const layer = new MemFs(facts.dirs);
  for (const m of spec.volumeMounts ?? []) {
    const mp = normalizePath(m.mountPath);
    const src = rt.mounts?.find((s) => s.volume === m.name);
    if (src?.file) layer.mkdirp(parentPath(mp));
    else layer.mkdirp(mp);
    if (m.subPath && src && !src.file && !src.readOnly) src.fs.mkdirp(`${src.path}/${m.subPath}`);
  }
  const behaviour = state.rules.behaviour(spec);
  const restarting = c.lastTerminated !== undefined;
  if (restarting) c.restartCount++;
  c.restartAt = undefined;
  c.current = { id: state.ids.containerID(), startedAt: now, layer, behaviour };
  c.waiting = { reason: '' };
  if (behaviour.kind === 'exits') {
    c.current.exitAt = now + behaviour.afterMs;
    c.current.exitCode = behaviour.exitCode;
    c.current.exitReason = behaviour.reason;
    c.current.exitMessage = behaviour.message;
  }
  if (behaviour.kind === 'exits' && behaviour.reason === 'StartError') {
    emit(state, pod, 'Warning', 'Failed', `Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${behaviour.message}: unknown`, 'kubelet');
  } else {
    emit(state, pod, 'Normal', 'Created', `Created container: ${c.name}`, 'kubelet');
    emit(state, pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet');
  }
  touch(state);
}

/** Kills a running container from outside (SIGKILL, exit code 137); the kubelet notices on the next sync. */
export function killInstance(state: ModelState, c: ContainerRuntime, at = state.clock.now()): void {
  if (!c.current) return;
  c.current.exitAt = at;
  c.current.exitCode = 137;
  c.current.exitReason = 'Error';
  c.current.exitMessage = undefined;
  touch(state);
}

/** Ends the current instance if its exit time has come and applies the restart policy (none if noRestart). */
export function handleExit(state: ModelState, pod: K8sObject, c: ContainerRuntime, noRestart = false): void {
  const cur = c.current;
  const now = state.clock.now();
  if (!cur || cur.exitAt === undefined || cur.exitAt > now) return;
  const term: Terminated = {
    exitCode: cur.exitCode ?? 0,
    reason: cur.exitReason ?? 'Completed',
    message: cur.exitMessage,
    startedAt: cur.startedAt,
    finishedAt: cur.exitAt,
    containerID: cur.id,
  };
  c.current = undefined;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const restart = !noRestart && (policy === 'Always' || (policy === 'OnFailure' && term.exitCode !== 0));
  if (!restart) {
    c.final = term;
    touch(state);
    return;
  }
  c.lastTerminated = term;
  if (c.lastExitAt !== undefined && now - c.lastExitAt > BACKOFF_RESET_MS) c.backoffs = 0;
  const delay = backoffDelay(c.backoffs);
  c.backoffs++;
  c.lastExitAt = now;
  c.restartAt = now + delay;
  if (delay > 0) {
    const who = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
    c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${delay / 1000}s restarting failed container=${c.name} pod=${who}` };
    emit(state, pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${who}`, 'kubelet');
  }
  touch(state);
}

/** True if the container may be (re)started now. */
export function readyToStart(state: ModelState, c: ContainerRuntime): boolean {
  return !c.current && !c.final && (c.restartAt === undefined || state.clock.now() >= c.restartAt);
}

/** Earliest future time at which this container needs attention (exit, restart, pull retry). */
export function containerDue(c: ContainerRuntime): number[] {
  const out: number[] = [];
  if (c.current?.exitAt !== undefined) out.push(c.current.exitAt);
  if (c.restartAt !== undefined && !c.current) out.push(c.restartAt);
  if (!c.pulled) {
    if (c.pullRetryAt !== undefined) out.push(c.pullRetryAt);
    if (c.pullBackOffAt !== undefined && c.waiting.reason === 'ErrImagePull') out.push(c.pullBackOffAt);
  }
  return out;
}
