import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ClusterUnavailableError } from '../../src/grader/cluster/cluster.ts';
import { run } from '../../src/cli/main.ts';
import { ResultsSchema, ClassroomSchema } from '../grader/report/results-schema.ts';
import { harness, submit } from './harness.ts';

const ANSI = /\u001b\[/;

describe('grade: a run and its reports', () => {
  it('one run writes results.json, junit.xml, the step summary and the Classroom output, and they agree', async () => {
    const h = harness({ scripts: { 'lesson-3': 'fail' } });
    submit(h.root, 'lesson-3');
    const gh = mkdtempSync(join(tmpdir(), 'gh-'));
    const summary = join(gh, 'summary.md');
    const output = join(gh, 'output');
    writeFileSync(summary, '');
    const io = h.io({ GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output });
    expect(await run(['nfs'], io, h.deps)).toBe(1);

    const results = ResultsSchema.parse(JSON.parse(readFileSync(join(h.root, 'reports/results.json'), 'utf8')));
    const xml = readFileSync(join(h.root, 'reports/junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml).testsuites;
    const md = readFileSync(summary, 'utf8');
    const classroom = ClassroomSchema.parse(JSON.parse(Buffer.from(/^result=(.+)$/m.exec(readFileSync(output, 'utf8'))![1]!, 'base64').toString()));

    expect(results.tests.map((t) => t.status)).toEqual(['pass', 'fail', 'error']);
    expect([results.score, results.max_score, results.lesson, results.cluster?.is_model]).toEqual([20, 100, 'lesson-3', true]);
    expect(Number(junit.tests)).toBe(results.tests.length);
    expect(Number(junit.failures)).toBe(1);
    expect(Number(junit.skipped) + Number(junit.errors)).toBe(1);
    expect(junit.testsuite[0].testcase[1].failure.message).toBe('The pod is Pending.');
    expect(classroom.tests.reduce((s, t) => s + t.score, 0)).toBe(results.score);
    expect(classroom.max_score).toBe(results.max_score);
    expect(md).toContain('**Total: 20/100 (0 of 1 exercises passed)**');
    expect((md.match(/^\| (✅|❌|⏭️) \|/gm) ?? []).length).toBe(results.tests.length);
    // GitHub reporter is on by default under Actions; static failures only are annotated (none here).
    expect(io.out()).toMatch(/^::warning title=Offline model::/m);
    expect(io.out()).toContain('Reports: reports/results.json, reports/junit.xml');
  });

  it('--all: every graded lesson, one results.json with task ids, missing folders name npm run exercise', async () => {
    const h = harness({ scripts: { 'lesson-1': 'pass' } });
    submit(h.root, 'lesson-1');
    const io = h.io();
    expect(await run(['--all', '--reporter', 'json,terminal'], io, h.deps)).toBe(2);
    expect(h.seen.map((o) => o.id)).toEqual(['lesson-1']);
    expect(io.err()).toContain('Skipping lesson-2: no exercise or grader yet.');
    const r = ResultsSchema.parse(JSON.parse(readFileSync(join(h.root, 'reports/results.json'), 'utf8')));
    expect(r.lesson).toBe('all');
    expect(r.exercises.map((e) => [e.id, e.status, e.task_id])).toEqual([
      ['lesson-1', 'pass', 1],
      ['lesson-3', 'error', 3],
    ]);
    expect(r.exercises[1]!.message).toContain('The folder exercises/lesson-3 does not exist. Create it with the starter files: npm run exercise lesson-3');
    expect(r.max_score).toBe(200);
    expect(io.out()).toContain('Next: create the exercise folder with `npm run exercise lesson-3`');
    expect(existsSync(join(h.root, 'reports/junit.xml'))).toBe(false);
  });

  it('a missing submission folder exits 2 and says which command creates it', async () => {
    const h = harness();
    const io = h.io({}, false);
    expect(await run(['lesson-1', '--lang', 'zh-cn', '--out', 'out'], io, h.deps)).toBe(2);
    expect(io.out()).toContain('文件夹 exercises/lesson-1 不存在。请先用以下命令复制起始文件：npm run exercise lesson-1');
    expect(io.out()).toContain('集群：离线模型');
    expect(io.out()).not.toContain('offline');
    expect(JSON.parse(readFileSync(join(h.root, 'out/results.json'), 'utf8')).status).toBe('error');
  });

  it('passes the options through to selection and the runner', async () => {
    const h = harness();
    submit(h.root, 'lesson-1');
    const dir = submit(h.root, 'custom');
    const io = h.io({ CI: 'true' });
    const argv = ['1', '--dir', 'exercises/custom', '--cluster', 'current', '--fresh', '--keep', '--timeout', '2.5', '--trace', '--reporter', 'json', '--reporter', 'junit'];
    expect(await run(argv, io, h.deps)).toBe(0);
    expect(h.selects[0]).toMatchObject({ mode: 'current', ci: true, fresh: true });
    expect(typeof h.selects[0]!.trace).toBe('function');
    expect(h.seen[0]).toMatchObject({ submissionDir: dir, stepTimeoutMs: 2500, keep: true });
    expect(io.out()).toBe('');
    expect(existsSync(join(h.root, 'reports/junit.xml'))).toBe(true);
  });

  it('--allow-unsafe is refused with the reason it is gone, in both languages, before anything runs', async () => {
    for (const [lang, fragment] of [['en', '--allow-unsafe is gone: the grader now refuses the same specs on every cluster'], ['zh-cn', '--allow-unsafe 已被移除']] as const) {
      const h = harness();
      submit(h.root, 'lesson-1');
      const io = h.io();
      expect(await run(['1', '--cluster', 'current', '--allow-unsafe', '--lang', lang], io, h.deps)).toBe(2);
      expect(io.err()).toContain(fragment);
      expect(h.selects).toHaveLength(0);
      expect(h.seen).toHaveLength(0);
    }
  });

  it('non-TTY output has no ANSI codes; FORCE_COLOR brings them back', async () => {
    const h = harness({ scripts: { 'lesson-1': 'fail' } });
    submit(h.root, 'lesson-1');
    const io = h.io();
    expect(await run(['lesson-1', '--reporter', 'terminal'], io, h.deps)).toBe(1);
    expect(io.out() + io.err()).not.toMatch(ANSI);
    expect(io.err()).toContain('✗ Pod runs · 0/40 pts');
    expect(io.err()).toContain('    Hint: Check the image');
    expect(io.err()).toContain('    At: exercises/lesson-1/pod.yaml:4:3');
    expect(io.err()).toContain('    Observed: phase=Pending reason=Unschedulable');
    expect(io.out()).toContain('Next: edit exercises/lesson-1/pod.yaml (line 4)');
    expect(io.out()).not.toContain('Hint:');
    const forced = h.io({ FORCE_COLOR: '1' });
    await run(['lesson-1', '--reporter', 'terminal'], forced, h.deps);
    expect(forced.out()).toMatch(ANSI);
  });

  it('a report that cannot be written is said once, and a passing run then exits 3', async () => {
    const h = harness();
    submit(h.root, 'lesson-1');
    writeFileSync(join(h.root, 'blocked'), 'a file, not a folder');
    const io = h.io();
    expect(await run(['lesson-1', '--out', 'blocked', '--reporter', 'json,terminal'], io, h.deps)).toBe(3);
    expect(io.err().match(/Could not write the json report: /g)).toHaveLength(1);
    expect(io.out()).toContain('Score: 100/100');
  });
});

describe('grade: cluster selection failures', () => {
  it('a cluster that cannot be brought up still gets a report and exits 3', async () => {
    const unavailable = new ClusterUnavailableError(
      { en: 'kind is not usable in this CI job (docker missing)', 'zh-cn': '这个 CI 任务中无法使用 kind（缺少 docker）' },
      { en: 'pass --cluster model', 'zh-cn': '传入 --cluster model' },
    );
    const h = harness({ select: async () => Promise.reject(unavailable) });
    submit(h.root, 'lesson-1');
    const io = h.io({ CI: 'true' });
    expect(await run(['lesson-1'], io, h.deps)).toBe(3);
    expect(io.err()).toContain('The cluster could not be brought up: kind is not usable in this CI job (docker missing)');
    const r = ResultsSchema.parse(JSON.parse(readFileSync(join(h.root, 'reports/results.json'), 'utf8')));
    expect(r.status).toBe('error');
    expect(r.message).toContain('pass --cluster model');
    expect(r.cluster).toEqual({ backend: 'kind', description: 'kind (not available)', is_model: false });
    expect(io.out()).toContain('Hint: pass --cluster model');
    expect(io.out()).toContain('Next: do what the hint above says');
  });

  it('in Chinese the unavailable cluster is described in Chinese', async () => {
    const unavailable = new ClusterUnavailableError({ en: 'docker missing', 'zh-cn': '缺少 docker' });
    const h = harness({ select: async () => Promise.reject(unavailable) });
    submit(h.root, 'lesson-1');
    const io = h.io();
    expect(await run(['lesson-1', '--cluster', 'current', '--lang', 'zh-cn'], io, h.deps)).toBe(3);
    expect(io.out()).toContain('集群：当前 kubeconfig 上下文（不可用）');
    const r = ResultsSchema.parse(JSON.parse(readFileSync(join(h.root, 'reports/results.json'), 'utf8')));
    expect(r.cluster).toEqual({ backend: 'current', description: '当前 kubeconfig 上下文（不可用）', is_model: false });
  });

  it('the fallback notice is shown before grading', async () => {
    const h = harness({
      select: async () => ({
        backend: 'model',
        notice: { en: 'kind is not usable here, so this run uses the offline model', 'zh-cn': '改用离线模型' },
        factory: () => ({ info: { backend: 'model', description: { en: 'offline model', 'zh-cn': '离线模型' }, isModel: true } }) as never,
      }),
    });
    submit(h.root, 'lesson-1');
    const io = h.io();
    expect(await run(['lesson-1', '--reporter', 'terminal'], io, h.deps)).toBe(0);
    expect(io.err().indexOf('kind is not usable here')).toBeLessThan(io.err().indexOf('lesson-1 · '));
    expect(io.out()).toContain('Offline model, not a real cluster');
  });
});

describe('grade: Ctrl-C', () => {
  it('aborts the runner, waits for its clean-up, marks the rest interrupted, writes reports, exits 130', async () => {
    const h = harness({ scripts: { 'lesson-1': 'hang' } });
    submit(h.root, 'lesson-1');
    submit(h.root, 'lesson-3');
    const io = h.io();
    const done = run(['--all', '--reporter', 'json,terminal'], io, h.deps);
    await new Promise((r) => setTimeout(r, 20));
    h.interrupt();
    expect(await done).toBe(130);
    expect(h.cleanedUp).toEqual(['lesson-1']);
    expect(h.seen.map((o) => o.id)).toEqual(['lesson-1']);
    expect(h.seen[0]!.signal.aborted).toBe(true);
    expect(io.err()).toContain('Interrupted: stopping and cleaning up');
    const r = JSON.parse(readFileSync(join(h.root, 'reports/results.json'), 'utf8'));
    expect(r.exercises.map((e: { error: { kind: string } }) => e.error.kind)).toEqual(['interrupted', 'interrupted']);
    expect(h.exits).toEqual([]);
  });

  it('Ctrl-C after every check passed (during cleanup) still exits 130; the report keeps the verdict', async () => {
    const h = harness({ scripts: { 'lesson-1': 'late-interrupt' } });
    submit(h.root, 'lesson-1');
    const io = h.io();
    const done = run(['lesson-1', '--reporter', 'json,terminal'], io, h.deps);
    await new Promise((r) => setTimeout(r, 20));
    h.interrupt();
    expect(await done).toBe(130);
    expect(h.cleanedUp).toEqual(['lesson-1']);
    const r = JSON.parse(readFileSync(join(h.root, 'reports/results.json'), 'utf8'));
    expect([r.status, r.score, r.exercises[0].error]).toEqual(['pass', 100, null]);
    expect(io.out()).toContain('Score: 100/100');
  });

  it('a second Ctrl-C exits at once with 130', async () => {
    const h = harness({ scripts: { 'lesson-1': 'hang' } });
    submit(h.root, 'lesson-1');
    const done = run(['lesson-1'], h.io(), h.deps);
    await new Promise((r) => setTimeout(r, 20));
    h.interrupt();
    h.interrupt();
    expect(h.exits).toEqual([130]);
    await done;
  });
});

describe('grade: --list, --delete-cluster', () => {
  it('--list prints the lessons with titles in the chosen language', async () => {
    const h = harness();
    const io = h.io();
    expect(await run(['--list', '--lang', 'zh-cn'], io, h.deps)).toBe(0);
    expect(io.out()).toContain('课程：\n  lesson-1  01-emptydir  emptyDir：一个 Pod 的临时空间\n');
    expect(io.out()).toContain('  lesson-2  02-hostpath  （暂无练习）\n');
    expect(io.out()).toContain('  lesson-3  03-nfs       跨节点共享的 NFS 卷\n');
  });

  it('--delete-cluster deletes and exits 0; a failure exits 3', async () => {
    const h = harness();
    const io = h.io();
    expect(await run(['--delete-cluster'], io, h.deps)).toBe(0);
    expect(h.deleted).toBe(1);
    expect(io.out()).toContain('The course kind cluster is deleted.');
    const failing = { ...h.deps, deleteCourseCluster: async () => Promise.reject(new ClusterUnavailableError({ en: 'kind not found', 'zh-cn': '找不到 kind' })) };
    const io2 = h.io();
    expect(await run(['--delete-cluster', '--lang', 'zh-cn'], io2, failing)).toBe(3);
    expect(io2.err()).toContain('无法删除课程的 kind 集群：找不到 kind');
  });
});
