import { describe, it, expect } from 'vitest';
import { ClusterUnavailableError, type Cluster } from '../../../src/grader/cluster/cluster.ts';
import { selectCluster, type BackendLoaders, type KindTooling } from '../../../src/grader/cluster/select.ts';

const missing: KindTooling = {
  ok: false,
  missing: { en: 'docker is not running', 'zh-cn': 'docker 没有运行' },
  hint: { en: 'start Docker', 'zh-cn': '启动 Docker' },
};

function fakeLoaders(tooling: KindTooling) {
  const calls: { backend: string; opts: unknown }[] = [];
  const make = (backend: 'kind' | 'current' | 'model') => async () => (opts: unknown) => {
    calls.push({ backend, opts });
    return { info: { backend, description: { en: backend, 'zh-cn': backend }, isModel: backend === 'model' } } as unknown as Cluster;
  };
  const loaders: BackendLoaders = {
    detectKindTooling: async () => tooling,
    kind: make('kind'),
    current: make('current'),
    model: make('model'),
  };
  return { loaders, calls };
}

describe('selectCluster', () => {
  it('auto takes kind when its tooling answers, passing runId, fresh and trace', async () => {
    const { loaders, calls } = fakeLoaders({ ok: true });
    const trace = () => {};
    const sel = await selectCluster({ mode: 'auto', ci: true, fresh: true, trace }, loaders);
    expect([sel.backend, sel.notice]).toEqual(['kind', undefined]);
    expect(sel.factory('lesson-1-abc').info.backend).toBe('kind');
    expect(calls).toEqual([{ backend: 'kind', opts: { runId: 'lesson-1-abc', fresh: true, trace } }]);
  });

  it('auto falls back to the model with a visible notice in both languages', async () => {
    const { loaders } = fakeLoaders(missing);
    const sel = await selectCluster({ mode: 'auto', ci: false }, loaders);
    expect(sel.backend).toBe('model');
    expect(sel.factory('r1').info.isModel).toBe(true);
    expect(sel.notice!.en).toContain('offline model');
    expect(sel.notice!.en).toContain('docker is not running');
    expect(sel.notice!['zh-cn']).toContain('离线模型');
    expect(sel.notice!['zh-cn']).toContain('docker 没有运行');
  });

  it('in CI auto never falls back: ClusterUnavailableError naming --cluster model and kind', async () => {
    const { loaders, calls } = fakeLoaders(missing);
    const err = await selectCluster({ mode: 'auto', ci: true }, loaders).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    const e = err as ClusterUnavailableError;
    expect(e.reason.en).toContain('docker is not running');
    expect(e.hint!.en).toContain('--cluster model');
    expect(e.hint!.en).toContain('kind');
    expect(e.hint!['zh-cn']).toContain('--cluster model');
    expect(calls).toEqual([]);
  });

  it('--cluster kind without tooling fails naming what is missing', async () => {
    const { loaders } = fakeLoaders(missing);
    const err = (await selectCluster({ mode: 'kind', ci: false }, loaders).catch((e: unknown) => e)) as ClusterUnavailableError;
    expect(err).toBeInstanceOf(ClusterUnavailableError);
    expect(err.reason.en).toBe('--cluster kind was asked for, but kind cannot be used: docker is not running');
    expect(err.reason['zh-cn']).toBe('指定了 --cluster kind，但无法使用 kind：docker 没有运行');
    expect(err.hint).toEqual(missing.hint);
  });

  it('explicit model and current win without detection', async () => {
    const detect = { ...fakeLoaders(missing).loaders, detectKindTooling: async () => { throw new Error('must not detect'); } };
    const model = await selectCluster({ mode: 'model', ci: true }, detect);
    expect([model.backend, model.notice]).toEqual(['model', undefined]);
    const current = await selectCluster({ mode: 'current', ci: false }, detect);
    expect(current.backend).toBe('current');
  });
});
