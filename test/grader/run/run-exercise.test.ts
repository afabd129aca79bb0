import { describe, expect, it } from 'vitest';
import { exerciseStatus, runExitCode } from '../../../src/grader/report/model.ts';
import podData from '../../fixtures/graders/pod-data.ts';
import { grader, runOneStep, runWith, staticCheck, step, t } from './helpers.ts';
import { submissionFromYaml } from './submission.ts';

describe('runExercise: a whole grader on the fake cluster', () => {
  it('passes the pod-data grader and scores 100 of 100', async () => {
    const events: string[] = [];
    const h = await runWith(podData, {
      events: {
        exerciseStart: (e) => events.push(`start ${e.id}`),
        phase: (p) => events.push(`phase ${p}`),
        checkStart: (c) => events.push(`begin ${c.id}`),
        checkEnd: (r) => events.push(`end ${r.id} ${r.status}`),
        exerciseEnd: (r) => events.push(`done ${r.score}`),
      },
    });
    expect(h.result.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      'has-pod:passed',
      'running:passed',
      'shared:passed',
      'restart:passed',
      'recreate:passed',
    ]);
    expect(h.result).toMatchObject({ score: 100, maxScore: 100, id: 'lesson-1', lesson: '01-demo' });
    expect(h.result.error).toBeUndefined();
    expect(exerciseStatus(h.result)).toBe('pass');
    expect(h.fake.calls[0]).toBe('prepare');
    expect(h.fake.calls.at(-1)).toBe('cleanup');
    expect(h.fake.calls).toContain('kill cache-pod/writer');
    expect(events).toEqual([
      'start lesson-1',
      'phase load',
      'phase static',
      'begin has-pod',
      'end has-pod passed',
      'phase cluster',
      'phase steps',
      'begin running',
      'end running passed',
      'begin shared',
      'end shared passed',
      'begin restart',
      'end restart passed',
      'begin recreate',
      'end recreate passed',
      'phase cleanup',
      'done 100',
    ]);
  });

  it('takes no real time on a virtual clock even when the scenario waits for minutes', async () => {
    const started = Date.now();
    const { result, virtualMs } = await runOneStep(
      (ctx) => ctx.until(async () => undefined, t('never'), { intervalMs: 1000 }).then(() => undefined),
      { timeoutMs: 300_000 },
    );
    expect(result.status).toBe('failed');
    expect(virtualMs).toBeGreaterThanOrEqual(300_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('static checks', () => {
  it('never calls the cluster factory when one fails, and skips every step saying why', async () => {
    const sub = submissionFromYaml({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache-pod\nspec:\n  restartPolicy: Never\n' });
    const h = await runWith(
      grader(
        [
          staticCheck('ok', () => [], 15),
          staticCheck('policy', (s) => {
            const pod = s.find('Pod', 'cache-pod')!;
            return [{ message: t('restartPolicy must not be Never', 'restartPolicy 不能是 Never'), at: pod.at(['spec', 'restartPolicy']) }];
          }, 25),
        ],
        [step('s1', async () => {}), step('s2', async () => {})],
      ),
      { submission: sub },
    );
    expect(h.factoryCalls).toBe(0);
    expect(h.fake.calls).toEqual([]);
    expect(h.check('policy')).toMatchObject({
      status: 'failed',
      score: 0,
      message: t('restartPolicy must not be Never', 'restartPolicy 不能是 Never'),
      hint: t('fix policy', '修改 policy'),
      at: { file: 'pod.yaml', line: 6, col: 18 },
    });
    for (const id of ['s1', 's2']) {
      expect(h.check(id)).toMatchObject({
        status: 'skipped',
        message: { en: 'static checks failed, so no cluster was started', 'zh-cn': '静态检查未通过，因此没有启动集群' },
      });
    }
    expect(h.result.score).toBe(15);
    expect(h.result.error).toBeUndefined();
    expect(exerciseStatus(h.result)).toBe('fail');
  });

  it('joins several findings and keeps a crashing check from stopping the run', async () => {
    const h = await runWith(
      grader(
        [
          staticCheck('many', () => [
            { message: t('first'), at: { file: 'a.yaml', line: 1, col: 1 } },
            { message: t('second'), at: { file: 'b.yaml', line: 7, col: 3 } },
          ]),
          staticCheck('boom', () => {
            throw new Error('bug in check');
          }),
        ],
        [step('s', async () => {})],
      ),
    );
    expect(h.check('many').message?.en).toBe('first\nsecond (b.yaml:7:3)');
    expect(h.check('many').at).toEqual({ file: 'a.yaml', line: 1, col: 1 });
    expect(h.check('boom')).toMatchObject({ status: 'failed', observed: 'bug in check' });
    expect(h.factoryCalls).toBe(0);
  });
});

describe('submission problems and unsafe specs', () => {
  const g = () => grader([staticCheck('st', () => [])], [step('s', async () => {})]);

  it('load problems give a submission error and skip every check', async () => {
    const problem = { code: 'yaml.syntax', message: t('bad indentation'), at: { file: 'pod.yaml', line: 3, col: 2 } };
    const h = await runWith(g(), { loader: async () => ({ ok: false, problems: [problem] }) });
    expect(h.result.error).toEqual({ kind: 'submission', problems: [problem] });
    expect(h.result.checks.every((c) => c.status === 'skipped' && c.message?.en.includes('could not be read'))).toBe(true);
    expect(h.factoryCalls).toBe(0);
    expect(exerciseStatus(h.result)).toBe('error');
    expect(runExitCode({ exercises: [h.result], startedAt: '', durationMs: 0 })).toBe(2);
  });

  it('schema problems skip every check as not valid, not as unreadable', async () => {
    const problem = { code: 'schema.unknownField', message: t('unknown field "volumeMount"'), at: { file: 'pod.yaml', line: 9, col: 5 } };
    const h = await runWith(g(), { loader: async () => ({ ok: false, problems: [problem] }) });
    expect(h.result.error).toEqual({ kind: 'submission', problems: [problem] });
    expect(h.result.checks.every((c) => c.status === 'skipped' && c.message?.en.includes('the submission is not valid'))).toBe(true);
    expect(h.result.checks.some((c) => c.message?.en.includes('could not be read'))).toBe(false);
    expect(h.factoryCalls).toBe(0);
  });

  it('a loader that throws still gives a result', async () => {
    const h = await runWith(g(), { loader: async () => Promise.reject(new Error('EACCES: permission denied')) });
    expect(h.result.error).toMatchObject({ kind: 'submission', problems: [{ code: 'submission.unreadable' }] });
    const problems = h.result.error?.kind === 'submission' ? h.result.error.problems : [];
    expect(problems[0].message.en).toContain('EACCES: permission denied');
  });

  it('refuses any unsafe finding before the cluster is made, passing the lesson and its host paths to the finder', async () => {
    const privileged = { code: 'safety.privileged', message: t('privileged') };
    const hostPath = { code: 'safety.hostPath', message: t('hostPath /tmp') };
    const policies: unknown[] = [];
    const a = await runWith({ ...g(), hostPaths: ['/var/local/x'] }, { findUnsafe: (_sub, policy) => (policies.push(policy), [privileged, hostPath]) });
    expect(policies).toEqual([{ lesson: 'lesson-1', hostPaths: ['/var/local/x'] }]);
    expect(a.result.error).toEqual({ kind: 'submission', problems: [privileged, hostPath] });
    expect(a.factoryCalls).toBe(0);
    expect(a.check('s').message?.en).toMatch(/unsafe/);
    const b = await runWith(g(), { findUnsafe: () => [] });
    expect(b.result.error).toBeUndefined();
    expect(b.result.score).toBe(100);
  });

  it('still runs the static checks of a refused submission, so both reasons reach the student', async () => {
    const refused = [{ code: 'safety.privileged', message: t('privileged') }];
    const h = await runWith(
      grader([staticCheck('names', () => [{ message: t('the Pod must be named cache-pod') }], 30)], [step('s', async () => {}, { points: 70 })]),
      { findUnsafe: () => refused },
    );
    expect(h.result.error).toEqual({ kind: 'submission', problems: refused });
    expect(h.check('names')).toMatchObject({ status: 'failed', message: t('the Pod must be named cache-pod') });
    expect(h.check('s').status).toBe('skipped');
    expect(h.factoryCalls).toBe(0);
  });

  it('passes the loader notes through', async () => {
    const note = t('the namespace field in pod.yaml was ignored');
    const sub = submissionFromYaml({ 'pod.yaml': 'kind: Pod\nmetadata:\n  name: x\n' });
    const h = await runWith(g(), { loader: async () => ({ ok: true, submission: sub, notes: [note] }) });
    expect(h.result.notes).toEqual([note]);
  });
});

