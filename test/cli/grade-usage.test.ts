import { describe, it, expect } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { harness, submit } from './harness.ts';

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

describe('grade: lesson names', () => {
  for (const input of ['lesson-3', '3', '03', '03-nfs', 'nfs', 'LESSON-3', 'lesson3']) {
    it(`"${input}" grades lesson-3 from exercises/lesson-3/`, async () => {
      const h = harness();
      const dir = submit(h.root, 'lesson-3');
      const io = h.io();
      expect(await run([input, '--reporter', 'terminal'], io, h.deps)).toBe(0);
      expect(h.seen).toHaveLength(1);
      const opts = h.seen[0]!;
      expect([opts.id, opts.lesson, opts.submissionDir, opts.title.en]).toEqual(['lesson-3', '03-nfs', dir, 'NFS volumes shared across nodes']);
      expect(io.out()).toContain('Score: 100/100');
    });
  }

  it('an unknown lesson is a usage error (exit 2) listing the lessons, in the chosen language', async () => {
    const h = harness();
    const en = h.io();
    expect(await run(['lesson-9', '--lang', 'en'], en, h.deps)).toBe(2);
    expect(en.err()).toContain('Unknown lesson "lesson-9"');
    expect(en.err()).toContain('lesson-3 (03-nfs)');
    const zh = h.io();
    expect(await run(['lesson-9', '--lang', 'zh-cn'], zh, h.deps)).toBe(2);
    expect(zh.err()).toContain('未知的课程“lesson-9”');
    expect(h.seen).toHaveLength(0);
  });
});

describe('grade: usage errors exit 2 in the chosen language', () => {
  const cases: [string[], string, string][] = [
    [['--cluster', 'foo', 'lesson-1'], 'Invalid value "foo" for --cluster: use one of auto, kind, current, model.', '--cluster 的值“foo”无效'],
    [['--all', 'lesson-1'], '--all grades every lesson, so do not also name one (lesson-1).', '--all 会为所有课程评分'],
    [['--all', '--dir', 'x'], '--dir names one folder, so it cannot be used with --all', '--dir 只能指定一个文件夹'],
    [['lesson-1', '--timeout', 'soon'], 'Invalid value "soon" for --timeout', '--timeout 的值“soon”无效'],
    [['lesson-1', '--timeout', '0'], 'Invalid value "0" for --timeout', '--timeout 的值“0”无效'],
    [['lesson-1', '--reporter', 'json,xml'], 'Invalid value "xml" for --reporter: use one of terminal, json, junit, github.', '--reporter 的值“xml”无效'],
    [['lesson-1', '--fresj'], 'Unknown option --fresj. Did you mean --fresh?', '未知的选项 --fresj。你是不是想用 --fresh？'],
    [['lesson-1', '--dir'], 'The option --dir needs a value.', '选项 --dir 需要一个值。'],
    [['lesson-1', 'lesson-3'], 'Too many arguments: lesson-1 lesson-3.', '参数太多：lesson-1 lesson-3。'],
    [[], 'Name the lesson to grade, e.g. `npm run grade lesson-1`', '请指定要评分的课程'],
  ];
  for (const [argv, en, zh] of cases) {
    it(`${argv.join(' ') || '(no arguments)'}`, async () => {
      const h = harness();
      const ioEn = h.io();
      expect(await run(['--lang', 'en', ...argv], ioEn, h.deps)).toBe(2);
      expect(ioEn.err()).toContain(`error: ${en}`);
      expect(ioEn.err()).toContain('See `npm run grade -- --help`.');
      expect(ioEn.err()).not.toMatch(CJK);
      const ioZh = h.io();
      expect(await run(['--lang', 'zh-cn', ...argv], ioZh, h.deps)).toBe(2);
      expect(ioZh.err()).toContain(`错误：`);
      expect(ioZh.err()).toContain(zh);
      expect(h.seen).toHaveLength(0);
      expect(ioEn.out() + ioZh.out()).toBe('');
    });
  }

  it('an unknown --lang is reported in both languages', async () => {
    const h = harness();
    const io = h.io();
    expect(await run(['lesson-1', '--lang', 'fr'], io, h.deps)).toBe(2);
    expect(io.err()).toContain('Unknown language "fr": use --lang en or --lang zh-cn.');
    expect(io.err()).toContain('未知的语言“fr”');
  });

  it('the language defaults from LANG / LC_ALL', async () => {
    const h = harness();
    const io = h.io({ LANG: 'zh_CN.UTF-8' });
    expect(await run(['--cluster', 'nope', 'lesson-1'], io, h.deps)).toBe(2);
    expect(io.err()).toContain('--cluster 的值“nope”无效');
  });
});
