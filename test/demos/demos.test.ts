/**
 * Every demonstration on the model back end: it runs, proves every cell it declares, leaves
 * nothing behind, and writes only fresh tokens from ctx.token().
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/grader/cluster/cluster.ts';
import { createModelCluster } from '../../src/grader/cluster/model/model-cluster.ts';
import { loadDemos, outcomeSummary, runDemo } from '../../src/grader/demo/index.ts';
import { StorageModel } from '../../src/model/index.ts';
import { ROOT } from '../graders/harness.ts';

const demos = await loadDemos(ROOT);
const CJK = /[\u4e00-\u9fff]/u;

describe('the demos', () => {
  it('prove every meaningful matrix cell no grader proves', async () => {
    const { buildMatrix, unprovenCells } = await import('../../src/grader/lifetime.ts');
    const { courseLessons } = await import('../graders/harness.ts');
    const { loadGrader } = await import('../../src/grader/lessons.ts');
    const graders = await Promise.all(courseLessons().map((l) => loadGrader(ROOT, l)));
    const cells = buildMatrix([
      ...graders.map((g) => ({ kind: 'grader' as const, id: g.lesson, lifetime: g.lifetime })),
      ...demos.map((d) => ({ kind: 'demo' as const, id: d.id, title: d.title, lifetime: d.lifetime })),
    ]);
    expect(unprovenCells(cells)).toEqual([]);
  });

  it.each(demos.map((d) => [d.id, d] as const))('%s has bilingual titles, a summary and kebab-case step ids', (_id, demo) => {
    for (const text of [demo.title, demo.summary, ...demo.steps.map((s) => s.title)]) {
      expect(text.en.trim()).not.toBe('');
      expect(text['zh-cn']).toMatch(CJK);
    }
    for (const s of demo.steps) expect(s.id).toMatch(/^[a-z][a-z0-9-]*$/);
  });
});

describe.each(demos.map((d) => [d.id, d] as const))('demo %s on the model', (_id, demo) => {
  it('proves every cell it declares and cleans up', async () => {
    const model = new StorageModel({ seed: 7 });
    const written: string[] = [];
    const images: string[] = [];
    const wrap = (cluster: Cluster): Cluster =>
      new Proxy(cluster, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop === 'writeFile') return (...args: [string, string, string, string]) => (written.push(args[3]), value.apply(target, args));
          if (prop === 'apply') {
            return (objects: { spec?: any }[]) => {
              for (const o of objects) for (const c of [...(o.spec?.containers ?? []), ...(o.spec?.template?.spec?.containers ?? [])]) images.push(c.image);
              return value.call(target, objects);
            };
          }
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    let n = 0;
    const outcome = await runDemo(demo, (runId) => wrap(createModelCluster({ runId, model })), { random: () => `fresh-${demo.id}-${++n}` });
    expect(outcome.error, outcomeSummary([outcome])).toBeUndefined();
    expect(outcome.backend).toBe('model');
    expect(outcome.cells.length).toBeGreaterThan(0);
    for (const cell of outcome.cells) {
      expect(cell.status, outcomeSummary([outcome])).toBe('proven');
      expect(cell.evidence.length, cell.cell).toBeGreaterThan(0);
    }
    expect(written.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set(['busybox:1.36']));
    for (const token of written) expect(token).toMatch(new RegExp(`^fresh-${demo.id}-\\d+$`));
    // Cleanup: the run namespace, the run's cluster-scoped objects and the node labels are gone.
    const ns = `course-${outcome.runId}`;
    expect(model.get({ kind: 'Namespace', name: ns })).toBeUndefined();
    for (const kind of ['PersistentVolume', 'StorageClass']) {
      const left = model.list(kind).filter((o) => o.metadata.labels?.['storage-course/run'] === outcome.runId || o.spec?.claimRef?.namespace === ns);
      expect(left.map((o) => o.metadata.name), kind).toEqual([]);
    }
    for (const node of model.list('Node')) expect(Object.keys(node.metadata.labels ?? {}).filter((k) => k.startsWith('storage-course/'))).toEqual([]);
  });
});
