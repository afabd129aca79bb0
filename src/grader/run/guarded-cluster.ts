/**
 * The Cluster a step sees: the real one, except that its clock is the step's (sleeps end at the
 * step's deadline) and that once the step is over (timed out, interrupted, finished) every call
 * rejects, so an abandoned step cannot keep changing the cluster under the next one.
 */
import type { Cluster } from '../cluster/cluster.ts';
import type { StepTimer } from './step-timer.ts';

/** Wraps cluster for one step; `isOver()` true makes every method call reject with `reason()`. */
export function guardCluster(cluster: Cluster, timer: StepTimer, isOver: () => boolean): Cluster {
  const clock = timer.stepClock();
  return new Proxy(cluster, {
    get(target, prop) {
      if (prop === 'clock') return clock;
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (timer.signal.aborted) return Promise.reject(timer.signal.reason);
        if (isOver()) return Promise.reject(new Error(`cluster.${String(prop)} called after the step ended`));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
