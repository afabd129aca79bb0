import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSteps, StepFailedError, type ExecStep } from '../../src/local-cluster/run-steps.ts';

function io(lang: 'en' | 'zh-cn' = 'en') {
  const lines: string[] = [];
  return { lines, io: { err: { write: (t: string) => lines.push(t) }, isTTY: false, lang } };
}

const sh = (script: string) => ({ file: 'sh', args: ['-c', script] });

describe('runSteps', () => {
  it('runs steps in order, skips cached ones, logs each command, and returns timings', async () => {
    const logs = mkdtempSync(join(tmpdir(), 'steps-'));
    const out = io();
    const steps: ExecStep[] = [
      { id: 'a', title: { en: 'first', 'zh-cn': '第一步' }, skip: async () => ({ en: 'cached', 'zh-cn': '已缓存' }), run: async () => undefined },
      { id: 'go:b', title: { en: 'second', 'zh-cn': '第二步' }, run: (ctx) => ctx.exec(sh('echo building b')) },
    ];
    const timings = await runSteps(steps, out.io, logs, new AbortController().signal);
    expect(timings.map((t) => [t.id, t.skipped])).toEqual([['a', true], ['go:b', false]]);
    expect(out.lines.join('')).toMatch(/✓ \[1\/2\] first · cached\n/);
    expect(out.lines.join('')).toMatch(/✓ \[2\/2\] second · done in \d+ ms/);
    expect(readFileSync(join(logs, 'go-b.log'), 'utf8')).toContain('building b');
  });

  it('a failing step stops the run with its command, exit code, the end of its log and what to do, in the user\'s language', async () => {
    const logs = mkdtempSync(join(tmpdir(), 'steps-'));
    let ranAfter = false;
    const steps: ExecStep[] = [
      { id: 'bad', title: { en: 'Build the thing', 'zh-cn': '构建那个东西' }, run: (ctx) => ctx.exec(sh('echo step output; echo go: module not available >&2; exit 7')) },
      { id: 'after', title: { en: 'never', 'zh-cn': '不会运行' }, run: async () => void (ranAfter = true) },
    ];
    for (const lang of ['en', 'zh-cn'] as const) {
      const err = await runSteps(steps, io(lang).io, logs, new AbortController().signal).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StepFailedError);
      const text = (err as StepFailedError).lines.join('\n');
      if (lang === 'en') {
        expect(text).toContain('Step failed: Build the thing');
        expect(text).toContain("ended with exit code 7");
        expect(text).toContain('run `npm run cluster:up` again');
      } else {
        expect(text).toContain('步骤失败：构建那个东西');
        expect(text).toContain('以退出码 7 结束');
      }
      expect(text).toContain('go: module not available');
      expect(text).toContain(join(logs, 'bad.log'));
    }
    expect(ranAfter).toBe(false);
  });

  it('a step of another command says what to run again instead of cluster:up', async () => {
    const logs = mkdtempSync(join(tmpdir(), 'steps-'));
    const hint = { en: 'Run `npm run lab:csi` again.', 'zh-cn': '再次运行 `npm run lab:csi`。' };
    const steps: ExecStep[] = [{ id: 'csi', title: { en: 'Install', 'zh-cn': '安装' }, retryHint: hint, run: (ctx) => ctx.exec(sh('exit 1')) }];
    for (const lang of ['en', 'zh-cn'] as const) {
      const err = (await runSteps(steps, io(lang).io, logs, new AbortController().signal).catch((e: unknown) => e)) as StepFailedError;
      expect(err.lines.at(-1)).toBe(hint[lang]);
      expect(err.lines.join('\n')).not.toContain('cluster:up');
    }
  });

  it('aborting kills the step\'s whole process group and rejects with the abort reason', async () => {
    const logs = mkdtempSync(join(tmpdir(), 'steps-'));
    const marker = join(logs, 'grandchild-alive');
    const controller = new AbortController();
    const steps: ExecStep[] = [
      { id: 'long', title: { en: 'long', 'zh-cn': '很长' }, run: (ctx) => ctx.exec(sh(`(sleep 3; touch ${marker}) & sleep 30`)) },
    ];
    setTimeout(() => controller.abort(new Error('interrupted')), 300);
    const started = Date.now();
    await expect(runSteps(steps, io().io, logs, controller.signal)).rejects.toThrow('interrupted');
    expect(Date.now() - started).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 3_500));
    expect(existsSync(marker)).toBe(false);
  });

  it('a command marked finishOnAbort (apt-get) is not stopped half-way: it runs to its end, then the step stops with the abort reason', async () => {
    const logs = mkdtempSync(join(tmpdir(), 'steps-'));
    const marker = join(logs, 'install-finished');
    const controller = new AbortController();
    const steps: ExecStep[] = [
      { id: 'host:packages', title: { en: 'packages', 'zh-cn': '软件包' }, run: (ctx) => ctx.exec({ ...sh(`sleep 1; touch ${marker}`), finishOnAbort: true }) },
      { id: 'next', title: { en: 'next', 'zh-cn': '下一步' }, run: (ctx) => ctx.exec(sh(`touch ${join(logs, 'next-ran')}`)) },
    ];
    setTimeout(() => controller.abort(new Error('interrupted')), 200);
    await expect(runSteps(steps, io().io, logs, controller.signal)).rejects.toThrow('interrupted');
    expect(existsSync(marker)).toBe(true);
    expect(existsSync(join(logs, 'next-ran'))).toBe(false);
    const log = readFileSync(join(logs, readdirSync(logs).find((f) => f.endsWith('.log'))!), 'utf8');
    expect(log).toContain('stopping once this command has finished');
    expect(log).toContain('等这条命令完成后再停止');
  });
});
