/** The object store: copies out, change detection, resourceVersion. */
import { describe, it, expect } from 'vitest';
import { ObjectStore } from '../../src/model/store.ts';

const obj = (labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', labels } });

describe('ObjectStore', () => {
  it('hands out copies: changing one does not change the store', () => {
    const s = new ObjectStore();
    s.put(obj({ a: '1' }));
    const copy = s.get('ConfigMap', 'default', 'c')!;
    copy.metadata.labels!.a = '2';
    expect(s.get('ConfigMap', 'default', 'c')!.metadata.labels).toEqual({ a: '1' });
  });
  it('put reports real changes only (key order does not count) and bumps resourceVersion', () => {
    const s = new ObjectStore();
    expect(s.put(obj({ a: '1', b: '2' }))).toBe(true);
    const rv = s.get('ConfigMap', 'default', 'c')!.metadata.resourceVersion;
    expect(s.put(obj({ b: '2', a: '1' }))).toBe(false);
    expect(s.put(obj({ a: '1', b: '3' }))).toBe(true);
    expect(Number(s.get('ConfigMap', 'default', 'c')!.metadata.resourceVersion)).toBeGreaterThan(Number(rv));
  });
  it('lists by kind and namespace in name order', () => {
    const s = new ObjectStore();
    for (const n of ['b', 'a']) s.put({ ...obj({}), metadata: { name: n, namespace: 'x' } });
    s.put({ ...obj({}), metadata: { name: 'z', namespace: 'y' } });
    expect(s.list('ConfigMap', 'x').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(s.list('ConfigMap').map((o) => o.metadata.name)).toEqual(['a', 'b', 'z']);
  });
});
