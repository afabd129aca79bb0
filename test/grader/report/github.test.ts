import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { annotations, escapeData, escapeProperty, workflowCommand, writeGithub } from '../../../src/grader/report/github.ts';
import { mdCell, mdFence, renderStepSummary } from '../../../src/grader/report/github-summary.ts';
import { toClassroomResult } from '../../../src/grader/report/classroom.ts';
import { toResultsJson } from '../../../src/grader/report/json.ts';
import { ClassroomSchema } from './results-schema.ts';
import { CWD, check, clusterErrorExercise, nfsExercise, passedExercise, run, submissionErrorExercise } from './sample-run.ts';

describe('workflow-command escaping', () => {
  it('escapes data (% CR LF) and properties (also : and ,)', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    expect(workflowCommand('error', { file: 'x,y.yaml', line: 3, col: undefined, title: 'lesson-3: a:b' }, 'line1\nline2 100%')).toBe(
      '::error file=x%2Cy.yaml,line=3,title=lesson-3%3A a%3Ab::line1%0Aline2 100%25',
    );
  });

  it('an annotation can never break out of its line', () => {
    const ex = nfsExercise();
    ex.checks[1]!.message = { en: 'evil\n::error::injected %0A', 'zh-cn': 'x' };
    const lines = annotations(run([ex]), 'en', CWD);
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
    // The injected text stays inside the first annotation's message, its own %0A escaped too.
    expect(lines[1]).toMatch(/^::error file=exercises\/lesson-3\/deployment\.yaml,line=12,col=7,title=[^:]+::evil%0A::error::injected %250A%0AHint: /);
  });
});

describe('annotations', () => {
  it('static failures and problems with file/line/col, a model warning, nothing for step failures', () => {
    const lines = annotations(run([nfsExercise(), submissionErrorExercise()]), 'en', CWD);
    expect(lines[0]).toMatch(/^::warning title=Offline model::Offline model, not a real cluster/);
    expect(lines).toContain(
      '::error file=exercises/lesson-3/deployment.yaml,line=12,col=7,title=lesson-3%3A Replicas must land on different nodes::The Deployment has no required pod anti-affinity on kubernetes.io/hostname.%0AHint: Add spec.template.spec.affinity.podAntiAffinity.requiredDuringScheduling…',
    );
    expect(lines.filter((l) => l.includes('exercises/lesson-2/pod.yaml'))).toHaveLength(2);
    expect(lines.some((l) => l.includes('nfs-web-b'))).toBe(false);
    expect(lines).toHaveLength(4);
  });

  it('at most 10 errors, then one notice with the count left', () => {
    const ex = nfsExercise();
    ex.checks = Array.from({ length: 14 }, (_, i) =>
      check({ id: `s${i}`, kind: 'static', status: 'failed', message: { en: `m${i}`, 'zh-cn': `m${i}` }, at: { file: 'a.yaml', line: i + 1, col: 1 } }),
    );
    const lines = annotations(run([ex], false), 'zh-cn', CWD);
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(10);
    expect(lines.at(-1)).toBe('::notice::还有 4 个问题没有显示为注解，请查看步骤摘要。');
  });

  it('a cluster that never came up is an annotation without a file', () => {
    const lines = annotations(run([clusterErrorExercise()], false), 'en', CWD);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error title=lesson-4::The cluster could not be used: docker is not running%0AHint: Start Docker Desktop\./);
  });
});

describe('step summary', () => {
  it('has the model banner, a table per exercise and the failures, in the chosen language', () => {
    const md = renderStepSummary(run([nfsExercise()]), 'zh-cn', CWD);
    expect(md).toContain('## 评分结果');
    expect(md).toContain('> [!WARNING]');
    expect(md).toContain('离线模型');
    expect(md).toContain('| ❌ | 副本必须分布在不同节点上 | 0/15 |');
    expect(md).toContain('| ⏭️ |');
    expect(md).toContain('<details><summary>❌ lesson-3: 一个副本写入的令牌能在另一个副本中读到</summary>');
    expect(md).toContain('**总分：35/100');
    expect(md).toContain('** · 集群：离线模型');
    expect(renderStepSummary(run([nfsExercise()], false), 'zh-cn', CWD)).toContain('** · 集群：kind 集群 k8s-storage-course（Kubernetes v1.35.0）');
  });

  it('escapes table cells and fences student text', () => {
    expect(mdCell('a|b\n<script>')).toBe('a\\|b<br>&lt;script&gt;');
    expect(mdFence('x ``` y')).toBe('````text\nx ``` y\n````');
  });

  it('stays under the byte limit with a note when cut', () => {
    const ex = nfsExercise();
    ex.checks = Array.from({ length: 40 }, (_, i) =>
      check({ id: `c${i}`, status: 'failed', message: { en: 'm', 'zh-cn': 'm' }, diagnostics: [{ title: 'logs', text: '日志'.repeat(20_000) }] }),
    );
    const md = renderStepSummary(run([ex]), 'en', CWD, 200_000);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(200_000);
    expect(md).toContain('The summary was cut');
    const full = renderStepSummary(run([ex]), 'en', CWD);
    expect(Buffer.byteLength(full)).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe('writeGithub', () => {
  it('appends the summary and `result=<base64 Classroom v1>`, and the sums agree with results.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gh-'));
    const summary = join(dir, 'summary.md');
    const output = join(dir, 'output');
    writeFileSync(summary, 'earlier step\n');
    writeFileSync(output, 'other=1\n');
    let stdout = '';
    const r = run([passedExercise(), nfsExercise()], false);
    const files = await writeGithub(r, 'en', CWD, { env: { GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output }, stdout: { write: (s: string) => (stdout += s) } });
    expect(files).toEqual([summary, output]);
    expect(readFileSync(summary, 'utf8')).toMatch(/^earlier step\n## Grading results/);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('other=1');
    const encoded = /^result=([A-Za-z0-9+/=]+)$/.exec(lines[1]!)![1]!;
    const result = ClassroomSchema.parse(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')));
    const json = toResultsJson(r, 'en', CWD);
    expect(result.max_score).toBe(json.max_score);
    expect(result.tests.reduce((s, t) => s + t.score, 0)).toBe(json.score);
    expect(result.tests.map((t) => t.status)).toEqual(json.tests.map((t) => t.status));
    expect(result).toEqual(toClassroomResult(r, 'en', CWD));
    expect(stdout).toContain('::error file=exercises/lesson-3/deployment.yaml');
  });

  it('without the variables it only prints annotations', async () => {
    let stdout = '';
    const files = await writeGithub(run([nfsExercise()]), 'en', CWD, { env: {}, stdout: { write: (s: string) => (stdout += s) } });
    expect(files).toEqual([]);
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(2);
  });
});
