/**
 * The only place that chooses a cluster back end. An explicit --cluster wins; `auto` takes kind
 * when its tooling answers, else the offline model with a visible notice; in CI (CI=true) `auto`
 * never falls back silently: it fails with ClusterUnavailableError instead. Back ends are loaded
 * lazily, so grading on the model never imports kind's code and tests inject fakes.
 */
import type { Localized } from '../../i18n/lang.ts';
import { ClusterUnavailableError, type Cluster } from './cluster.ts';

export const CLUSTER_MODES = ['auto', 'kind', 'current', 'model'] as const;
export type ClusterMode = (typeof CLUSTER_MODES)[number];
export type Backend = Exclude<ClusterMode, 'auto'>;

export type KindTooling = { ok: true } | { ok: false; missing: Localized; hint: Localized };

/** How select.ts reaches the back ends (the defaults import the real modules on first use). */
export interface BackendLoaders {
  detectKindTooling(): Promise<KindTooling>;
  kind(): Promise<(opts: { runId: string; fresh?: boolean; trace?: (line: string) => void }) => Cluster>;
  current(): Promise<(opts: { runId: string; trace?: (line: string) => void }) => Cluster>;
  model(): Promise<(opts?: { runId?: string; seed?: number }) => Cluster>;
}

export interface SelectOptions {
  mode: ClusterMode;
  /** True in CI (env CI=true): auto must not fall back to the model. */
  ci: boolean;
  /** kind: a throwaway cluster for this run instead of the reused course cluster. */
  fresh?: boolean;
  /** Prints every external command with its timing (kind and current back ends). */
  trace?: (line: string) => void;
}

export interface ClusterSelection {
  backend: Backend;
  /** Makes the back end for one exercise run (namespaces and labels carry the run id). */
  factory: (runId: string) => Cluster;
  /** Said once before grading, e.g. why auto fell back to the model. */
  notice?: Localized;
}

/** The real back-end modules, imported on first use. */
export const defaultLoaders: BackendLoaders = {
  detectKindTooling: async () => (await import('./kind/kind-cluster.ts')).detectKindTooling(),
  kind: async () => (await import('./kind/kind-cluster.ts')).createKindCluster,
  current: async () => (await import('./current/current-cluster.ts')).createCurrentCluster,
  model: async () => (await import('./model/model-cluster.ts')).createModelCluster,
};

const FALLBACK: Localized = {
  en: 'kind is not usable here ({missing}), so this run uses the offline model, not a real cluster. For the real verdict: {hint}',
  'zh-cn': '这里无法使用 kind（{missing}），所以本次改用离线模型，而不是真实集群。要得到真正的评分：{hint}',
};
const CI_REFUSED: Localized = {
  en: 'kind is not usable in this CI job ({missing}), and in CI the grader never falls back to the offline model on its own.',
  'zh-cn': '这个 CI 任务中无法使用 kind（{missing}），而在 CI 中评分程序不会自动改用离线模型。',
};
const CI_HINT: Localized = {
  en: 'Install kind and Docker in the job (e.g. helm/kind-action), or pass --cluster model to grade on the offline model on purpose. {hint}',
  'zh-cn': '在任务中安装 kind 和 Docker（例如 helm/kind-action），或者传入 --cluster model，明确地用离线模型评分。{hint}',
};
const KIND_MISSING: Localized = {
  en: '--cluster kind was asked for, but kind cannot be used: {missing}',
  'zh-cn': '指定了 --cluster kind，但无法使用 kind：{missing}',
};

const sub = (text: Localized, params: Record<string, Localized>): Localized => ({
  en: text.en.replace(/\{(\w+)\}/g, (m, k: string) => params[k]?.en ?? m),
  'zh-cn': text['zh-cn'].replace(/\{(\w+)\}/g, (m, k: string) => params[k]?.['zh-cn'] ?? m),
});

/** Chooses the back end for a run; throws ClusterUnavailableError when it cannot (exit 3). */
export async function selectCluster(opts: SelectOptions, loaders: BackendLoaders = defaultLoaders): Promise<ClusterSelection> {
  const { trace, fresh } = opts;
  if (opts.mode === 'model') return model(loaders);
  if (opts.mode === 'current') {
    const create = await loaders.current();
    return { backend: 'current', factory: (runId) => create({ runId, trace }) };
  }
  const tooling = await loaders.detectKindTooling();
  if (tooling.ok) {
    const create = await loaders.kind();
    return { backend: 'kind', factory: (runId) => create({ runId, fresh, trace }) };
  }
  if (opts.mode === 'kind') throw new ClusterUnavailableError(sub(KIND_MISSING, { missing: tooling.missing }), tooling.hint);
  if (opts.ci) {
    throw new ClusterUnavailableError(sub(CI_REFUSED, { missing: tooling.missing }), sub(CI_HINT, { hint: tooling.hint }));
  }
  return { ...(await model(loaders)), notice: sub(FALLBACK, { missing: tooling.missing, hint: tooling.hint }) };
}

async function model(loaders: BackendLoaders): Promise<ClusterSelection> {
  const create = await loaders.model();
  return { backend: 'model', factory: (runId) => create({ runId }) };
}
