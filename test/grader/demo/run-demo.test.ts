/**
 * The demo runner: outcomes per cell (proven, failed with the step's message, not run), the
 * worker-count check, failures before the steps, and cleanup after every kind of run.
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../src/grader/cluster/cluster.ts';
import { createModelCluster } from '../../../src/grader/cluster/model/model-cluster.ts';
import { defineDemo, type Demo } from '../../../src/grader/demo/define.ts';
import { demoRunId, outcomeSummary, runDemo, runDemos } from '../../../src/grader/demo/run-demo.ts';
import { StorageModel } from '../../../src/model/index.ts';

const L = (en: string) => ({ en, 'zh-cn': `中文：${en}` });
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] } };

function demo(over: Partial<Demo> = {}): Demo {
  return defineDemo({
    id: 'test-demo',
    title: L('a test demo'),
    summary: L('what it shows'),
    workers: 1,
    steps: [
      { id: 'apply', title: L('apply'), async run(ctx) { await ctx.cluster.apply([pod]); } },
      { id: 'restart', title: L('restart'), proves: ['emptyDir:containerRestart'], async run(ctx) { ctx.evidence('restarted'); } },
      { id: 'delete', title: L('delete'), proves: ['emptyDir:podDelete'], async run(ctx) { ctx.fail(L('the token was still there'), 'observed text'); } },
    ],
    lifetime: [{ row: 'emptyDir', proves: { containerRestart: 'kept', podDelete: 'lost' } }],
    ...over,
  });
}

function counting(model: StorageModel, calls: string[], over: Partial<Cluster> = {}) {
  return (runId: string): Cluster => {
    const c = createModelCluster({ runId, model });
    return new Proxy(c, {
      get(target, prop, receiver) {
        if (prop in over) return (over as any)[prop];
        const value = Reflect.get(target, prop, receiver);
        if (prop === 'cleanup') return async () => (calls.push('cleanup'), value.call(target));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
}

describe('runDemo', () => {
  it('reports each cell: proven before the failure, failed with the step\'s message and observation', async () => {
    const model = new StorageModel({ seed: 2 });
    const calls: string[] = [];
    const out = await runDemo(demo(), counting(model, calls), { runId: 'rd-1' });
    expect(out.error).toBeUndefined();
    expect(out.runId).toBe('rd-1');
    expect(out.cells.map((c) => [c.cell, c.value, c.status])).toEqual([
      ['emptyDir:containerRestart', 'kept', 'proven'],
      ['emptyDir:podDelete', 'lost', 'failed'],
    ]);
    expect(out.cells[0]!.evidence).toEqual(['restarted']);
    expect(out.cells[1]).toMatchObject({ step: 'delete', message: L('the token was still there'), observed: 'observed text' });
    expect(out.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'failed']);
    expect(calls).toEqual(['cleanup']);
    expect(model.get({ kind: 'Namespace', name: 'course-rd-1' })).toBeUndefined();
    expect(outcomeSummary([out])).toContain('emptyDir:podDelete = lost: failed at delete: the token was still there');
  });

  it('a failed step skips the rest: their cells are not run', async () => {
    const d = demo({
      steps: [
        { id: 'boom', title: L('boom'), async run(ctx) { ctx.fail(L('no')); } },
        { id: 'restart', title: L('restart'), proves: ['emptyDir:containerRestart', 'emptyDir:podDelete'], async run() {} },
      ],
    });
    const out = await runDemo(d, counting(new StorageModel(), []));
    expect(out.cells.map((c) => c.status)).toEqual(['failed', 'failed']);
    expect(out.steps.map((s) => s.status)).toEqual(['failed', 'skipped']);
    const later = demo({
      steps: [
        { id: 'restart', title: L('restart'), proves: ['emptyDir:containerRestart'], async run(ctx) { ctx.fail(L('no')); } },
        { id: 'delete', title: L('delete'), proves: ['emptyDir:podDelete'], async run() {} },
      ],
    });
    const out2 = await runDemo(later, counting(new StorageModel(), []));
    expect(out2.cells.map((c) => c.status)).toEqual(['failed', 'failed']);
    expect(out2.cells[1]!.step).toBe('restart');
  });

  it('a demo that needs two workers is not run on a cluster with one, and still cleans up', async () => {
    const calls: string[] = [];
    const out = await runDemo(demo({ workers: 2 }), counting(new StorageModel(), calls, { workers: async () => ['course-worker'] }));
    expect(out.error?.en).toContain('needs 2 schedulable worker node(s), the cluster has 1 (course-worker)');
    expect(out.error?.['zh-cn']).toContain('需要 2 个可调度的工作节点');
    expect(out.cells.every((c) => c.status === 'not-run')).toBe(true);
    expect(out.steps.every((s) => s.status === 'skipped')).toBe(true);
    expect(calls).toEqual(['cleanup']);
  });

  it('a cluster that cannot be prepared, or a failed set-up, runs no step', async () => {
    const calls: string[] = [];
    const broken = await runDemo(demo(), counting(new StorageModel(), calls, { prepare: async () => { throw new Error('no docker'); } }));
    expect(broken.error?.en).toContain('no docker');
    expect(broken.cells.every((c) => c.status === 'not-run')).toBe(true);
    expect(calls).toEqual(['cleanup']);
    const setup = await runDemo(demo({ async setup(ctx) { ctx.fail(L('cannot label')); } }), counting(new StorageModel(), []));
    expect(setup.error?.en).toBe('the set-up of demo test-demo failed: cannot label');
    expect(setup.error?.['zh-cn']).toBe('演示 test-demo 的准备工作失败：中文：cannot label');
    expect(setup.cells.every((c) => c.status === 'not-run')).toBe(true);
  });

  it('Ctrl-C: the steps are skipped as interrupted', async () => {
    const ac = new AbortController();
    ac.abort();
    const out = await runDemo(demo(), counting(new StorageModel(), []), { signal: ac.signal });
    expect(out.cells.every((c) => c.status !== 'proven')).toBe(true);
  });

  it('runDemos runs each demo on its own cluster, one after another', async () => {
    const ids: string[] = [];
    const model = new StorageModel();
    const out = await runDemos([demo(), demo()], (runId) => (ids.push(runId), createModelCluster({ runId, model })));
    expect(out).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^demo-test-demo-[a-z0-9]+$/);
    expect(demoRunId({ id: 'statefulset-other-node-with-a-very-long-name' }).length).toBeLessThanOrEqual(40);
  });
});

describe('defineDemo', () => {
  it('refuses a demo whose cells and steps do not match', () => {
    expect(() => demo({ steps: [{ id: 'a', title: L('a'), async run() {} }] })).toThrow('no step proves emptyDir:containerRestart');
    expect(() =>
      demo({ steps: [{ id: 'a', title: L('a'), proves: ['emptyDir:containerRestart', 'emptyDir:podDelete', 'nfs:podDelete'], async run() {} }] }),
    ).toThrow('proves nfs:podDelete, which the demo does not declare');
    expect(() =>
      demo({ steps: [{ id: 'a', title: L('a'), proves: ['emptyDir:containerRestart', 'emptyDir:podDelete'], async run() {} }, { id: 'a', title: L('a'), async run() {} }] }),
    ).toThrow('duplicate step id "a"');
    expect(() => demo({ lifetime: [] })).toThrow('proves no cell');
  });
});
