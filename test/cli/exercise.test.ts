import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExerciseCli } from '../../src/cli/exercise-main.ts';
import { harness } from './harness.ts';

describe('npm run exercise', () => {
  it('copies the starter files into exercises/lesson-N and says what to do next', async () => {
    const h = harness();
    const io = h.io();
    expect(await runExerciseCli(['nfs'], io, h.deps)).toBe(0);
    for (const f of ['deployment.yaml', 'service.yaml']) {
      expect(readFileSync(join(h.root, 'exercises/lesson-3', f), 'utf8')).toBe(`# starter ${f}\napiVersion: v1\n`);
      expect(io.out()).toContain(`+ exercises/lesson-3/${f} (created)`);
    }
    expect(io.out()).toContain('Starter files for lesson-3 · NFS volumes shared across nodes');
    expect(io.out()).toContain('Next: edit the files in exercises/lesson-3/');
    expect(io.out()).toContain('`npm run grade lesson-3`');
    expect(io.out()).not.toMatch(/\u001b\[/);
  });

  it('never overwrites a file that exists, and says which it kept', async () => {
    const h = harness();
    const dir = join(h.root, 'exercises/lesson-3');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'deployment.yaml'), 'my work\n');
    const io = h.io();
    expect(await runExerciseCli(['lesson-3', '--lang', 'zh-cn'], io, h.deps)).toBe(0);
    expect(readFileSync(join(dir, 'deployment.yaml'), 'utf8')).toBe('my work\n');
    expect(existsSync(join(dir, 'service.yaml'))).toBe(true);
    expect(io.out()).toContain('= exercises/lesson-3/deployment.yaml（已保留：文件已存在，没有覆盖）');
    expect(io.out()).toContain('+ exercises/lesson-3/service.yaml（已创建）');
    const again = h.io();
    expect(await runExerciseCli(['3'], again, h.deps)).toBe(0);
    expect(again.out()).toContain('Every starter file already existed; your work is untouched.');
    expect(readFileSync(join(dir, 'deployment.yaml'), 'utf8')).toBe('my work\n');
  });

  it('usage errors exit 2 in the chosen language', async () => {
    const h = harness();
    const en = h.io();
    expect(await runExerciseCli([], en, h.deps)).toBe(2);
    expect(en.err()).toContain('error: Name the lesson to start, e.g. `npm run exercise lesson-1`.');
    const zh = h.io();
    expect(await runExerciseCli(['lesson-7', '--lang', 'zh-cn'], zh, h.deps)).toBe(2);
    expect(zh.err()).toContain('错误：未知的课程“lesson-7”');
    expect(zh.err()).toContain('参见 `npm run exercise -- --help`。');
  });

  it('a lesson without starter files exits 2 and says so', async () => {
    const h = harness();
    const io = h.io();
    expect(await runExerciseCli(['lesson-2'], io, h.deps)).toBe(2);
    expect(io.err()).toContain('lesson-2 has no starter files yet (lessons/02-hostpath/starter is missing).');
    expect(existsSync(join(h.root, 'exercises/lesson-2'))).toBe(false);
  });
});
