import { describe, expect, it } from 'vitest';
import type { CaptureFile } from '../../src/walkthrough/capture-file.ts';
import { parseStepFile } from '../../src/walkthrough/step-file.ts';
import { expandTabs, matchCapture, transcript } from '../../src/walkthrough/transcript.ts';

const step = parseStepFile("kubectl get pod a\n#@ fails\nkubectl exec a -- cat /x\nID=$(kubectl get pod a -o \\\n  jsonpath='{.metadata.uid}')\n", 'lessons/09-demo/walkthrough/01-a.sh');
const capture = (commands: string[]): CaptureFile => ({
  lesson: '09-demo',
  capturedBy: 'npm run walkthroughs:capture',
  capturedAt: '2026-12-03T12:00:00.000Z',
  cluster: { kindConfig: 'lab/kind-course.yaml', kindVersion: 'v0.31.0', kubernetesVersion: 'v1.35.4', nodeImage: 'img' },
  steps: [{ step: '01-a', status: 'captured', commands: commands.map((command, i) => ({ command, exitCode: i === 1 ? 1 : 0, output: i === 0 ? 'NAME   READY\na      1/1\n' : i === 1 ? 'cat: can\'t open \'/x\': No such file or directory\n' : '', seconds: 0.4 })) }],
});
const FILE = 'lessons/09-demo/walkthrough/captured.json';

describe('matchCapture', () => {
  it('finds the capture of a step whose commands are unchanged', () => {
    expect(matchCapture('09-demo', step, capture(step.commands.map((c) => c.text)), FILE)).toHaveProperty('captured');
  });

  it('says which step has no capture, and how to make one', () => {
    const r = matchCapture('09-demo', step, undefined, FILE);
    expect(r).toEqual({ problem: { en: expect.stringContaining('lessons/09-demo/walkthrough/01-a.sh: step 01-a has no capture in lessons/09-demo/walkthrough/captured.json; run `npm run walkthroughs:capture -- 09-demo`'), 'zh-cn': expect.stringContaining('没有捕获') } });
  });

  it('names the line of a command changed since its capture', () => {
    const r = matchCapture('09-demo', step, capture(['kubectl get pod a', 'kubectl exec a -- cat /y', step.commands[2].text]), FILE);
    expect('problem' in r && r.problem.en).toMatch(/^lessons\/09-demo\/walkthrough\/01-a\.sh:3: the command differs from the one captured \("kubectl exec a -- cat \/y"\)/);
  });

  it('notices a command added or removed', () => {
    const r = matchCapture('09-demo', step, capture(['kubectl get pod a']), FILE);
    expect('problem' in r && r.problem['zh-cn']).toContain('该步骤有 3 条命令，而捕获中有 1 条');
  });
});

describe('transcript', () => {
  it('shows each command after "$ ", then its output, then the exit code of a failure in the page language', () => {
    const c = capture(step.commands.map((x) => x.text)).steps[0];
    if (c.status !== 'captured') throw new Error('fixture');
    expect(transcript(c, (code) => `退出码 ${code}`)).toBe(
      [
        '$ kubectl get pod a',
        'NAME   READY',
        'a      1/1',
        '$ kubectl exec a -- cat /x',
        "cat: can't open '/x': No such file or directory",
        '# 退出码 1',
        '$ ID=$(kubectl get pod a -o \\',
        "  jsonpath='{.metadata.uid}')",
        '',
      ].join('\n'),
    );
  });
});

describe('expandTabs', () => {
  it('moves each tab to the next multiple of eight columns, as a terminal does', () => {
    expect(expandTabs('Server:\t\t10.96.0.10\nName:\tkv-1\n\tx')).toBe('Server:         10.96.0.10\nName:   kv-1\n        x');
  });
});
