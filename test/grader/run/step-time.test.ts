import { describe, expect, it } from 'vitest';
import { StepTimeBook } from '../../../src/grader/run/step-time.ts';
import { FakeCluster, VirtualClock } from './fake-cluster.ts';
import { runOneStep } from './helpers.ts';

describe('StepTimeBook', () => {
  it('counts overlapping work of one kind once, and nothing but waiting inside a wait', async () => {
    const clock = new VirtualClock();
    const book = new StepTimeBook(clock);
    await Promise.all([book.time('kubectlMs', () => clock.sleep(300)), book.time('kubectlMs', () => clock.sleep(200))]);
    await book.time('waitingMs', async () => {
      await book.time('kubectlMs', () => clock.sleep(100));
      await book.time('sleepingMs', () => clock.sleep(900));
    });
    await book.time('sleepingMs', () => clock.sleep(50));
    expect(book.snapshot()).toEqual({ kubectlMs: 500, waitingMs: 1_000, sleepingMs: 50 });
  });

  it('counts work that failed, and work still running', async () => {
    const clock = new VirtualClock();
    const book = new StepTimeBook(clock);
    await expect(book.time('kubectlMs', async () => (await clock.sleep(400), Promise.reject(new Error('exit 1'))))).rejects.toThrow('exit 1');
    let release!: () => void;
    const running = book.time('waitingMs', () => new Promise<void>((r) => (release = r)));
    clock.advance(250);
    expect(book.snapshot()).toEqual({ kubectlMs: 400, waitingMs: 250, sleepingMs: 0 });
    release();
    await running;
  });
});

describe('a step\'s timing in its result', () => {
  it('splits the step into its own cluster calls, its waits and its fixed sleeps', async () => {
    const fake = new FakeCluster();
    // A cluster call that takes 700 ms of cluster time, like a slow kubectl.
    fake.scale = async () => fake.clock.sleep(700);
    let ready = false;
    const { result } = await runOneStep(
      async (ctx) => {
        await ctx.cluster.scale('StatefulSet', 'web', 1);
        fake.clock.after(3_000, () => (ready = true));
        await ctx.until(async () => ((await ctx.cluster.list('Pod')) && ready ? true : undefined), { en: 'never', 'zh-cn': '从未' }, { intervalMs: 1_000 });
        await ctx.cluster.clock.sleep(500);
      },
      { fake },
    );
    expect(result.status).toBe('passed');
    expect(result.timing).toEqual({ kubectlMs: 700, waitingMs: 3_000, sleepingMs: 500 });
    expect(result.durationMs).toBe(4_200);
  });
});
