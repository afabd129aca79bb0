import { describe, expect, it } from 'vitest';
import { parseStepFile, WalkthroughFileError } from '../../src/walkthrough/step-file.ts';

const FILE = 'lessons/09-demo/walkthrough/02-restart.sh';

function error(text: string, file = FILE): WalkthroughFileError {
  try {
    parseStepFile(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(WalkthroughFileError);
    return err as WalkthroughFileError;
  }
  throw new Error('parseStepFile accepted the file');
}

describe('parseStepFile', () => {
  it('reads one command per line, joins backslash continuations, and keeps the first line number', () => {
    const step = parseStepFile("kubectl get pod a\n\nID=$(kubectl get pod a -o \\\n  jsonpath='{.metadata.uid}')\necho \"$ID\"\n", FILE);
    expect(step.id).toBe('02-restart');
    expect(step.commands.map((c) => [c.line, c.text])).toEqual([
      [1, 'kubectl get pod a'],
      [3, "ID=$(kubectl get pod a -o \\\n  jsonpath='{.metadata.uid}')"],
      [5, 'echo "$ID"'],
    ]);
    expect(step.display).toBe("kubectl get pod a\n\nID=$(kubectl get pod a -o \\\n  jsonpath='{.metadata.uid}')\necho \"$ID\"\n");
  });

  it('takes `#@ fails` for the next command only and hides directives from what the page shows', () => {
    const step = parseStepFile('#@ needs: nfs\nkubectl apply -f x.yaml\n#@ fails\nkubectl exec p -- cat /nope\nkubectl delete pod p\n', FILE);
    expect(step.needs).toEqual(['nfs']);
    expect(step.commands.map((c) => c.expectFailure)).toEqual([false, true, false]);
    expect(step.display).toBe('kubectl apply -f x.yaml\nkubectl exec p -- cat /nope\nkubectl delete pod p\n');
  });

  it('accepts CRLF line ends', () => {
    expect(parseStepFile('echo a\r\necho b\r\n', FILE).commands.map((c) => c.text)).toEqual(['echo a', 'echo b']);
  });

  it('refuses ordinary comments, in both languages, with file:line', () => {
    const err = error('kubectl get pods\n# look at the pods\n');
    expect(err.localized.en).toMatch(/^lessons\/09-demo\/walkthrough\/02-restart\.sh:2: a step file has no comments/);
    expect(err.localized['zh-cn']).toMatch(/^lessons\/09-demo\/walkthrough\/02-restart\.sh:2：步骤文件中不能写注释/);
  });

  it.each([
    ['#@ sometimes\necho a\n', ':1: unknown directive "#@ sometimes"'],
    ['#@ needs: iscsi\necho a\n', ':1: unknown need "iscsi" (known: nfs, csi)'],
    ['echo a\n#@ needs: nfs\necho b\n', ':2: `#@ needs:` goes before the first command'],
    ['echo a\n#@ fails\n', ':2: `#@ fails` has no command after it'],
    ['echo a \\\n', ':1: the last line ends with a backslash'],
    ['\n\n', ':1: the step has no command'],
  ])('refuses %j', (text, message) => {
    expect(error(text).localized.en).toContain(message);
  });

  it('refuses a file name that is not NN-name.sh', () => {
    const err = error('echo a\n', 'lessons/09-demo/walkthrough/Restart.sh');
    expect(err.localized.en).toContain('not "Restart.sh"');
    expect(err.localized['zh-cn']).toContain('而不是“Restart.sh”');
  });
});
