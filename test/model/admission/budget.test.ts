/** The pod budget (src/model/limits.ts): huge replicas are refused at once instead of freezing the model. */
import { describe, it, expect } from 'vitest';
import { MAX_MODELLED_PODS, MAX_MODELLED_REPLICAS, NotModelledError } from '../../../src/model/index.ts';
import { newModel, sleeper } from '../helpers.ts';

const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] } },
  },
});

const statefulSet = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name },
  spec: { ...deployment(name, replicas).spec, serviceName: name, podManagementPolicy: 'Parallel' },
});

function refusal(fn: () => unknown): NotModelledError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NotModelledError);
    return e as NotModelledError;
  }
  throw new Error('expected apply to refuse');
}

describe('pod budget', () => {
  it('refuses replicas above the cap on a Deployment or StatefulSet, at once, in both languages', () => {
    const m = newModel();
    const started = performance.now();
    const e = refusal(() => m.apply(deployment('huge', 100_000_000)));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(e.object).toEqual({ kind: 'Deployment', name: 'huge' });
    expect(e.localized.en).toContain(`replicas: 100000000 (the model runs at most ${MAX_MODELLED_REPLICAS} replicas per Deployment)`);
    expect(e.localized['zh-cn']).toContain(`最多运行 ${MAX_MODELLED_REPLICAS} 个副本`);
    expect(m.list('Pod')).toEqual([]);
    expect(refusal(() => m.apply(statefulSet('web', MAX_MODELLED_REPLICAS + 1))).object).toEqual({ kind: 'StatefulSet', name: 'web' });
  });

  it('runs a workload at the cap', () => {
    const m = newModel();
    m.apply(deployment('full', MAX_MODELLED_REPLICAS));
    expect(m.list('Pod', { namespace: 'default' })).toHaveLength(MAX_MODELLED_REPLICAS);
  });

  it('scaling past the cap is refused and leaves the workload as it was', () => {
    const m = newModel();
    m.apply(deployment('web', 2));
    expect(() => m.scale({ kind: 'Deployment', name: 'web', namespace: 'default' }, MAX_MODELLED_REPLICAS + 1)).toThrow(NotModelledError);
    expect(m.get({ kind: 'Deployment', name: 'web' })!.spec.replicas).toBe(2);
    expect(m.list('Pod', { namespace: 'default' })).toHaveLength(2);
  });

  it('counts every workload and bare Pod of the namespace; other namespaces have their own budget', () => {
    const m = newModel();
    const half = MAX_MODELLED_PODS / 2;
    m.apply([deployment('a', half), statefulSet('b', half - 1), sleeper('bare')]);
    const e = refusal(() => m.apply(sleeper('one-too-many')));
    expect(e.localized.en).toContain(`more than ${MAX_MODELLED_PODS} pods in one namespace (${MAX_MODELLED_PODS} planned already, this Pod adds 1)`);
    // Re-applying a planned object does not count it twice; another namespace is unaffected.
    expect(() => m.apply(deployment('a', half))).not.toThrow();
    expect(() => m.apply({ ...sleeper('elsewhere'), metadata: { name: 'elsewhere', namespace: 'other' } })).not.toThrow();
  });
});
