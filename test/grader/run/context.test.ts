import { describe, expect, it } from 'vitest';
import { ClusterUnavailableError, ExecError } from '../../../src/grader/cluster/cluster.ts';
import { CheckFailure } from '../../../src/grader/define.ts';
import { grader, runOneStep, runWith, step, t } from './helpers.ts';

describe('until retries', () => {
  it('retries until the probe returns a value, on the cluster clock', async () => {
    let probes = 0;
    let got: unknown;
    const { result, virtualMs } = await runOneStep(async (ctx) => {
      got = await ctx.until(async () => (++probes >= 4 ? { bound: true } : undefined), t('x'), { intervalMs: 500 });
    });
    expect(result.status).toBe('passed');
    expect(got).toEqual({ bound: true });
    expect(probes).toBe(4);
    expect(virtualMs).toBe(1_500);
  });

  it('treats cluster errors in a probe as observations and keeps trying', async () => {
    let probes = 0;
    const { result } = await runOneStep(async (ctx) => {
      await ctx.until(async () => {
        if (++probes < 3) throw new ExecError('container not running');
        return 'ok';
      }, t('x'));
    });
    expect(result.status).toBe('passed');
    expect(probes).toBe(3);
  });

  it('reports the last probe error when it never recovers', async () => {
    const { result } = await runOneStep(
      (ctx) => ctx.until(async () => Promise.reject(new ExecError('error: unable to upgrade connection')), t('no exec')).then(() => undefined),
      { timeoutMs: 3_000 },
    );
    expect(result.observed).toBe('error: unable to upgrade connection');
  });

  it('does not retry a cluster that cannot do it (ClusterUnavailableError): the run ends as the cluster\'s problem', async () => {
    let probes = 0;
    const h = await runWith(grader([], [step('only', (ctx) =>
      ctx.until(async () => {
        probes++;
        throw new ClusterUnavailableError(t('the registry cannot be reached'));
      }, t('x')).then(() => undefined), { points: 100 })]));
    expect(probes).toBe(1);
    expect(h.check('only').status).toBe('failed');
    expect(h.result.error).toMatchObject({ kind: 'cluster', message: t('the registry cannot be reached') });
  });

  it('does not retry a CheckFailure or a programming error', async () => {
    let probes = 0;
    const a = await runOneStep((ctx) =>
      ctx.until(async () => {
        probes++;
        throw new CheckFailure(t('image cannot be pulled'), 'ImagePullBackOff');
      }, t('x')).then(() => undefined),
    );
    expect(probes).toBe(1);
    expect(a.result).toMatchObject({ status: 'failed', message: t('image cannot be pulled'), observed: 'ImagePullBackOff' });
    expect(a.virtualMs).toBe(0);

    const b = await runOneStep((ctx) =>
      ctx.until(async () => (undefined as unknown as { x: { y: number } }).x.y, t('x')).then(() => undefined),
    );
    expect(b.result.status).toBe('failed');
    expect(b.result.message?.en).toMatch(/unexpected error/);
    expect(b.result.observed).toMatch(/^TypeError: /);
    expect(b.virtualMs).toBe(0);
  });
});

describe('context', () => {
  it('hands out fresh tokens and shares state between steps', async () => {
    const tokens: string[] = [];
    const h = await runWith(
      grader([], [
        step('a', async (ctx) => {
          tokens.push(ctx.token(), ctx.token());
          ctx.state.set('x', 42);
        }),
        step('b', async (ctx) => {
          if (ctx.state.get('x') !== 42) ctx.fail(t('state lost'));
        }),
      ]),
      { random: () => 'same' },
    );
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(h.check('b').status).toBe('passed');
  });

  it('reports progress as events and survives a throwing event handler', async () => {
    const seen: string[] = [];
    const h = await runWith(
      grader([], [step('a', async (ctx) => ctx.progress(t('killing writer')))]),
      {
        events: {
          checkProgress: (c, what) => seen.push(`${c.id}: ${what.en}`),
          checkEnd: () => {
            throw new Error('display broke');
          },
        },
      },
    );
    expect(seen).toEqual(['a: killing writer']);
    expect(h.check('a').status).toBe('passed');
  });

  it('measures step durations on the cluster clock', async () => {
    const h = await runWith(grader([], [step('a', async (ctx) => ctx.cluster.clock.sleep(12_345))]));
    expect(h.check('a').durationMs).toBe(12_345);
    expect(h.result.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
