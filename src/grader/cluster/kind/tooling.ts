/**
 * Finds what the kind back end needs: kind (v0.31.0+, the release the pinned node image is built
 * for), kubectl, and a container engine that answers (Docker, or Podman via
 * KIND_EXPERIMENTAL_PROVIDER=podman, as kind itself chooses). Says precisely what is missing and
 * how to install it, in both languages.
 */
import type { Localized } from '../../../i18n/lang.ts';
import { createExecaRunner, type CommandRunner, type RunResult } from '../../exec/runner.ts';

export type Engine = 'docker' | 'podman';

export type KindTooling = { ok: true; engine: Engine } | { ok: false; missing: Localized; hint: Localized };

export const MIN_KIND_VERSION: readonly [number, number, number] = [0, 31, 0];

/** Reads "kind v0.31.0 go1.25.5 linux/amd64" (or a bare "0.31.0"); undefined if unrecognised. */
export function parseKindVersion(stdout: string): [number, number, number] | undefined {
  const m = /(?:^|\s)v?(\d+)\.(\d+)\.(\d+)/.exec(stdout.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(v: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
}

/** The engine kind will use: KIND_EXPERIMENTAL_PROVIDER=podman selects Podman; nerdctl is not supported. */
export function engineFromEnv(env: Record<string, string | undefined>): Engine | 'unsupported' {
  const provider = env.KIND_EXPERIMENTAL_PROVIDER?.trim().toLowerCase();
  if (!provider || provider === 'docker') return 'docker';
  if (provider === 'podman') return 'podman';
  return 'unsupported';
}

interface Problem {
  missing: Localized;
  hint: Localized;
}

const KIND_HINT: Localized = {
  en: 'Install kind v0.31.0 or newer: https://kind.sigs.k8s.io/docs/user/quick-start/#installation (Linux: download the release binary; macOS: brew install kind; Windows: winget install Kubernetes.kind).',
  'zh-cn': '请安装 kind v0.31.0 或更新版本：https://kind.sigs.k8s.io/docs/user/quick-start/#installation（Linux：下载发布版二进制文件；macOS：brew install kind；Windows：winget install Kubernetes.kind）。',
};

const KUBECTL_HINT: Localized = {
  en: 'Install kubectl: https://kubernetes.io/docs/tasks/tools/ (macOS: brew install kubectl; Windows: winget install Kubernetes.kubectl).',
  'zh-cn': '请安装 kubectl：https://kubernetes.io/zh-cn/docs/tasks/tools/（macOS：brew install kubectl；Windows：winget install Kubernetes.kubectl）。',
};

function kindProblem(r: RunResult): Problem | undefined {
  if (r.failure === 'not-found') return { missing: { en: 'kind is not installed (not found on PATH)', 'zh-cn': '未安装 kind（PATH 中找不到）' }, hint: KIND_HINT };
  const v = parseKindVersion(r.stdout);
  if (r.exitCode !== 0 || !v) return { missing: { en: `kind does not run (${firstLine(r)})`, 'zh-cn': `kind 无法运行（${firstLine(r)}）` }, hint: KIND_HINT };
  if (!atLeast(v, MIN_KIND_VERSION)) {
    const found = v.join('.');
    return { missing: { en: `kind v0.31.0 or newer (found v${found})`, 'zh-cn': `kind v0.31.0 或更新版本（当前为 v${found}）` }, hint: KIND_HINT };
  }
  return undefined;
}

function kubectlProblem(r: RunResult): Problem | undefined {
  if (r.failure === 'not-found') return { missing: { en: 'kubectl is not installed (not found on PATH)', 'zh-cn': '未安装 kubectl（PATH 中找不到）' }, hint: KUBECTL_HINT };
  if (r.exitCode !== 0) return { missing: { en: `kubectl does not run (${firstLine(r)})`, 'zh-cn': `kubectl 无法运行（${firstLine(r)}）` }, hint: KUBECTL_HINT };
  return undefined;
}

function engineProblem(engine: Engine, r: RunResult): Problem | undefined {
  const name = engine === 'docker' ? 'Docker' : 'Podman';
  if (r.failure === 'not-found') {
    return engine === 'docker'
      ? {
          missing: { en: 'Docker is not installed (no docker command)', 'zh-cn': '未安装 Docker（找不到 docker 命令）' },
          hint: {
            en: 'Install Docker Engine (Linux: https://docs.docker.com/engine/install/) or Docker Desktop (macOS, Windows with WSL 2). To use Podman instead, set KIND_EXPERIMENTAL_PROVIDER=podman.',
            'zh-cn': '请安装 Docker Engine（Linux：https://docs.docker.com/engine/install/）或 Docker Desktop（macOS、使用 WSL 2 的 Windows）。如果想改用 Podman，请设置 KIND_EXPERIMENTAL_PROVIDER=podman。',
          },
        }
      : {
          missing: { en: 'Podman is not installed (KIND_EXPERIMENTAL_PROVIDER=podman, but no podman command)', 'zh-cn': '未安装 Podman（已设置 KIND_EXPERIMENTAL_PROVIDER=podman，但找不到 podman 命令）' },
          hint: { en: 'Install Podman (https://podman.io/docs/installation) or unset KIND_EXPERIMENTAL_PROVIDER to use Docker.', 'zh-cn': '请安装 Podman（https://podman.io/docs/installation），或者取消 KIND_EXPERIMENTAL_PROVIDER 以使用 Docker。' },
        };
  }
  if (r.exitCode === 0 && !r.failure) return undefined;
  const out = `${r.stderr}\n${r.stdout}`;
  if (/permission denied/i.test(out)) {
    return {
      missing: { en: `permission to use ${name} (the ${engine} socket refused this user)`, 'zh-cn': `使用 ${name} 的权限（${engine} 套接字拒绝了当前用户）` },
      hint: { en: 'Add yourself to the docker group (`sudo usermod -aG docker $USER`) and log in again.', 'zh-cn': '请把当前用户加入 docker 组（`sudo usermod -aG docker $USER`），然后重新登录。' },
    };
  }
  return {
    missing: { en: `a running ${name} engine (${firstLine(r)})`, 'zh-cn': `正在运行的 ${name} 引擎（${firstLine(r)}）` },
    hint:
      engine === 'docker'
        ? { en: 'Start Docker: open Docker Desktop, or run `sudo systemctl start docker` on Linux.', 'zh-cn': '请启动 Docker：打开 Docker Desktop，或在 Linux 上运行 `sudo systemctl start docker`。' }
        : { en: 'Start Podman: `podman machine start` on macOS/Windows.', 'zh-cn': '请启动 Podman：在 macOS/Windows 上运行 `podman machine start`。' },
  };
}

function firstLine(r: RunResult): string {
  return (r.stderr.trim() || r.stdout.trim() || `exit ${r.exitCode}`).split('\n')[0];
}

/** Checks kind, kubectl and the engine in parallel; reports everything that is missing at once. */
export async function detectKindTooling(runner: CommandRunner = createExecaRunner(), env: Record<string, string | undefined> = process.env): Promise<KindTooling> {
  const engine = engineFromEnv(env);
  const opts = { reject: false, timeoutMs: 20_000 } as const;
  const [kind, kubectl, eng] = await Promise.all([
    runner.run('kind', ['version'], opts),
    runner.run('kubectl', ['version', '--client', '-o', 'json'], opts),
    engine === 'unsupported'
      ? undefined
      : engine === 'docker'
        ? runner.run('docker', ['version', '--format', '{{.Server.Version}}'], opts)
        : runner.run('podman', ['info', '--format', '{{.Version.Version}}'], opts),
  ]);
  const problems = [kindProblem(kind), kubectlProblem(kubectl)];
  if (engine === 'unsupported') {
    problems.push({
      missing: { en: `a supported kind provider (KIND_EXPERIMENTAL_PROVIDER=${env.KIND_EXPERIMENTAL_PROVIDER})`, 'zh-cn': `受支持的 kind 提供方（KIND_EXPERIMENTAL_PROVIDER=${env.KIND_EXPERIMENTAL_PROVIDER}）` },
      hint: { en: 'The grader supports docker and podman; unset KIND_EXPERIMENTAL_PROVIDER or set it to podman.', 'zh-cn': '评分程序支持 docker 和 podman；请取消 KIND_EXPERIMENTAL_PROVIDER，或将其设为 podman。' },
    });
  } else if (eng) {
    problems.push(engineProblem(engine, eng));
  }
  const found = problems.filter((p): p is Problem => p !== undefined);
  if (found.length === 0) return { ok: true, engine: engine as Engine };
  return {
    ok: false,
    missing: {
      en: `The kind back end needs: ${found.map((p) => p.missing.en).join('; ')}.`,
      'zh-cn': `kind 后端还缺少：${found.map((p) => p.missing['zh-cn']).join('；')}。`,
    },
    hint: {
      en: [...found.map((p) => p.hint.en), 'Meanwhile you can grade offline with --cluster model.'].join('\n'),
      'zh-cn': [...found.map((p) => p.hint['zh-cn']), '在此之前，可以用 --cluster model 离线评分。'].join('\n'),
    },
  };
}
