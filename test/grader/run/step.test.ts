import { describe, expect, it } from 'vitest';
import { ApplyError, ExecError } from '../../../src/grader/cluster/cluster.ts';
import { FakeCluster } from './fake-cluster.ts';
import { grader, runOneStep, runWith, step, t } from './helpers.ts';

describe('timeouts report the last observation', () => {
  it('until fails with the failure, the wait, and the last thing observed', async () => {
    let probes = 0;
    const { result, virtualMs } = await runOneStep(async (ctx) => {
      await ctx.until(
        async (observe) => {
          probes++;
          observe(`PVC course-pvc is still Pending: waiting for first consumer (probe ${probes})`);
          return undefined;
        },
        t('PVC course-pvc did not bind', 'PVC course-pvc 没有绑定'),
        { intervalMs: 2_000, timeoutMs: 30_000 },
      );
    });
    expect(result.status).toBe('failed');
    expect(result.message).toEqual({ en: 'PVC course-pvc did not bind (waited 30 s)', 'zh-cn': 'PVC course-pvc 没有绑定（等待了 30 秒）' });
    expect(result.observed).toBe(`PVC course-pvc is still Pending: waiting for first consumer (probe ${probes})`);
    expect(probes).toBe(16); // at 0, 2, ..., 30 s
    expect(virtualMs).toBe(30_000);
    expect(result.hint).toEqual(t('hint only', '提示 only'));
  });

  it("the step's own timeout bounds an until without one", async () => {
    const { result, virtualMs } = await runOneStep(
      (ctx) => ctx.until(async (observe) => (observe('still nothing'), undefined), t('nothing happened')).then(() => undefined),
      { timeoutMs: 5_000 },
    );
    expect(result.message?.en).toBe('nothing happened (waited 5 s)');
    expect(result.observed).toBe('still nothing');
    expect(virtualMs).toBe(5_000);
  });

  it('--timeout (stepTimeoutMs) overrides the step timeout', async () => {
    const { result, virtualMs } = await runOneStep((ctx) => ctx.until(async () => undefined, t('x')).then(() => undefined), {
      timeoutMs: 60_000,
      stepTimeoutMs: 7_000,
    });
    expect(result.message?.en).toBe('x (waited 7 s)');
    expect(virtualMs).toBe(7_000);
  });

  it('a sleep on ctx.cluster.clock past the deadline times the step out', async () => {
    let after = false;
    const { result, virtualMs } = await runOneStep(
      async (ctx) => {
        await ctx.cluster.clock.sleep(60_000);
        after = true;
      },
      { timeoutMs: 10_000 },
    );
    expect(after).toBe(false);
    expect(result.status).toBe('failed');
    expect(result.message).toEqual({ en: 'did not finish within 10 s', 'zh-cn': '未能在 10 秒内完成' });
    expect(virtualMs).toBe(10_000);
  });

  it('a call that never returns is stopped by the watchdog, with the last observation', async () => {
    const started = Date.now();
    const { result } = await runOneStep(
      async (ctx) => {
        await ctx.until(async (observe) => (observe('pod is ContainerCreating'), true), t('unused'));
        await new Promise<never>(() => {});
      },
      { timeoutMs: 60 },
    );
    expect(result.status).toBe('failed');
    expect(result.message?.en).toBe('did not finish within 0.1 s');
    expect(result.observed).toBe('pod is ContainerCreating');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a probe that hangs reports the failure of the until it was in', async () => {
    let probes = 0;
    const { result } = await runOneStep(
      (ctx) =>
        ctx
          .until(async (observe) => {
            if (++probes === 1) {
              observe('PVC data-0 is Pending: waiting for first consumer');
              return undefined;
            }
            return new Promise<never>(() => {}); // e.g. a kubectl call that never returns
          }, t('PVC data-0 did not bind', 'PVC data-0 没有绑定'), { intervalMs: 1 })
          .then(() => undefined),
      { timeoutMs: 60 },
    );
    expect(result.message).toEqual({ en: 'PVC data-0 did not bind (waited 0.1 s)', 'zh-cn': 'PVC data-0 没有绑定（等待了 0.1 秒）' });
    expect(result.observed).toBe('PVC data-0 is Pending: waiting for first consumer');
  });

  it('a step that ended cannot touch the cluster any more', async () => {
    const fake = new FakeCluster();
    let lateError: unknown;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const h = await runWith(
      grader([], [
        step('slow', async (ctx) => {
          await gate;
          await ctx.cluster.apply([]).catch((e: unknown) => (lateError = e));
        }, { timeoutMs: 40 }),
        step('next', async () => release()),
      ]),
      { fake },
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(h.check('slow').status).toBe('failed');
    expect(h.check('next').status).toBe('passed');
    expect(String(lateError)).toMatch(/timed out|after the step ended/);
    expect(fake.calls.filter((c) => c.startsWith('apply'))).toEqual([]);
  });
});

describe('step errors become clear messages', () => {
  it('ApplyError names the object and keeps the API text as observed', async () => {
    const { result } = await runOneStep(async () => {
      throw new ApplyError('PersistentVolume "course-pv" is invalid: spec.capacity: Required value', { kind: 'PersistentVolume', name: 'course-pv' });
    });
    expect(result.message?.en).toBe('the cluster refused PersistentVolume course-pv (the API server said why, below)');
    expect(result.observed).toContain('spec.capacity: Required value');
  });

  it('ExecError says what a container needs', async () => {
    const { result } = await runOneStep(async () => {
      throw new ExecError('OCI runtime exec failed: exec: "sh": executable file not found');
    });
    expect(result.message?.en).toContain('/bin/sh');
    expect(result.observed).toContain('executable file not found');
  });

  it('gathers diagnostics for failed steps, and a failing diagnostics call does not hide the result', async () => {
    const diagnose = [{ kind: 'Pod', name: 'cache-pod' }];
    const ok = await runWith(grader([], [step('a', async (ctx) => ctx.fail(t('no')), { diagnose }), step('b', async () => {}, { diagnose })]));
    expect(ok.check('a').diagnostics).toEqual([{ title: 'describe Pod cache-pod', text: 'fake description of Pod cache-pod' }]);
    expect(ok.check('b').diagnostics).toEqual([]);
    expect(ok.fake.calls.filter((c) => c === 'diagnostics')).toHaveLength(1);

    const fake = new FakeCluster({ diagnosticsError: new Error('describe exploded') });
    const bad = await runWith(grader([], [step('a', async (ctx) => ctx.fail(t('no')), { diagnose })]), { fake });
    expect(bad.check('a')).toMatchObject({ status: 'failed', message: t('no') });
    expect(bad.check('a').diagnostics[0].text).toContain('describe exploded');
  });
});

