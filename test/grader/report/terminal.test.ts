import { describe, it, expect } from 'vitest';
import { colorEnabled, palette } from '../../../src/grader/report/check-lines.ts';
import { createModelCluster } from '../../../src/grader/cluster/model/model-cluster.ts';
import { renderTerminal } from '../../../src/grader/report/terminal.ts';
import { CWD, clusterErrorExercise, nfsExercise, passedExercise, run, submissionErrorExercise } from './sample-run.ts';

const ANSI = /\u001b\[/;
const plain = palette(false);

describe('terminal report', () => {
  it('a failed check shows message, hint, file:line:col and observed text, with points', () => {
    const out = renderTerminal(run([nfsExercise()]), { lang: 'en', cwd: CWD, colors: plain });
    expect(out).toContain('lesson-3 · NFS volumes');
    expect(out).toContain('✓ Check parse · 10/10 pts · 20 ms');
    expect(out).toContain('✗ Replicas must land on different nodes · 0/15 pts · 1.2 s');
    expect(out).toContain('    The Deployment has no required pod anti-affinity');
    expect(out).toContain('    Hint: Add spec.template');
    expect(out).toContain('    At: exercises/lesson-3/deployment.yaml:12:7');
    expect(out).toContain("    Observed: cat: can't open '/shared/token'");
    expect(out).toContain('− Check survives-kill · 0/25 pts · skipped');
    expect(out).toContain('Score: 35/100');
    expect(out).toContain('Next: edit exercises/lesson-3/deployment.yaml (line 12), then run `npm run grade lesson-3` again.');
    expect(out).toContain('The namespace field in deployment.yaml was ignored.');
  });

  it('has no ANSI codes without colour, and has them with colour', () => {
    const r = run([nfsExercise(), clusterErrorExercise()]);
    expect(renderTerminal(r, { lang: 'en', cwd: CWD, colors: plain })).not.toMatch(ANSI);
    expect(renderTerminal(r, { lang: 'en', cwd: CWD, colors: palette(true) })).toMatch(ANSI);
  });

  it('colour follows NO_COLOR, FORCE_COLOR, then the TTY', () => {
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({ TERM: 'dumb' }, true)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ CI: 'true' }, false)).toBe(false);
  });

  it('shouts when the verdict came from the model, in both languages', () => {
    const en = renderTerminal(run([passedExercise()]), { lang: 'en', cwd: CWD, colors: plain });
    expect(en).toMatch(/!{72}\n⚠ {2}Offline model, not a real cluster: run with kind for the real verdict/);
    expect(en).toContain('Every check passed on the offline model. Next: confirm on a real cluster');
    const zh = renderTerminal(run([passedExercise()]), { lang: 'zh-cn', cwd: CWD, colors: plain });
    expect(zh).toContain('这是离线模型的结果，不是真实集群');
    const kind = renderTerminal(run([passedExercise()], false), { lang: 'en', cwd: CWD, colors: plain, next: 'lesson-2' });
    expect(kind).not.toContain('Offline model');
    expect(kind).toContain('Every check passed. Next lesson: `npm run exercise lesson-2`.');
  });

  it('does not repeat checks the live progress printed', () => {
    const shown = new Map([['lesson-3', new Set(['parse', 'anti-affinity', 'runs', 'shared', 'survives-kill'])]]);
    const out = renderTerminal(run([nfsExercise()]), { lang: 'en', cwd: CWD, colors: plain, shown, files: ['reports/results.json'] });
    expect(out).not.toContain('Hint:');
    expect(out).not.toContain('lesson-3 · NFS volumes');
    expect(out).toContain('Score: 35/100');
    expect(out).toContain('Reports: reports/results.json');
  });

  it('an exercise that could not run: one not-run line, the reason and the next step', () => {
    const out = renderTerminal(run([clusterErrorExercise(), submissionErrorExercise()], false), { lang: 'en', cwd: CWD, colors: plain });
    expect(out).toContain('− 2 checks (100 points) were not run.');
    expect(out).not.toContain('− Check x');
    expect(out).toContain('The cluster could not be used: docker is not running');
    expect(out).toContain('Hint: Start Docker Desktop.');
    expect(out).toContain('Next: do what the hint above says, then run `npm run grade -- lesson-4` again');
    expect(out).toContain('Part of the submission in exercises/lesson-2 could not be read, and what was read is not valid:');
    expect(out).toContain('- exercises/lesson-2/pod.yaml:7:3: bad indentation of a mapping entry (yaml.syntax)');
    expect(out).toContain('Next: fix the problems listed above in exercises/lesson-2');
    expect(out).toContain('Total: 0/200 (0 of 2 exercises passed)');
  });

  it('introduces submission problems by what happened: not read, read but not valid, refused', () => {
    const only = (code: string) => {
      const ex = submissionErrorExercise();
      const problems = ex.error?.kind === 'submission' ? ex.error.problems.filter((p) => p.code === code) : [];
      const unsafe = { code: 'safety.hostPath', message: { en: 'hostPath is refused on a shared cluster', 'zh-cn': '共享集群上不允许 hostPath' } };
      return run([{ ...ex, error: { kind: 'submission', problems: code === 'safety.hostPath' ? [unsafe] : problems } }], false);
    };
    const heading = (code: string, lang: 'en' | 'zh-cn') => {
      const out = renderTerminal(only(code), { lang, cwd: CWD, colors: plain }).split('\n').map((l) => l.trim());
      return out[out.findIndex((l) => l.startsWith('- ')) - 1];
    };
    expect(heading('schema.unknownField', 'en')).toBe('The submission in exercises/lesson-2 was read, but it is not valid:');
    expect(heading('schema.unknownField', 'zh-cn')).toBe('exercises/lesson-2 中提交的文件已读取，但内容无效：');
    expect(heading('yaml.syntax', 'en')).toBe('The submission in exercises/lesson-2 could not be read:');
    expect(heading('yaml.syntax', 'zh-cn')).toBe('无法读取 exercises/lesson-2 中提交的文件：');
    expect(heading('safety.hostPath', 'en')).toBe('The submission in exercises/lesson-2 was refused before anything reached the cluster, on this and on every other cluster:');
    expect(heading('safety.hostPath', 'zh-cn')).toBe('exercises/lesson-2 中提交的文件在进入集群之前就被拒绝了（在任何集群上都一样）：');
  });

  it('speaks Chinese with full-width punctuation', () => {
    const out = renderTerminal(run([nfsExercise()]), { lang: 'zh-cn', cwd: CWD, colors: plain });
    expect(out).toContain('✗ 副本必须分布在不同节点上 · 0/15 分');
    expect(out).toContain('    提示：添加');
    expect(out).toContain('    位置：exercises/lesson-3/deployment.yaml:12:7');
    expect(out).toContain('得分：35/100');
    expect(out).toContain('下一步：修改 exercises/lesson-3/deployment.yaml（第 12 行）');
  });

  it('names the offline model in Chinese in a Chinese report, and in English in an English one', () => {
    const r = { ...run([nfsExercise()]), cluster: createModelCluster().info };
    const zh = renderTerminal(r, { lang: 'zh-cn', cwd: CWD, colors: plain });
    expect(zh).toContain('集群：离线存储模型（不是真实集群）');
    expect(zh).not.toContain('offline storage model');
    expect(zh).not.toContain('not a real cluster');
    expect(renderTerminal(r, { lang: 'en', cwd: CWD, colors: plain })).toContain('Cluster: offline storage model (not a real cluster)');
  });
});
