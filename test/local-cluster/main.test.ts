import { describe, expect, it } from 'vitest';
import { main } from '../../src/local-cluster/main.ts';
import { ROOT } from '../graders/harness.ts';

function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: { write: (t: string) => out.push(t) }, err: { write: (t: string) => err.push(t) }, env: { K8S_STORAGE_COURSE_CLUSTER_CACHE: '/nonexistent-ksc-cache', ...env }, isTTY: false, root: ROOT };
  return main(argv, io).then((code) => ({ code, out: out.join(''), err: err.join('') }));
}

describe('cluster command line', () => {
  it('an unknown language is said in both languages, exit 2', async () => {
    const r = await run(['up', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown language "fr"');
    expect(r.err).toContain('未知的语言“fr”');
  });

  it('an unknown option or command shows the usage in the user\'s language, exit 2', async () => {
    const en = await run(['up', '--bogus']);
    expect(en.code).toBe(2);
    expect(en.err).toContain('Unknown option or argument: up --bogus');
    expect(en.err).toContain('usage: npm run cluster:up');
    const zh = await run(['sideways'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(2);
    expect(zh.err).toContain('未知的命令“sideways”');
    expect(zh.err).toContain('用法：npm run cluster:up');
  });

  it('env without a built cluster says to run cluster:up first, exit 3', async () => {
    const r = await run(['env', '--lang', 'zh-cn']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('请先运行 `npm run cluster:up`');
    expect(r.out).toBe('');
  });
});
