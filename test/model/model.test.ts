/** The StorageModel facade: time, determinism, listing, namespaces, labels, patch, events, describe. */
import { describe, it, expect } from 'vitest';
import { ModelError, StorageModel } from '../../src/model/index.ts';
import { fixture, newModel, sleeper, status } from './helpers.ts';

describe('StorageModel', () => {
  it('time is virtual: it starts at the injected start time and moves only with advance()', () => {
    const m = new StorageModel({ startTime: Date.UTC(2030, 0, 1) });
    expect(m.now()).toBe(Date.UTC(2030, 0, 1));
    m.apply(sleeper('p'));
    expect(m.now()).toBe(Date.UTC(2030, 0, 1));
    m.advance(1500);
    expect(m.now()).toBe(Date.UTC(2030, 0, 1) + 1500);
    expect(m.get({ kind: 'Pod', name: 'p' })!.metadata.creationTimestamp).toBe('2030-01-01T00:00:00Z');
  });

  it('advance lets what is due happen at its own time, in order', () => {
    const m = newModel();
    m.apply(sleeper('p', {}, { command: ['sh', '-c', 'sleep 10'] }));
    m.advance(35_000);
    const s = status(m, 'p', 'app');
    // exits at 10 s (restart at once), at 20 s (back-off 10 s: restart at 30 s)
    expect(s.restartCount).toBe(2);
    expect(s.lastState.terminated.finishedAt).toBe('2026-01-01T00:00:20Z');
    expect(s.state.running.startedAt).toBe('2026-01-01T00:00:30Z');
  });

  it('the random source is injectable and the seed decides ids', () => {
    const ids = (opts: ConstructorParameters<typeof StorageModel>[0]) => {
      const m = new StorageModel(opts);
      m.apply(sleeper('p'));
      return [m.get({ kind: 'Pod', name: 'p' })!.metadata.uid, status(m, 'p', 'app').containerID];
    };
    expect(ids({ seed: 4 })).toEqual(ids({ seed: 4 }));
    expect(ids({ seed: 4 })).not.toEqual(ids({ seed: 5 }));
    let n = 0;
    const counter = () => ((n++ * 7919) % 1000) / 1000;
    expect(ids({ random: counter })[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('lists by kind alias, namespace and labels; Events are listed as core/v1 Events', () => {
    const m = newModel();
    m.apply([{ ...sleeper('a'), metadata: { name: 'a', namespace: 'team', labels: { app: 'x' } } }, { ...sleeper('b'), metadata: { name: 'b', namespace: 'team' } }]);
    expect(m.list('po', { namespace: 'team', labels: { app: 'x' } }).map((p) => p.metadata.name)).toEqual(['a']);
    expect(m.list('Namespace').map((n) => n.metadata.name)).toContain('team');
    const ev = m.list('Event', { namespace: 'team' });
    expect(ev[0]).toMatchObject({ kind: 'Event', reason: 'Scheduled', involvedObject: { kind: 'Pod', name: 'a' }, source: { component: 'default-scheduler' } });
  });

  it('deleting a namespace deletes everything in it', () => {
    const m = newModel();
    m.apply([{ ...sleeper('a'), metadata: { name: 'a', namespace: 'team' } }]);
    m.delete({ kind: 'Namespace', name: 'team' }, { gracePeriodSeconds: 0 });
    expect(m.list('Pod', { namespace: 'team' })).toEqual([]);
    expect(m.get({ kind: 'Namespace', name: 'team' })).toBeUndefined();
  });

  it('labelNode sets and removes labels', () => {
    const m = newModel();
    m.labelNode('course-worker', { 'storage-course/role': 'data' });
    expect(m.get({ kind: 'Node', name: 'course-worker' })!.metadata.labels?.['storage-course/role']).toBe('data');
    m.labelNode('course-worker', { 'storage-course/role': null });
    expect(m.get({ kind: 'Node', name: 'course-worker' })!.metadata.labels?.['storage-course/role']).toBeUndefined();
    expect(() => m.labelNode('nope', {})).toThrow(ModelError);
  });

  it('unknown kinds in get/list and unknown nodes are model errors; deleting an absent object returns false', () => {
    const m = newModel();
    expect(() => m.get({ kind: 'Gadget', name: 'x' })).toThrow(ModelError);
    expect(() => m.readNodeFile('nope', '/x')).toThrow(ModelError);
    expect(m.delete({ kind: 'Pod', name: 'ghost' })).toBe(false);
    expect(() => m.delete({ kind: 'Node', name: 'course-worker' })).toThrow(ModelError);
    expect(() => m.scale({ kind: 'StatefulSet', name: 'x' }, -1)).toThrow(ModelError);
  });

  it('describe shows the pod, its containers, volumes and events', () => {
    const m = newModel();
    m.apply(fixture('lesson-1'));
    m.killContainer('default', 'cache-pod', 'writer');
    m.advance(0);
    const text = m.describe({ kind: 'Pod', name: 'cache-pod' });
    expect(text).toContain('Restart Count: 1');
    expect(text).toContain('Exit Code:   137');
    expect(text).toContain('/cache from cache (rw)');
    expect(text).toMatch(/Started .*\(x2\)/);
    expect(m.describe({ kind: 'PersistentVolumeClaim', name: 'none' })).toContain('not found');
  });

  it('patch applies a JSON merge patch as an update', () => {
    const m = newModel();
    m.apply({ ...sleeper('p'), metadata: { name: 'p', labels: { a: '1', b: '2' } } });
    const p = m.patch({ kind: 'Pod', name: 'p' }, { metadata: { labels: { a: null, c: '3' } } });
    expect(p.metadata.labels).toEqual({ b: '2', c: '3' });
  });
});
