import { describe, expect, it } from 'vitest';
import {
  applySubmission,
  awaitPodRunning,
  expectNoToken,
  expectToken,
  readFileIn,
  writeToken,
} from '../../../src/grader/scenario/index.ts';
import { FakeCluster } from '../run/fake-cluster.ts';
import { runOneStep } from '../run/helpers.ts';

const writer = { pod: 'cache-pod', container: 'writer', path: '/cache/token' };

describe('tokens in files', () => {
  it('writes a fresh token, reads it back and finds it', async () => {
    let tokens: string[] = [];
    let read: string | undefined;
    const { result } = await runOneStep(async (ctx) => {
      await applySubmission(ctx);
      await awaitPodRunning(ctx, 'cache-pod');
      tokens = [await writeToken(ctx, 'cache-pod', 'writer', '/cache/a'), await writeToken(ctx, 'cache-pod', 'writer', '/cache/token')];
      read = await readFileIn(ctx, 'cache-pod', 'reader', '/cache/token');
      await expectToken(ctx, { ...writer, container: 'reader' }, tokens[1]);
      await expectNoToken(ctx, writer, 'some-other-token');
    });
    expect(result.status).toBe('passed');
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(read).toBe(tokens[1]);
  });

  it('says what the file held when the token is missing', async () => {
    const fake = new FakeCluster();
    const { result } = await runOneStep(
      async (ctx) => {
        await applySubmission(ctx);
        await awaitPodRunning(ctx, 'cache-pod');
        fake.files.set('cache-pod:/cache/token', 'stale-value\n');
        await expectToken(ctx, writer, 'fresh-token');
      },
      { fake },
    );
    expect(result.message?.en).toBe('/cache/token in container writer of Pod cache-pod does not hold the token the grader wrote (waited 10 s)');
    expect(result.observed).toBe('/cache/token in cache-pod/writer: the file holds "stale-value"; expected "fresh-token"');
  });

  it('uses the caller’s failure message when given, and fails when a token that should be gone is there', async () => {
    const failure = { en: 'the emptyDir kept data after the pod was re-created', 'zh-cn': 'Pod 重新创建后 emptyDir 仍保留了数据' };
    const { result } = await runOneStep(async (ctx) => {
      await applySubmission(ctx);
      await awaitPodRunning(ctx, 'cache-pod');
      const token = await writeToken(ctx, 'cache-pod', 'writer', '/cache/token');
      await expectNoToken(ctx, writer, token, { failure });
    });
    expect(result.message).toEqual(failure);
    expect(result.observed).toMatch(/the file holds "token-\d+"/);
  });

  it('turns an exec failure into a message about the mount', async () => {
    const { result } = await runOneStep(async (ctx) => {
      await applySubmission(ctx);
      await writeToken(ctx, 'cache-pod', 'writer', '/cache/token'); // containers are not running yet
    });
    expect(result.message?.en).toBe('could not write /cache/token in container writer of Pod cache-pod; is a volume mounted at /cache?');
    expect(result.observed).toBe('container writer of pod cache-pod is not running');
  });

  it('reports a missing file as missing', async () => {
    const { result } = await runOneStep(async (ctx) => {
      await applySubmission(ctx);
      await awaitPodRunning(ctx, 'cache-pod');
      await expectToken(ctx, writer, 'abc', { timeoutMs: 2_000 });
    });
    expect(result.observed).toContain('the file does not exist');
  });
});
