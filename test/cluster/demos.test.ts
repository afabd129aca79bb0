/**
 * Every demonstration on the real cluster of `npm run cluster:up`: it proves every cell it
 * declares, as it does on the model (test/demos). Run with
 * `npm run test:cluster -- test/cluster/demos.test.ts`; skipped when there is no cluster.
 * Each demo's outcome on both back ends goes to the verdicts file (`npm run bench` counts them in
 * the model/real agreement figure).
 */
import { describe, expect, it } from 'vitest';
import { createKindCluster } from '../../src/grader/cluster/kind/kind-cluster.ts';
import { createModelCluster } from '../../src/grader/cluster/model/model-cluster.ts';
import { loadDemos, outcomeSummary, runDemo } from '../../src/grader/demo/index.ts';
import { ROOT } from '../graders/harness.ts';
import { record, recordProof, useCluster } from './harness.ts';

const cluster = useCluster();
const demos = await loadDemos(ROOT);

describe.skipIf(!cluster.available).each(demos.map((d) => [d.id, d] as const))('demo %s on the real cluster', (_id, demo) => {
  it('proves every cell it declares, with the same outcome as the model', async () => {
    const started = Date.now();
    const real = await runDemo(demo, (runId) => createKindCluster({ runId }));
    const ms = Date.now() - started;
    const model = await runDemo(demo, (runId) => createModelCluster({ runId }));
    const notProven = (o: typeof real) => o.cells.filter((c) => c.status !== 'proven').map((c) => c.cell).sort();
    recordProof('demo', demo.id, !real.error && real.cells.every((c) => c.status === 'proven'));
    record({ case: demo.id, kind: 'demo', lesson: 'demos', model: { score: 0, failed: notProven(model) }, real: { score: 0, failed: notProven(real), ...(real.error ? { error: real.error.en } : {}) }, ms });
    expect(real.error, outcomeSummary([real])).toBeUndefined();
    for (const cell of real.cells) expect(cell.status, outcomeSummary([real])).toBe('proven');
    expect(real.cells.map((c) => [c.cell, c.status])).toEqual(model.cells.map((c) => [c.cell, c.status]));
  });
});
