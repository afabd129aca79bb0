import { describe, expect, it } from 'vitest';
import { trackReads } from '../../../src/grader/submission/track-reads.ts';

describe('trackReads', () => {
  it('reports keys a reader never touched, skipping maps and free-form objects', () => {
    const obj = { known: 1, typo: 2, map: { anything: 1 }, free: { whatever: 1 }, list: [{ a: 1, b: 2 }] };
    const { proxy, unknownFields } = trackReads(obj);
    const p = proxy as typeof obj;
    void p.known;
    void (p as Record<string, unknown>).absent;
    Object.keys(p.map);
    void p.free; // read but never looked inside: free-form
    void p.list[0]!.a;
    expect(unknownFields().map((u) => `${u.parent.join('.')}:${u.field}`).sort()).toEqual([':typo', 'list.0:b']);
    expect(unknownFields().find((u) => u.field === 'typo')?.known).toEqual(expect.arrayContaining(['known', 'absent', 'map', 'free', 'list']));
  });
});
