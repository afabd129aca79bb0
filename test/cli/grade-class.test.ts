import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defaultJobs } from '../../src/cli/commands/grade-class.ts';
import { parseGradeArgs } from '../../src/cli/grade-options.ts';
import { run } from '../../src/cli/main.ts';
import { ClusterUnavailableError } from '../../src/grader/cluster/cluster.ts';
import type { ExerciseResult } from '../../src/grader/report/model.ts';
import type { RunOptions } from '../../src/grader/run/options.ts';
import { fakeRunner, harness, type Harness } from './harness.ts';

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

/** Makes <root>/class/<name>/pod.yaml for each name; returns the class folder. */
function classFolder(root: string, names: string[]): string {
  const dir = join(root, 'class');
  mkdirSync(dir, { recursive: true });
  for (const n of names) {
    mkdirSync(join(dir, n), { recursive: true });
    writeFileSync(join(dir, n, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\n');
  }
  return dir;
}

/**
 * A runner whose behaviour depends on the student folder: "crash-*" throws, "hang-*" waits for
 * Ctrl-C, "fail-*" fails a check, others pass (the harness's fake runner does the checks).
 */
function perStudent(h: Harness, running: { now: number; peak: number }) {
  const inner = fakeRunner({}, h.seen, h.cleanedUp);
  const failing = fakeRunner({ 'lesson-1': 'fail' }, h.seen, h.cleanedUp);
  return async (opts: RunOptions): Promise<ExerciseResult> => {
    running.now += 1;
    running.peak = Math.max(running.peak, running.now);
    try {
      const name = basename(opts.submissionDir);
      await new Promise((r) => setTimeout(r, 5));
      if (name.startsWith('crash')) throw new Error('the grader tripped over itself');
      if (name.startsWith('hang')) {
        await new Promise((r) => opts.signal.addEventListener('abort', r, { once: true }));
        h.cleanedUp.push(name);
        return { ...(await inner(opts)), error: { kind: 'interrupted' } };
      }
      return await (name.startsWith('fail') ? failing : inner)(opts);
    } finally {
      running.now -= 1;
    }
  };
}

describe('grade --class: options', () => {
  it('parses --class and --jobs', () => {
    const req = parseGradeArgs(['lesson-4', '--class', 'subs', '--jobs', '3', '--cluster', 'current'], {});
    expect(req).toMatchObject({ action: 'grade', lesson: 'lesson-4', classDir: 'subs', jobs: 3, cluster: 'current' });
    expect(parseGradeArgs(['4', '--class', 'subs'], {}).jobs).toBeUndefined();
  });

  it('the default --jobs fits the machine: up to 4 on a cluster, up to 8 on the model, never above the CPUs', () => {
    expect([defaultJobs('kind', 2), defaultJobs('current', 16), defaultJobs('model', 16), defaultJobs('model', 1)]).toEqual([2, 4, 8, 1]);
  });

  const cases: [string[], string, string][] = [
    [['lesson-1', '--class', 'c', '--jobs', '0'], 'Invalid value "0" for --jobs: give a whole number from 1 to 64.', '--jobs 的值“0”无效：请给出 1 到 64 之间的整数。'],
    [['lesson-1', '--class', 'c', '--jobs', 'many'], 'Invalid value "many" for --jobs', '--jobs 的值“many”无效'],
    [['lesson-1', '--class', 'c', '--jobs', '2.5'], 'Invalid value "2.5" for --jobs', '--jobs 的值“2.5”无效'],
    [['lesson-1', '--class', 'c', '--jobs', '-1'], 'Invalid value "-1" for --jobs', '--jobs 的值“-1”无效'],
    [['lesson-1', '--class', 'c', '--jobs', '65'], 'Invalid value "65" for --jobs', '--jobs 的值“65”无效'],
    [['lesson-1', '--jobs', '2'], '--jobs sets how many students are graded at once, so it needs --class <folder>.', '--jobs 设置同时评几位学生'],
    [['--all', '--class', 'c'], '--class grades one lesson for a whole class, so it cannot be used with --all.', '--class 为全班评同一课程，因此不能与 --all 一起使用。'],
    [['lesson-1', '--class', 'c', '--dir', 'd'], '--class takes the submissions from the sub-folders of the class folder, so it cannot be used with --dir.', '不能与 --dir 一起使用'],
    [['lesson-1', '--class', 'c', '--fresh'], '--fresh would make a throwaway kind cluster for every student', '--fresh 会为每位学生新建'],
    [['--class', 'c'], 'Name the lesson to grade', '请指定要评分的课程'],
    [['lesson-1', '--class'], 'The option --class needs a value.', '选项 --class 需要一个值。'],
    [['lesson-1', '--class', 'no-such-folder'], 'The class folder no-such-folder does not exist.', '班级文件夹 no-such-folder 不存在。'],
    [['lesson-1', '--class', 'file.txt'], 'file.txt is not a folder.', 'file.txt 不是文件夹。'],
    [['lesson-1', '--class', 'empty'], 'The class folder empty holds no student folders (hidden folders are ignored).', '班级文件夹 empty 中没有学生的文件夹（隐藏文件夹会被忽略）。'],
    [['lesson-1', '--class', 'class', '--out', 'class/reports'], 'The report folder class/reports is inside the class folder class', '报告文件夹 class/reports 位于班级文件夹 class 之内'],
  ];
  for (const [argv, en, zh] of cases) {
    it(`${argv.join(' ')}: exit 2 in either language, nothing graded or written`, async () => {
      const h = harness();
      classFolder(h.root, ['alice']);
      mkdirSync(join(h.root, 'empty', '.git'), { recursive: true });
      writeFileSync(join(h.root, 'empty', 'notes.txt'), 'not a student');
      writeFileSync(join(h.root, 'file.txt'), '');
      const before = readdirSync(h.root).sort();
      const ioEn = h.io();
      expect(await run(['--lang', 'en', ...argv], ioEn, h.deps)).toBe(2);
      expect(ioEn.err()).toContain(`error: ${en}`);
      expect(ioEn.err()).not.toMatch(CJK);
      const ioZh = h.io();
      expect(await run(['--lang', 'zh-cn', ...argv], ioZh, h.deps)).toBe(2);
      expect(ioZh.err()).toContain('错误：');
      expect(ioZh.err()).toContain(zh);
      expect(h.seen).toHaveLength(0);
      expect(h.selects).toHaveLength(0);
      expect(readdirSync(h.root).sort()).toEqual(before);
      expect(ioEn.out() + ioZh.out()).toBe('');
    });
  }
});

describe('grade --class: the run', () => {
  it('grades every student folder N at a time with its own run id; one crash is one error row; exit 3 names it', async () => {
    const h = harness();
    const dir = classFolder(h.root, ['amy', 'ben', 'crash-carl', 'dan', 'fail-eve', 'fay', '张三']);
    mkdirSync(join(dir, '.hidden'));
    writeFileSync(join(dir, 'README.txt'), 'not a student');
    symlinkSync(join(dir, 'amy'), join(dir, 'linked-amy'));
    const running = { now: 0, peak: 0 };
    h.deps.runExercise = perStudent(h, running);
    const io = h.io();
    expect(await run(['lesson-1', '--class', 'class', '--jobs', '3', '--out', 'out'], io, h.deps)).toBe(3);
    expect(running.peak).toBe(3);
    expect(h.seen.map((o) => basename(o.submissionDir)).sort()).toEqual(['amy', 'ben', 'dan', 'fail-eve', 'fay', '张三']);
    expect(new Set(h.seen.map((o) => o.id))).toEqual(new Set(['lesson-1']));
    const csv = readFileSync(join(h.root, 'out/class-summary.csv'), 'utf8').split('\r\n');
    expect(csv).toEqual([
      'student,score,max_score,status,failed_checks,seconds',
      'amy,100,100,pass,,0',
      'ben,100,100,pass,,0',
      'crash-carl,0,100,error,,0',
      'dan,100,100,pass,,0',
      'fail-eve,20,100,fail,runs,0',
      'fay,100,100,pass,,0',
      '张三,100,100,pass,,0',
      '',
    ]);
    for (const s of ['amy', 'crash-carl', 'fail-eve', '张三']) {
      expect(JSON.parse(readFileSync(join(h.root, 'out', s, 'results.json'), 'utf8')).lesson).toBe('lesson-1');
      expect(existsSync(join(h.root, 'out', s, 'junit.xml'))).toBe(true);
    }
    const carl = JSON.parse(readFileSync(join(h.root, 'out/crash-carl/results.json'), 'utf8'));
    expect(carl.status).toBe('error');
    expect(carl.message).toContain('The grader failed on this submission (not the student’s fault): the grader tripped over itself');
    expect(io.out()).toMatch(/fail-eve\s+20\/100\s+failed\s+runs/);
    expect(io.out()).toContain('7 submissions: 5 passed, 1 failed, 1 could not be graded, 0 not graded.');
    expect(io.out()).toContain('Class summary: out/class-summary.csv; one report folder per student in out');
    expect(io.err()).toContain('graded 7/7');
    // the students' folders hold what they held
    expect(readdirSync(join(dir, 'amy'))).toEqual(['pod.yaml']);
  });

  it('each student gets a run id of its own (so a namespace of its own)', async () => {
    const h = harness();
    classFolder(h.root, ['a', 'b', 'c']);
    const made: string[] = [];
    h.deps.selectCluster = async () => ({
      backend: 'model',
      factory: (runId) => (made.push(runId), { info: { backend: 'model', description: { en: 'offline model', 'zh-cn': '离线模型' }, isModel: true } }) as never,
    });
    expect(await run(['lesson-1', '--class', 'class', '--reporter', 'json'], h.io(), h.deps)).toBe(0);
    expect(made.sort()).toEqual(['lesson-1-run1', 'lesson-1-run2', 'lesson-1-run3']);
  });

  it('in Chinese: the table, the progress lines and the summary', async () => {
    const h = harness();
    classFolder(h.root, ['amy', 'fail-eve']);
    h.deps.runExercise = perStudent(h, { now: 0, peak: 0 });
    const io = h.io();
    expect(await run(['lesson-1', '--class', 'class', '--lang', 'zh-cn'], io, h.deps)).toBe(0);
    expect(io.out()).toMatch(/学生\s+得分\s+结果\s+未通过的检查\s+耗时/);
    expect(io.out()).toMatch(/fail-eve\s+20\/100\s+未通过\s+runs/);
    expect(io.out()).toContain('共 2 份提交：1 份通过，1 份未通过，0 份无法评分，0 份未评分。');
    expect(io.err()).toContain('fail-eve：未通过 20/100');
    expect(io.err()).toMatch(/已评 2\/2 · 进行中 0 · 未通过 1 · 无法评分 0/);
    expect(existsSync(join(h.root, 'reports/class-summary.csv'))).toBe(true);
  });

  it('Ctrl-C: no new student starts, running ones clean up, the rest are "interrupted" rows; exit 130', async () => {
    const h = harness();
    classFolder(h.root, ['hang-1', 'hang-2', 'later-1', 'later-2']);
    h.deps.runExercise = perStudent(h, { now: 0, peak: 0 });
    const io = h.io();
    const done = run(['lesson-1', '--class', 'class', '--jobs', '2'], io, h.deps);
    await new Promise((r) => setTimeout(r, 50));
    h.interrupt();
    expect(await done).toBe(130);
    expect(h.cleanedUp.sort()).toEqual(['hang-1', 'hang-2']);
    expect(h.seen.map((o) => basename(o.submissionDir)).sort()).toEqual(['hang-1', 'hang-2']);
    const csv = readFileSync(join(h.root, 'reports/class-summary.csv'), 'utf8');
    expect(csv).toContain('later-1,0,100,interrupted,,0');
    expect(csv).toContain('hang-1,100,100,interrupted,,0');
    expect(existsSync(join(h.root, 'reports/later-2/results.json'))).toBe(true);
    expect(io.err()).toContain('Interrupted: stopping and cleaning up');
  });

  it('no cluster: every student still gets static checks and a report, and the run exits 3', async () => {
    const h = harness({
      select: async () => {
        throw new ClusterUnavailableError({ en: 'no Docker engine', 'zh-cn': '没有 Docker 引擎' }, { en: 'start Docker', 'zh-cn': '启动 Docker' });
      },
    });
    classFolder(h.root, ['a', 'b']);
    const io = h.io();
    expect(await run(['lesson-1', '--class', 'class', '--cluster', 'kind'], io, h.deps)).toBe(3);
    expect(io.err()).toContain('The cluster could not be brought up: no Docker engine');
    expect(readFileSync(join(h.root, 'reports/class-summary.csv'), 'utf8')).toContain('a,0,100,error,,0');
    expect(io.out()).toContain('Cluster: kind (not available)');
  });
});
