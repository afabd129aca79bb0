import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureLesson, CaptureError, checkExitCodes, planSteps, writeCapture } from '../../src/walkthrough/capture.ts';
import { parseCaptureFile } from '../../src/walkthrough/capture-file.ts';
import { mapNodeNames } from '../../src/walkthrough/lab-names.ts';
import { parseStepFile } from '../../src/walkthrough/step-file.ts';

const step = (name: string, text: string) => parseStepFile(text, `lessons/09-demo/walkthrough/${name}.sh`);
const cluster = { kindConfig: 'lab/kind-course.yaml', kindVersion: 'v0.31.0', kubernetesVersion: 'v1.35.4', nodeImage: 'k8s-storage-course/node:v1.35.4-abc' };
const session = { cwd: tmpdir(), env: { PATH: process.env.PATH }, commandTimeoutMs: 10_000 };

describe('planSteps', () => {
  const steps = [step('01-a', 'echo a\n'), step('02-nfs', '#@ needs: nfs\necho b\n'), step('03-c', 'echo c\n')];

  it('runs every step when nothing is missing', () => {
    expect(planSteps(steps, {}).run.map((s) => s.id)).toEqual(['01-a', '02-nfs', '03-c']);
  });

  it('stops at the first step that needs what is missing, and says why for it and every later step', () => {
    const plan = planSteps(steps, { nfs: 'no "nfs" in /proc/filesystems' });
    expect(plan.run.map((s) => s.id)).toEqual(['01-a']);
    expect(plan.skipped.map((s) => s.step.id)).toEqual(['02-nfs', '03-c']);
    expect(plan.skipped[0].reason.en).toContain('has no NFS client (no "nfs" in /proc/filesystems)');
    expect(plan.skipped[0].reason['zh-cn']).toContain('没有 NFS 客户端（no "nfs" in /proc/filesystems）');
    expect(plan.skipped[1].reason).toEqual({ en: 'it builds on step 02-nfs, which could not run here', 'zh-cn': '它依赖于步骤 02-nfs，而该步骤在这里无法运行' });
  });
});

describe('checkExitCodes', () => {
  const s = step('01-a', 'echo a\n#@ fails\ncat /nope\n');
  const result = (a: number, b: number) => [{ step: '01-a', commands: [{ command: 'echo a', exitCode: a, output: 'x\n', seconds: 0 }, { command: 'cat /nope', exitCode: b, output: 'y\n', seconds: 0 }] }];

  it('accepts exit codes that match the #@ fails marks', () => {
    expect(checkExitCodes([s], result(0, 1))).toBeUndefined();
  });

  it('refuses a failure the step does not expect, with file:line and its output', () => {
    const err = checkExitCodes([s], result(2, 1))!;
    expect(err.localized.en).toBe('lessons/09-demo/walkthrough/01-a.sh:1: `echo a` ended with exit code 2, and the step does not say "#@ fails" before it. Its output:');
    expect(err.output).toBe('x\n');
  });

  it('refuses a success where the step expects a failure', () => {
    expect(checkExitCodes([s], result(0, 0))!.localized['zh-cn']).toContain('01-a.sh:3：`cat /nope` 成功了');
  });
});

describe('captureLesson', () => {
  it('captures the runnable steps and keeps the commands and reason of the others, as a valid capture file', async () => {
    const steps = [step('01-a', 'X=1\necho "x=$X"\n#@ fails\ntest -e /definitely/not/here\n'), step('02-nfs', '#@ needs: nfs\nmount -t nfs a:/ /mnt\n')];
    const capture = await captureLesson('09-demo', steps, { missing: { nfs: 'no "nfs" in /proc/filesystems' }, cluster, session, now: () => new Date('2026-12-03T12:00:00Z') });
    expect(capture.steps.map((s) => s.status)).toEqual(['captured', 'not-captured']);
    const first = capture.steps[0];
    expect(first.status === 'captured' && first.commands.map((c) => [c.output, c.exitCode])).toEqual([['', 0], ['x=1\n', 0], ['', 1]]);
    expect(capture.steps[1]).toMatchObject({ commands: ['mount -t nfs a:/ /mnt'] });
    expect(capture.capturedAt).toBe('2026-12-03T12:00:00.000Z');
    const dir = mkdtempSync(join(tmpdir(), 'wt-capture-'));
    const file = writeCapture(dir, capture);
    expect(parseCaptureFile(readFileSync(file, 'utf8'), file)).toEqual(capture);
    expect(readdirSync(dir)).toEqual(['captured.json']);
  });

  it('runs each command as mapped, and keeps it in the capture as written', async () => {
    const steps = [step('01-a', 'echo course-worker course-worker2 storage-course-worker\n')];
    const capture = await captureLesson('09-demo', steps, { missing: {}, cluster, session, mapCommand: (t) => mapNodeNames(t, 'lab-x') });
    const first = capture.steps[0];
    expect(first.status === 'captured' && first.commands.map((c) => [c.command, c.output])).toEqual([['echo course-worker course-worker2 storage-course-worker', 'lab-x-worker lab-x-worker2 storage-course-worker\n']]);
  });

  it('checks the exit codes of the mapped commands against the marks of the commands as written', async () => {
    const steps = [step('01-a', 'echo course-worker\n#@ fails\ntest course-worker = lab-x-worker\n')];
    const err = await captureLesson('09-demo', steps, { missing: {}, cluster, session, mapCommand: (t) => mapNodeNames(t, 'lab-x') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as CaptureError).localized.en).toContain('01-a.sh:3: `test course-worker = lab-x-worker` succeeded, but the step says "#@ fails"');
  });

  it('writes nothing when a command fails unexpectedly', async () => {
    await expect(captureLesson('09-demo', [step('01-a', 'cat /definitely/not/here\n')], { missing: {}, cluster, session })).rejects.toBeInstanceOf(CaptureError);
  });
});
