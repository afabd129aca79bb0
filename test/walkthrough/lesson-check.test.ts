import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaptureFile } from '../../src/walkthrough/capture-file.ts';
import { checkLesson, fences, observeQuotes } from '../../src/walkthrough/lesson-check.ts';

const PINS = { KIND_VERSION: 'v0.31.0', KUBERNETES_VERSION: 'v1.35.4' };
const F = '09-demo';

const page = (observe: string) => `---\ntitle: x\n---\n## Why {#why}\n\n\`\`\`sh\nnpm run grade lesson-9\n\`\`\`\n\n## See it yourself {#observe}\n\n\`\`\`sh\nkind create cluster --config lab/kind-course.yaml\n\`\`\`\n\n${observe}\n## Lifetime {#lifetime}\n`;
const TAGS = '<Walkthrough lesson="09-demo" step="01-apply" />\n\n<Walkthrough lesson="09-demo" step="02-nfs" />\n';

function capture(over: Partial<CaptureFile> = {}): CaptureFile {
  return {
    lesson: F,
    capturedBy: 'npm run walkthroughs:capture',
    capturedAt: '2026-12-03T12:00:00.000Z',
    cluster: { kindConfig: 'lab/kind-course.yaml', kindVersion: 'v0.31.0', kubernetesVersion: 'v1.35.4', nodeImage: 'img' },
    steps: [
      { step: '01-apply', status: 'captured', commands: [{ command: 'kubectl apply -f x.yaml', exitCode: 0, output: 'pod/x created\n', seconds: 1 }, { command: 'kubectl exec x -- cat /nope', exitCode: 1, output: 'cat: /nope: No such file\n', seconds: 1 }] },
      { step: '02-nfs', status: 'not-captured', commands: ['kubectl apply -f nfs.yaml'], reason: { en: 'no NFS client', 'zh-cn': '没有 NFS 客户端' } },
    ],
    ...over,
  };
}

function lesson(opts: { en?: string; zh?: string; capture?: CaptureFile | string | null; step1?: string } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'wt-check-'));
  const dir = join(root, 'lessons', F);
  mkdirSync(join(dir, 'walkthrough'), { recursive: true });
  writeFileSync(join(dir, 'en.mdx'), opts.en ?? page(TAGS));
  writeFileSync(join(dir, 'zh-cn.mdx'), opts.zh ?? page(TAGS));
  writeFileSync(join(dir, 'walkthrough', '01-apply.sh'), opts.step1 ?? 'kubectl apply -f x.yaml\n#@ fails\nkubectl exec x -- cat /nope\n');
  writeFileSync(join(dir, 'walkthrough', '02-nfs.sh'), '#@ needs: nfs\nkubectl apply -f nfs.yaml\n');
  const c = opts.capture === undefined ? capture() : opts.capture;
  if (c !== null) writeFileSync(join(dir, 'walkthrough', 'captured.json'), typeof c === 'string' ? c : JSON.stringify(c));
  return root;
}

