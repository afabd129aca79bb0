import { describe, it, expect } from 'vitest';
import { gateFirstUse } from '../../src/cli/first-prepare-gate.ts';
import type { Cluster } from '../../src/grader/cluster/cluster.ts';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fake cluster whose prepare logs start/end and fails while `failing` says so. */
function fakes(log: string[], failing: { count: number }) {
  return (runId: string): Cluster =>
    ({
      get namespace() {
        return `course-${runId}`;
      },
      async prepare() {
        log.push(`start ${runId}`);
        await tick(10);
        log.push(`end ${runId}`);
        if (failing.count-- > 0) throw new Error(`no cluster for ${runId}`);
      },
      async installFixture(name: string) {
        log.push(`fixture ${name} ${runId}`);
        await tick(5);
        log.push(`fixture done ${runId}`);
      },
      async pods() {
        return [runId];
      },
    }) as unknown as Cluster;
}

describe('gateFirstUse', () => {
  it('the first prepare runs alone; the others then run together', async () => {
    const log: string[] = [];
    const make = gateFirstUse(fakes(log, { count: 0 }));
    const clusters = ['a', 'b', 'c'].map(make);
    await Promise.all(clusters.map((c) => c.prepare()));
    expect(log.slice(0, 2)).toEqual(['start a', 'end a']);
    expect(log.slice(2, 4).sort()).toEqual(['start b', 'start c']);
  });

  it('after a failed first prepare the next one runs alone too', async () => {
    const log: string[] = [];
    const make = gateFirstUse(fakes(log, { count: 1 }));
    const results = await Promise.allSettled(['a', 'b', 'c'].map(make).map((c) => c.prepare()));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log.slice(0, 4)).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('the first install of each fixture runs alone; other members pass through untouched', async () => {
    const log: string[] = [];
    const make = gateFirstUse(fakes(log, { count: 0 }));
    const [a, b] = ['a', 'b'].map(make);
    await Promise.all([a!.installFixture('nfs-server'), b!.installFixture('nfs-server')]);
    expect(log).toEqual(['fixture nfs-server a', 'fixture done a', 'fixture nfs-server b', 'fixture done b']);
    expect(a!.namespace).toBe('course-a');
    expect(await b!.pods({})).toEqual(['b']);
  });
});
