/** Scheduling onto two workers and a tainted control plane; unschedulable pods stay Pending with a reason. */
import { describe, it, expect } from 'vitest';
import type { StorageModel } from '../../src/model/index.ts';
import { newModel, sleeper } from './helpers.ts';

const node = (m: StorageModel, name: string) => m.get({ kind: 'Pod', name })?.spec?.nodeName;
const scheduled = (m: StorageModel, name: string) => (m.get({ kind: 'Pod', name })?.status?.conditions as any[]).find((c) => c.type === 'PodScheduled');

describe('scheduler', () => {
  it('the cluster has a tainted control plane and two workers labelled with their hostname', () => {
    const m = newModel();
    const nodes = m.list('Node');
    expect(nodes.map((n) => n.metadata.name)).toEqual(['course-control-plane', 'course-worker', 'course-worker2']);
    for (const n of nodes) expect(n.metadata.labels?.['kubernetes.io/hostname']).toBe(n.metadata.name);
    expect(nodes[0]!.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(m.workers()).toEqual(['course-worker', 'course-worker2']);
  });

  it('pods never land on the tainted control plane unless they tolerate the taint', () => {
    const m = newModel();
    const pods = Array.from({ length: 6 }, (_, i) => sleeper(`p${i}`));
    m.apply(pods);
    for (let i = 0; i < 6; i++) expect(node(m, `p${i}`)).toMatch(/^course-worker2?$/);
    m.apply(sleeper('cp', { nodeSelector: { 'kubernetes.io/hostname': 'course-control-plane' }, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    expect(node(m, 'cp')).toBe('course-control-plane');
  });

  it('nodeName bypasses the scheduler (even onto the tainted control plane)', () => {
    const m = newModel();
    m.apply(sleeper('p', { nodeName: 'course-control-plane' }));
    expect(node(m, 'p')).toBe('course-control-plane');
    expect(m.get({ kind: 'Pod', name: 'p' })?.status?.phase).toBe('Running');
    expect(m.events({ kind: 'Pod', name: 'p' }).some((e) => e.reason === 'Scheduled')).toBe(false);
  });

  it('nodeSelector picks the labelled node; without a match the pod stays Pending with the reason', () => {
    const m = newModel();
    m.apply(sleeper('p', { nodeSelector: { 'storage-course/role': 'data' } }));
    expect(node(m, 'p')).toBeUndefined();
    expect(m.get({ kind: 'Pod', name: 'p' })?.status?.phase).toBe('Pending');
    expect(scheduled(m, 'p')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message: "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    });
    expect(m.events({ kind: 'Pod', name: 'p' }).filter((e) => e.reason === 'FailedScheduling')).toHaveLength(1);
    m.labelNode('course-worker2', { 'storage-course/role': 'data' });
    expect(node(m, 'p')).toBe('course-worker2');
  });

  it('required node affinity (In, NotIn, Exists) is honoured', () => {
    const m = newModel();
    const affinity = (expr: object) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr] }] } } } });
    m.apply(sleeper('in', affinity({ key: 'kubernetes.io/hostname', operator: 'In', values: ['course-worker2'] })));
    m.apply(sleeper('notin', affinity({ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['course-worker2'] })));
    m.apply(sleeper('exists', affinity({ key: 'disk', operator: 'Exists' })));
    expect(node(m, 'in')).toBe('course-worker2');
    expect(node(m, 'notin')).toBe('course-worker');
    expect(node(m, 'exists')).toBeUndefined();
  });

  it('required pod anti-affinity on kubernetes.io/hostname spreads replicas; a third stays Pending', () => {
    const m = newModel();
    const anti = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' }] } } };
    const pod = (n: string) => ({ ...sleeper(n, anti), metadata: { name: n, labels: { app: 'x' } } });
    m.apply([pod('a'), pod('b'), pod('c')]);
    expect(new Set([node(m, 'a'), node(m, 'b')]).size).toBe(2);
    expect(node(m, 'c')).toBeUndefined();
    expect(scheduled(m, 'c').message).toContain("2 node(s) didn't match pod anti-affinity rules");
  });

  it("existing pods' anti-affinity also keeps a matching newcomer away", () => {
    const m = newModel();
    m.apply({ ...sleeper('guard', { nodeName: 'course-worker', affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'y' } }, topologyKey: 'kubernetes.io/hostname' }] } } }) });
    m.apply({ ...sleeper('y'), metadata: { name: 'y', labels: { app: 'y' } } });
    expect(node(m, 'y')).toBe('course-worker2');
  });

  it('required pod affinity co-locates with a matching pod', () => {
    const m = newModel();
    m.apply({ ...sleeper('db', { nodeName: 'course-worker2' }), metadata: { name: 'db', labels: { app: 'db' } } });
    m.apply(sleeper('app', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } } }));
    expect(node(m, 'app')).toBe('course-worker2');
  });

  it('pods without constraints are spread over the two workers', () => {
    const m = newModel();
    m.apply([sleeper('a'), sleeper('b')]);
    expect(new Set([node(m, 'a'), node(m, 'b')]).size).toBe(2);
  });

  it('the same seed gives the same placement', () => {
    const place = (seed: number) => {
      const m = newModel(seed);
      m.apply([sleeper('a'), sleeper('b'), sleeper('c')]);
      return ['a', 'b', 'c'].map((n) => node(m, n));
    };
    expect(place(3)).toEqual(place(3));
  });
});
