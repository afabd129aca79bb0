/**
 * The Cluster a step sees: the real one, except that its clock is the step's (sleeps end at the
 * step's deadline) and that once the step is over (timed out, interrupted, finished) every call
 * rejects, so an abandoned step cannot keep changing the cluster under the next one. With a time
 * book, every call counts as kubectl time and every clock sleep as sleeping (step-time.ts).
 */
import type { Cluster } from '../cluster/cluster.ts';
import type { StepTimeBook } from './step-time.ts';
import type { StepTimer } from './step-timer.ts';

/** Wraps cluster for one step; `isOver()` true makes every method call reject with `reason()`. */
export function guardCluster(cluster: Cluster, timer: StepTimer, isOver: () => boolean, book?: StepTimeBook): Cluster {
  const stepClock = timer.stepClock();
  const clock = book ? { now: stepClock.now, sleep: (ms: number, signal?: AbortSignal) => book.time('sleepingMs', () => stepClock.sleep(ms, signal)) } : stepClock;
  return new Proxy(cluster, {
    get(target, prop) {
      if (prop === 'clock') return clock;
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (timer.signal.aborted) return Promise.reject(timer.signal.reason);
        if (isOver()) return Promise.reject(new Error(`cluster.${String(prop)} called after the step ended`));
        const call = () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        return book ? book.time('kubectlMs', call) : call();
      };
    },
  });
}
