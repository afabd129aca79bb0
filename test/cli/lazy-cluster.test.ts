/**
 * Back ends loaded on first use (src/cli/lazy-cluster.ts): the unit contract with fake loaders,
 * and, through the real CLI in a child process, that a submission refused before the cluster step
 * never imports the model while a valid one does.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/grader/cluster/cluster.ts';
import { createModelCluster } from '../../src/grader/cluster/model/model-cluster.ts';
import type { BackendLoaders } from '../../src/grader/cluster/select.ts';
import { selectCluster } from '../../src/grader/cluster/select.ts';
import { deferredLoaders, lazyCluster } from '../../src/cli/lazy-cluster.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TMP = mkdtempSync(join(tmpdir(), 'lazy-cluster-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('lazyCluster', () => {
  it('loads nothing until the first operation, then loads once and delegates', async () => {
    let loads = 0;
    const c = lazyCluster('model', async () => {
      loads += 1;
      return createModelCluster({ runId: 'lazy' });
    });
    expect(loads).toBe(0);
    expect(c.info).toEqual({ backend: 'model', description: { en: 'offline model', 'zh-cn': '离线模型' }, isModel: true });
    expect(c.namespace).toBe('');
    expect(() => c.clock).toThrow(/call prepare\(\) before reading its clock/);
    await Promise.all([c.prepare(), c.workers()]);
    expect(loads).toBe(1);
    expect(c.info.description).toEqual({ en: 'offline storage model (not a real cluster)', 'zh-cn': '离线存储模型（不是真实集群）' });
    expect(c.namespace).toBe('course-lazy');
    expect(await c.workers()).toEqual(['course-worker', 'course-worker2']);
    const before = c.clock.now();
    await c.clock.sleep(5_000);
    expect(c.clock.now() - before).toBe(5_000);
    await c.apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } }]);
    expect((await c.get('ConfigMap', 'x'))?.metadata.namespace).toBe('course-lazy');
    await c.cleanup();
    expect(loads).toBe(1);
  });

  it('prepare honours an aborted signal without loading; cleanup before any operation does nothing', async () => {
    let loads = 0;
    const c = lazyCluster('kind', async () => {
      loads += 1;
      throw new Error('must not load');
    });
    const ac = new AbortController();
    ac.abort();
    await expect(c.prepare(ac.signal)).rejects.toBeDefined();
    await expect(c.cleanup()).resolves.toBeUndefined();
    expect(loads).toBe(0);
  });

  it('a back end that fails to load rejects its operations; diagnostics and cleanup still never reject', async () => {
    const c = lazyCluster('current', async () => {
      throw new Error('no kubeconfig');
    });
    await expect(c.prepare()).rejects.toThrow('no kubeconfig');
    expect(await c.diagnostics([{ kind: 'Pod', name: 'p' }])).toEqual([{ title: 'diagnostics', text: 'could not load the current back end: no kubeconfig' }]);
    await expect(c.cleanup()).resolves.toBeUndefined();
  });
});

describe('deferredLoaders', () => {
  it('selection calls the real loader only when the chosen cluster is first used', async () => {
    const calls: string[] = [];
    const real: BackendLoaders = {
      detectKindTooling: async () => (calls.push('detect'), { ok: false, missing: { en: 'kind', 'zh-cn': 'kind' }, hint: { en: 'h', 'zh-cn': 'h' } }),
      kind: async () => (calls.push('kind'), () => ({}) as Cluster),
      current: async () => (calls.push('current'), () => ({}) as Cluster),
      model: async () => (calls.push('model'), (opts) => createModelCluster(opts)),
    };
    const sel = await selectCluster({ mode: 'auto', ci: false }, deferredLoaders(real));
    expect(sel.backend).toBe('model');
    expect(sel.notice?.en).toContain('kind is not usable here');
    expect(calls).toEqual(['detect']);
    const cluster = sel.factory('r1');
    expect(calls).toEqual(['detect']);
    await cluster.prepare();
    expect(calls).toEqual(['detect', 'model']);
    expect(cluster.namespace).toBe('course-r1');
  });
});

describe('the real CLI imports the model only when a cluster is needed', () => {
  // A module hook that prints every file the child process resolves.
  const hooks = join(TMP, 'hooks.mjs');
  writeFileSync(hooks, `import { writeSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); if (r.url.startsWith('file:')) writeSync(2, '[resolved] ' + r.url + '\\n'); return r; }\n`);
  const register = join(TMP, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

  function grade(dir: string): Promise<{ code: number; modules: string[] }> {
    const args = ['--import', 'tsx', '--import', register, 'scripts/grade.ts', 'lesson-1', '--dir', dir, '--cluster', 'model', '--lang', 'en', '--reporter', 'json', '--out', join(TMP, 'out')];
    return new Promise((done) => {
      execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, CI: '' }, timeout: 60_000 }, (err, _stdout, stderr) => {
        const modules = stderr.split('\n').filter((l) => l.startsWith('[resolved] ')).map((l) => l.slice('[resolved] '.length));
        done({ code: err ? Number((err as { code?: number }).code ?? -1) : 0, modules });
      });
    });
  }
  // The model's implementation. Its vocabulary (src/model/vocabulary.ts: the object type and the
  // two error classes, no imports) is the grader's too, so every run loads it.
  const modelModules = (mods: string[]) => mods.filter((m) => (m.includes('/src/model/') && !m.endsWith('/src/model/vocabulary.ts')) || m.endsWith('/model-cluster.ts'));

  it('a submission with an unknown field exits 2 without importing any model module', { timeout: 60_000 }, async () => {
    const dir = join(TMP, 'unknown-field');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache-pod\nspec:\n  containerz: []\n');
    const { code, modules } = await grade(dir);
    expect(code).toBe(2);
    expect(modules.some((m) => m.endsWith('/src/cli/lazy-cluster.ts'))).toBe(true);
    expect(modelModules(modules)).toEqual([]);
  });

  it('the reference answer is graded on the model (which is then imported)', { timeout: 60_000 }, async () => {
    const { code, modules } = await grade(join(ROOT, 'lessons/01-emptydir/solution'));
    expect(code).toBe(0);
    expect(modelModules(modules).length).toBeGreaterThan(20);
  });
});
