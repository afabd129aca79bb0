import { describe, expect, it } from 'vitest';
import { ClusterUnavailableError, ExecError } from '../../../src/grader/cluster/cluster.ts';
import { exerciseStatus, runExitCode } from '../../../src/grader/report/model.ts';
import { FakeCluster } from './fake-cluster.ts';
import { grader, runWith, staticCheck, step, t } from './helpers.ts';

describe('needs', () => {
  it('skips a step whose needed step failed or was skipped, naming it in both languages', async () => {
    const ran: string[] = [];
    const h = await runWith(
      grader([], [
        step('a', async (ctx) => ctx.fail(t('a broke', 'a 坏了'))),
        step('b', async () => void ran.push('b'), { needs: ['a'] }),
        step('c', async () => void ran.push('c'), { needs: ['b'] }),
        step('d', async () => void ran.push('d')),
      ]),
    );
    expect(ran).toEqual(['d']);
    expect(h.check('a')).toMatchObject({ status: 'failed', message: { en: 'a broke', 'zh-cn': 'a 坏了' } });
    expect(h.check('b')).toMatchObject({ status: 'skipped', message: { en: 'needs "step a", which did not pass', 'zh-cn': '依赖“步骤 a”，而它没有通过' } });
    expect(h.check('c').message?.en).toBe('needs "step b", which did not pass');
    expect(h.check('d').status).toBe('passed');
    expect(h.result.score).toBe(h.check('d').points);
    expect(h.result.maxScore).toBe(100);
  });
});

describe('cleanup', () => {
  it('runs after a failed step, after an exception, and after a failing setup', async () => {
    const failed = await runWith(grader([], [step('s', async (ctx) => ctx.fail(t('no')))]));
    expect(failed.fake.calls.at(-1)).toBe('cleanup');

    const thrown = await runWith(grader([], [step('s', async () => { throw new Error('kaboom'); })]));
    expect(thrown.check('s')).toMatchObject({ status: 'failed', observed: 'kaboom' });
    expect(thrown.check('s').message?.en).toMatch(/unexpected error/);
    expect(thrown.fake.calls.at(-1)).toBe('cleanup');

    const setup = await runWith(
      grader([], [step('s', async () => {})], {
        async setup(ctx) {
          await ctx.cluster.labelNode('worker-a', { x: 'y' });
          throw new ExecError('mkdir: permission denied');
        },
      }),
    );
    expect(setup.result.error).toMatchObject({ kind: 'cluster' });
    const err = setup.result.error?.kind === 'cluster' ? setup.result.error : undefined;
    expect(err?.message.en).toContain('mkdir: permission denied');
    expect(setup.check('s').status).toBe('skipped');
    expect(setup.fake.calls).toEqual(['prepare', 'labelNode worker-a', 'cleanup']);
  });

  it('is skipped with --keep, and a note says so', async () => {
    const h = await runWith(grader([], [step('s', async () => {})]), { keep: true });
    expect(h.fake.calls).not.toContain('cleanup');
    expect(h.result.notes.map((n) => n.en)).toEqual([expect.stringContaining('--keep') as string]);
    expect(h.result.notes[0].en).toContain('fake-ns');
  });

  it('runs on abort (Ctrl-C): the running step stops, the rest are skipped as interrupted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const h = await runWith(
      grader([staticCheck('st', () => [])], [
        step('first', async () => {}),
        step('stuck', async (ctx) => {
          setTimeout(() => controller.abort(), 20);
          await ctx.until(async () => undefined, t('x'), { intervalMs: 1 });
        }, { timeoutMs: 3_600_000_000 }),
        step('later', async () => {}),
      ]),
      { signal: controller.signal },
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(h.result.error).toEqual({ kind: 'interrupted' });
    expect(h.check('first').status).toBe('passed');
    expect(h.check('stuck')).toMatchObject({ status: 'skipped', message: { en: 'interrupted (Ctrl-C) while this step was running' } });
    expect(h.check('later')).toMatchObject({ status: 'skipped', message: { en: 'interrupted', 'zh-cn': '已中断' } });
    expect(h.fake.calls.at(-1)).toBe('cleanup');
    expect(runExitCode({ exercises: [h.result], startedAt: '', durationMs: 0 })).toBe(130);
  });

  it('an abort before the cluster phase never creates the cluster', async () => {
    const controller = new AbortController();
    controller.abort();
    const h = await runWith(grader([staticCheck('st', () => [])], [step('s', async () => {})]), { signal: controller.signal });
    expect(h.result.error).toEqual({ kind: 'interrupted' });
    expect(h.factoryCalls).toBe(0);
    expect(h.check('s').message?.en).toBe('interrupted');
  });
});

describe('cluster errors', () => {
  const reason = t('Docker is not running', 'Docker 没有运行');
  const hint = t('start Docker Desktop', '请启动 Docker Desktop');

  it('ClusterUnavailableError on prepare: cluster error, every step skipped, result still produced, cleanup called', async () => {
    const fake = new FakeCluster({ prepareError: new ClusterUnavailableError(reason, hint) });
    const h = await runWith(grader([staticCheck('st', () => [], 30)], [step('a', async () => {}), step('b', async () => {})]), { fake });
    expect(h.result.error).toEqual({ kind: 'cluster', message: reason, hint });
    expect(h.check('st').status).toBe('passed');
    for (const id of ['a', 'b']) expect(h.check(id)).toMatchObject({ status: 'skipped', message: { en: 'not checked: the cluster could not be brought up' } });
    expect(h.result.score).toBe(30);
    expect(fake.calls).toEqual(['prepare', 'cleanup']);
    expect(runExitCode({ exercises: [h.result], startedAt: '', durationMs: 0 })).toBe(3);
  });

  it('a factory that throws gives the same cluster error', async () => {
    const h = await runWith(grader([], [step('a', async () => {})]), {
      cluster: () => {
        throw new ClusterUnavailableError(reason);
      },
    });
    expect(h.result.error).toMatchObject({ kind: 'cluster', message: reason });
    expect(exerciseStatus(h.result)).toBe('error');
  });

  it('a non-ClusterUnavailable prepare failure is still a cluster error with the text', async () => {
    const fake = new FakeCluster({ prepareError: new Error('kubectl: connection refused') });
    const h = await runWith(grader([], [step('a', async () => {})]), { fake });
    const err = h.result.error?.kind === 'cluster' ? h.result.error : undefined;
    expect(err?.message.en).toBe('the cluster could not be prepared: kubectl: connection refused');
    expect(err?.hint?.['zh-cn']).toContain('--cluster model');
  });

  it('the cluster going away mid-run fails that step and skips the rest', async () => {
    const h = await runWith(
      grader([], [
        step('a', async () => {
          throw new ClusterUnavailableError(reason);
        }),
        step('b', async () => {}),
      ]),
    );
    expect(h.check('a')).toMatchObject({ status: 'failed', message: reason });
    expect(h.check('b').message?.en).toMatch(/stopped answering/);
    expect(h.result.error).toMatchObject({ kind: 'cluster' });
  });

  it('installs fixtures before setup and steps', async () => {
    const order: string[] = [];
    const h = await runWith(
      grader([], [step('a', async () => void order.push('step'))], {
        fixtures: ['nfs-server'],
        async setup() {
          order.push('setup');
        },
      }),
    );
    expect(h.fake.calls).toEqual(['prepare', 'fixture nfs-server', 'cleanup']);
    expect(order).toEqual(['setup', 'step']);
  });
});

