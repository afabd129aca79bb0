import { describe, it, expect } from 'vitest';
import { palette } from '../../../src/grader/report/check-lines.ts';
import { createProgress } from '../../../src/grader/report/progress.ts';
import { CWD, nfsExercise } from './sample-run.ts';

function sink() {
  const s = { text: '', write: (t: string) => ((s.text += t), true) };
  return s;
}

describe('live progress (not a TTY)', () => {
  it('prints plain lines: header, logged phases, each check as it ends, failure details', () => {
    const out = sink();
    const p = createProgress({
      stream: out as unknown as NodeJS.WritableStream,
      lang: 'en',
      colors: palette(false),
      interactive: false,
      cwd: CWD,
      submissionDirOf: () => `${CWD}/exercises/lesson-3`,
    });
    const ex = nfsExercise();
    p.exerciseStart!({ id: ex.id, title: ex.title });
    p.phase!('load');
    p.phase!('cluster');
    for (const c of ex.checks) {
      p.checkStart!({ id: c.id, title: c.title });
      p.checkProgress!({ id: c.id }, { en: 'waiting for nfs-web-b', 'zh-cn': '等待 nfs-web-b' });
      p.checkEnd!(c);
    }
    p.exerciseEnd!(ex);
    p.stop();
    expect(out.text).not.toMatch(/\u001b\[/);
    const lines = out.text.split('\n');
    expect(lines[0]).toBe('lesson-3 · NFS volumes');
    expect(lines[1]).toBe('  … Preparing the cluster');
    expect(out.text).not.toContain('Reading the submission');
    expect(out.text).not.toContain('waiting for nfs-web-b');
    expect(out.text).toContain('  ✗ Replicas must land on different nodes · 0/15 pts · 1.2 s\n    The Deployment has no required');
    expect(out.text).toContain('    At: exercises/lesson-3/deployment.yaml:12:7');
    expect([...p.shown.get('lesson-3')!]).toEqual(ex.checks.map((c) => c.id));
  });

  it('states a shared skip reason once for a run of skipped checks', () => {
    const out = sink();
    const p = createProgress({ stream: out as unknown as NodeJS.WritableStream, lang: 'zh-cn', colors: palette(false), interactive: false, cwd: CWD, submissionDirOf: () => CWD });
    p.exerciseStart!({ id: 'lesson-1', title: { en: 'x', 'zh-cn': '练习' } });
    const reason = { en: 'Not run: the cluster could not be used.', 'zh-cn': '未运行：无法使用集群。' };
    for (const id of ['a', 'b', 'c']) {
      p.checkEnd!({ id, kind: 'step', title: { en: id, 'zh-cn': id }, points: 10, score: 0, status: 'skipped', message: reason, diagnostics: [], durationMs: 0 });
    }
    expect(out.text.match(/未运行：无法使用集群。/g)).toHaveLength(1);
    expect(out.text.match(/^ {2}− /gm)).toHaveLength(3);
  });
});
