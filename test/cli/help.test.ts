import { describe, it, expect } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { runExerciseCli } from '../../src/cli/exercise-main.ts';
import { GRADE_OPTIONS } from '../../src/cli/grade-options.ts';
import { harness } from './harness.ts';

describe('--help', () => {
  for (const lang of ['en', 'zh-cn'] as const) {
    it(`grade --help in ${lang} (golden)`, async () => {
      const h = harness();
      const io = h.io();
      expect(await run(['--help', '--lang', lang], io, h.deps)).toBe(0);
      await expect(io.out()).toMatchFileSnapshot(`./golden/grade-help.${lang}.txt`);
      for (const o of GRADE_OPTIONS) expect(io.out()).toContain(o.flags);
      expect(h.seen).toHaveLength(0);
    });

    it(`exercise --help in ${lang} (golden)`, async () => {
      const h = harness();
      const io = h.io();
      expect(await runExerciseCli(['-h', '--lang', lang], io, h.deps)).toBe(0);
      await expect(io.out()).toMatchFileSnapshot(`./golden/exercise-help.${lang}.txt`);
    });
  }

  it('help follows LANG when --lang is not given, and wins over other errors', async () => {
    const h = harness();
    const io = h.io({ LANG: 'zh_CN.UTF-8' });
    expect(await run(['--help', '--cluster', 'bogus'], io, h.deps)).toBe(0);
    expect(io.out()).toMatch(/^为课程练习评分/);
  });
});