describe('checkLesson', () => {
  it('accepts a lesson whose pages show every step once, in order, from a fitting capture', () => {
    expect(checkLesson(lesson(), F, PINS)).toEqual([]);
  });

  it('refuses typed output in a page, with file:line', () => {
    const en = page(`${TAGS}\n\`\`\`text\nNAME   READY\n\`\`\`\n`);
    expect(checkLesson(lesson({ en }), F, PINS)).toEqual(['lessons/09-demo/en.mdx:20: a ```text block is typed output; show output with <Walkthrough> from a capture']);
  });

  it('refuses walk-through commands typed into the page instead of a step file', () => {
    const zh = page(`${TAGS}\n\`\`\`sh\nkubectl get pods\n\`\`\`\n`);
    expect(checkLesson(lesson({ zh }), F, PINS)[0]).toMatch(/^lessons\/09-demo\/zh-cn\.mdx:20: commands in "See it yourself" belong in lessons\/09-demo\/walkthrough\/NN-name\.sh/);
  });

  it('refuses a page that skips, repeats or reorders steps', () => {
    expect(checkLesson(lesson({ en: page('<Walkthrough lesson="09-demo" step="02-nfs" />\n<Walkthrough lesson="09-demo" step="01-apply" />\n') }), F, PINS)).toEqual([
      'lessons/09-demo/en.mdx: shows the steps [02-nfs, 01-apply], but the walk-through has [01-apply, 02-nfs] (each once, in file order)',
    ]);
    expect(checkLesson(lesson({ zh: page('<Walkthrough lesson="09-demo" step="01-aply" />\n') }), F, PINS)).toEqual([
      'lessons/09-demo/zh-cn.mdx:16: <Walkthrough step="01-aply">: there is no lessons/09-demo/walkthrough/01-aply.sh',
    ]);
  });

  it('refuses a missing or unreadable capture', () => {
    expect(checkLesson(lesson({ capture: null }), F, PINS)).toEqual(['lessons/09-demo/walkthrough/captured.json: missing; run `npm run walkthroughs:capture -- 09-demo` on a machine with the cluster']);
    expect(checkLesson(lesson({ capture: '{"lesson": 1}' }), F, PINS)[0]).toMatch(/^lessons\/09-demo\/walkthrough\/captured\.json is not a capture written by `npm run walkthroughs:capture`/);
  });

  it('refuses a capture that no longer fits the step file', () => {
    expect(checkLesson(lesson({ step1: 'kubectl apply -f y.yaml\n#@ fails\nkubectl exec x -- cat /nope\n' }), F, PINS)[0]).toMatch(/01-apply\.sh:1: the command differs from the one captured/);
  });

  it('refuses exit codes that contradict #@ fails', () => {
    expect(checkLesson(lesson({ step1: 'kubectl apply -f x.yaml\nkubectl exec x -- cat /nope\n' }), F, PINS)).toEqual(['lessons/09-demo/walkthrough/01-apply.sh:2: captured with exit code 1, but the step does not say "#@ fails"']);
  });

  it('refuses an uncaptured step that needs nothing', () => {
    const c = capture();
    c.steps[0] = { step: '01-apply', status: 'not-captured', commands: ['kubectl apply -f x.yaml', 'kubectl exec x -- cat /nope'], reason: { en: 'skipped', 'zh-cn': '跳过' } };
    expect(checkLesson(lesson({ capture: c }), F, PINS)).toEqual(['lessons/09-demo/walkthrough/01-apply.sh: not captured ("skipped"), though neither it nor an earlier step says "#@ needs:"']);
  });

  it('refuses a capture made on other pinned versions', () => {
    expect(checkLesson(lesson(), F, { ...PINS, KUBERNETES_VERSION: 'v1.36.0' })[0]).toContain('but cluster/versions.env pins kind v0.31.0 and Kubernetes v1.36.0; capture it again');
  });
});

describe('fences', () => {
  it('finds fenced blocks with their line and section, tildes included', () => {
    expect(fences('## A {#why}\n```sh\nls\n```\n## B {#observe}\n~~~\nout\n~~~\n').map((f) => [f.lang, f.line, f.inObserve])).toEqual([
      ['sh', 2, false],
      ['', 6, true],
    ]);
  });
});

describe('quotations in "See it yourself"', () => {
  it('accepts a quotation some captured output contains, across a line break and outside code spans', () => {
    const en = page(`${TAGS}\nThe exec fails with "No such\nfile", and \`"$NODE"\` is code.\n`);
    expect(checkLesson(lesson({ en }), F, PINS)).toEqual([]);
  });

  it('refuses a quotation no captured output contains, with file:line, in either language', () => {
    const zh = page(`${TAGS}\n命令会报“Permission denied”。\n`);
    expect(checkLesson(lesson({ zh }), F, PINS)).toEqual(['lessons/09-demo/zh-cn.mdx:20: quotes "Permission denied", which no captured output of the lesson contains']);
  });

  it('reads only the observe section', () => {
    expect(observeQuotes('## Why {#why}\nsays "elsewhere"\n## See {#observe}\n```sh\necho "x"\n```\nit prints "here"\n', 'en')).toEqual([{ text: 'here', line: 7 }]);
  });
});
