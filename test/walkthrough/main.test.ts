import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/walkthrough/main.ts';
import { ROOT } from '../graders/harness.ts';

function run(argv: string[], env: Record<string, string> = {}, root = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: { write: (t: string) => out.push(t) }, err: { write: (t: string) => err.push(t) }, env: { K8S_STORAGE_COURSE_CLUSTER_CACHE: '/nonexistent-ksc-cache', ...env }, isTTY: false, root };
  return main(argv, io).then((code) => ({ code, out: out.join(''), err: err.join('') }));
}

describe('walkthroughs:capture command line', () => {
  it('--help prints the usage in the chosen language, exit 0', async () => {
    const r = await run(['--help', '--lang', 'zh-cn']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法：npm run walkthroughs:capture');
  });

  it('an unknown option shows the usage in the user\'s language, exit 2', async () => {
    const en = await run(['--bogus']);
    expect(en.code).toBe(2);
    expect(en.err).toContain('Unknown option or argument: --bogus');
    expect(en.err).toContain('usage: npm run walkthroughs:capture');
    const zh = await run(['--bogus'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.err).toContain('未知的选项或参数：--bogus');
  });

  it('an unknown language is said in both languages, exit 2', async () => {
    const r = await run(['--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown language "fr"');
    expect(r.err).toContain('未知的语言“fr”');
  });

  it('an unknown lesson lists the lessons, exit 2', async () => {
    const r = await run(['lesson-42']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown lesson "lesson-42". The lessons are: lesson-1 (01-emptydir)');
  });

  it('a broken step file is named with file:line before anything runs, exit 2', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wt-main-'));
    mkdirSync(join(root, 'lessons', '01-demo', 'walkthrough'), { recursive: true });
    writeFileSync(join(root, 'lessons', '01-demo', 'walkthrough', '01-a.sh'), 'echo a\n# a note\n');
    const r = await run(['lesson-1', '--lang', 'zh-cn'], {}, root);
    expect(r.code).toBe(2);
    expect(r.err).toBe('lessons/01-demo/walkthrough/01-a.sh:2：步骤文件中不能写注释：两种语言的页面都会显示它，请把解释写在课程正文里\n');
  });

  it('without a cluster built here it says to run cluster:up first, exit 3', async () => {
    const r = await run(['lesson-1']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('run `npm run cluster:up` first');
  });
});
