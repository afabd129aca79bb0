import { describe, it, expect } from 'vitest';
import { runPool } from '../../../src/grader/class/pool.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runPool', () => {
  it('never runs more than the limit at once, and uses all of it', async () => {
    let running = 0;
    let peak = 0;
    const items = Array.from({ length: 20 }, (_, i) => i);
    const out = await runPool(
      items,
      async (i) => {
        running += 1;
        peak = Math.max(peak, running);
        await tick(1 + ((i * 7) % 5));
        running -= 1;
        return i * 2;
      },
      { limit: 4 },
    );
    expect(peak).toBe(4);
    expect(out.map((o) => (o.started && o.ok ? o.value : null))).toEqual(items.map((i) => i * 2));
  });

  it('keeps results in the items’ order whatever order they finish in', async () => {
    const out = await runPool([30, 1, 15, 5], async (ms) => (await tick(ms), ms), { limit: 4 });
    expect(out).toEqual([30, 1, 15, 5].map((value) => ({ started: true, ok: true, value })));
  });

  it('a rejection or a throw is that item’s outcome; the others still run and the pool resolves', async () => {
    const seen: number[] = [];
    const out = await runPool(
      [0, 1, 2, 3, 4],
      async (i) => {
        seen.push(i);
        if (i === 1) throw new Error('broken student');
        if (i === 3) return Promise.reject('not even an Error');
        return i;
      },
      { limit: 2 },
    );
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(out[1]).toMatchObject({ started: true, ok: false });
    expect((out[1] as { error: Error }).error.message).toBe('broken student');
    expect(out[3]).toEqual({ started: true, ok: false, error: 'not even an Error' });
    expect(out.filter((o) => o.started && o.ok)).toHaveLength(3);
  });

  it('a slow item holds only its own lane', async () => {
    const finished: number[] = [];
    await runPool(
      [0, 1, 2, 3, 4],
      async (i) => {
        await tick(i === 0 ? 80 : 2);
        finished.push(i);
      },
      { limit: 2 },
    );
    expect(finished).toEqual([1, 2, 3, 4, 0]);
  });

  it('after abort nothing new starts; running items finish; the rest are not started', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const out = await runPool(
      [0, 1, 2, 3, 4, 5],
      async (i) => {
        started.push(i);
        if (i === 1) controller.abort();
        await tick(5);
        return i;
      },
      { limit: 2, signal: controller.signal },
    );
    expect(started).toEqual([0, 1]);
    expect(out.slice(0, 2)).toEqual([0, 1].map((value) => ({ started: true, ok: true, value })));
    expect(out.slice(2)).toEqual(Array(4).fill({ started: false }));
  });

  it('an empty list resolves at once; a limit that is not a positive integer is a programming error', async () => {
    expect(await runPool([], async () => 1, { limit: 3 })).toEqual([]);
    await expect(runPool([1], async () => 1, { limit: 0 })).rejects.toThrow(RangeError);
    await expect(runPool([1], async () => 1, { limit: 1.5 })).rejects.toThrow(RangeError);
  });
});
