/**
 * `npm run cluster:up`: a real kind cluster on this machine from the registries it has (Go module
 * proxy, Debian), every product cached outside the repository keyed by what it is made from, then
 * the course cluster created (or reused) by the grader's own kind back end code.
 * Exit codes: 0 up, 2 the pins cannot be read, 3 a step failed, 130 interrupted.
 */
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { fill } from '../i18n/lang.ts';
import { CLUSTER_NAME } from '../grader/cluster/kind/config.ts';
import { ensureCluster } from '../grader/cluster/kind/lifecycle.ts';
import { courseKubeconfig } from '../grader/cluster/kind/paths.ts';
import { realClock } from '../grader/cluster/common/poll.ts';
import { createExecaRunner } from '../grader/exec/runner.ts';
import { formatDuration } from './format.ts';
import { enginePaths, ensureEngine, type EnginePaths } from './engine.ts';
import { acquireLock, LockHeldError } from './lock.ts';
import { checkGo, HOST_PACKAGES, installPackages, missingCaps, missingPackages } from './host.ts';
import { msg } from './messages.ts';
import { clusterPaths, type ClusterPaths } from './paths.ts';
import { runSteps, StepFailedError, type ExecStep, type ProgressIo, type StepTiming } from './run-steps.ts';
import { writeState } from './state.ts';
import { smokeTest } from './smoke.ts';
import { installCsi } from './csi.ts';
import { buildNames, buildSteps, goToolDirs, type CacheProbe } from './steps.ts';
import { COURSE_IMAGE_PREFIX, pruneOldBuilds, sha12 } from './prune.ts';
import { readVersions, VersionsFileError, type Versions } from './versions.ts';

export interface UpOptions {
  root: string;
  io: ProgressIo & { out: { write(text: string): unknown } };
  env: Record<string, string | undefined>;
  signal: AbortSignal;
  /** The operating system (default process.platform); cluster:up builds Linux nodes on Linux only. */
  platform?: NodeJS.Platform;
}

const probe: CacheProbe = {
  fileExists: (p) => existsSync(p),
  imageExists: async (ref) => (await execa('docker', ['image', 'inspect', '--format', '{{.Id}}', ref], { reject: false, env: { DOCKER_HOST: process.env.DOCKER_HOST } })).exitCode === 0,
};

export async function clusterUp(o: UpOptions): Promise<number> {
  const { lang } = o.io;
  const started = Date.now();
  const platform = o.platform ?? process.platform;
  if (platform !== 'linux') {
    o.io.err.write(`${fill(msg.notLinux, { platform })[lang]}\n`);
    return 3;
  }
  let versions: Versions;
  try {
    versions = readVersions(o.root);
  } catch (err) {
    if (!(err instanceof VersionsFileError)) throw err;
    o.io.err.write(`${fill(msg.badVersions, { error: err.message })[lang]}\n`);
    return 2;
  }
  const paths = clusterPaths(o.env);
  const engine = enginePaths(o.env);
  mkdirSync(paths.root, { recursive: true });
  let release: () => void;
  try {
    release = acquireLock(join(paths.root, 'up.lock'));
  } catch (err) {
    if (!(err instanceof LockHeldError)) throw err;
    o.io.err.write(`${fill(msg.upLocked, { pid: err.pid, file: err.file })[lang]}\n`);
    return 3;
  }
  try {
    return await up(o, versions, paths, engine, started);
  } finally {
    release();
  }
}

async function up(o: UpOptions, versions: Versions, paths: ClusterPaths, engine: EnginePaths, started: number): Promise<number> {
  const { lang } = o.io;
  // Every docker and kind call from here on (the build scripts too) talks to the course engine.
  process.env.DOCKER_HOST = engine.host;
  try {
    const caps = await missingCaps(o.root);
    const dropCaps = JSON.stringify(caps);
    // `go env` answers in milliseconds; when Go is missing the Go step below fails before any build.
    const gomodcache = (await execa('go', ['env', 'GOMODCACHE'], { reject: false })).stdout.trim() || join(o.env.HOME ?? '', 'go', 'pkg', 'mod');
    const n = buildNames(o.root, paths, versions, gomodcache, dropCaps);
    const hostSteps: ExecStep[] = [
      {
        id: 'host:packages',
        title: { en: 'Debian packages the build needs', 'zh-cn': '构建所需的 Debian 软件包' },
        skip: async () => ((await missingPackages(HOST_PACKAGES)).length === 0 ? msg.hostPackagesPresent : undefined),
        run: async (ctx) => {
          const missing = await missingPackages(HOST_PACKAGES);
          await installPackages(missing, ctx, lang);
          return fill(msg.hostPackages, { packages: missing.join(' ') });
        },
      },
      {
        id: 'host:go',
        title: { en: 'Go toolchain', 'zh-cn': 'Go 工具链' },
        run: async () => {
          await checkGo(lang);
          const version = (await execa('go', ['env', 'GOVERSION'])).stdout.trim();
          return { en: version, 'zh-cn': version };
        },
      },
      {
        id: 'host:engine',
        title: { en: 'The course\'s own Docker engine', 'zh-cn': '课程自己的 Docker 引擎' },
        run: (ctx) => ensureEngine(o.root, caps, ctx, lang, engine),
      },
      {
        id: 'go:sources',
        title: { en: `Module sources of kind ${versions.KIND_VERSION} and Kubernetes ${versions.KUBERNETES_VERSION}`, 'zh-cn': `kind ${versions.KIND_VERSION} 与 Kubernetes ${versions.KUBERNETES_VERSION} 的模块源码` },
        skip: async () => (existsSync(n.kindSource) && existsSync(n.kubernetesSource) ? msg.cached : undefined),
        run: (ctx) => ctx.exec({ file: 'go', args: ['mod', 'download', `sigs.k8s.io/kind@${versions.KIND_VERSION}`, `k8s.io/kubernetes@${versions.KUBERNETES_VERSION}`] }),
      },
    ];
    const build: ExecStep[] = buildSteps(o.root, paths, versions, n, dropCaps).map((s) => ({
      id: s.id,
      title: s.title,
      coldEstimate: s.coldEstimate,
      skip: async () => ((await s.cached(probe)) ? msg.cached : undefined),
      run: (ctx) => ctx.exec(s.command),
    }));
    const kubeconfig = courseKubeconfig(o.env);
    const clusterSteps: ExecStep[] = [
      {
        id: 'cluster',
        title: fill(msg.cluster, { name: CLUSTER_NAME }),
        coldEstimate: '30 s',
        run: async (ctx) => {
          linkBin(paths.bin, join(paths.go, `kind-${versions.KIND_VERSION}`, 'bin', 'kind'), join(paths.go, `kubernetes-${versions.KUBERNETES_VERSION}`, 'bin', 'kubectl'));
          process.env.PATH = `${paths.bin}:${process.env.PATH ?? ''}`;
          const runner = createExecaRunner({ trace: (line) => ctx.log(line) });
          const image = { ref: n.nodeImage, source: 'cluster-up' as const, recordedIn: paths.state };
          const state = await ensureCluster({ runner, name: CLUSTER_NAME, kubeconfig, clock: realClock, note: (line) => ctx.log(line), image, engine: 'docker' }, ctx.signal);
          return state === 'reused' ? msg.clusterReused : msg.clusterCreated;
        },
      },
      {
        id: 'addons',
        title: msg.addons,
        run: async (ctx) => {
          for (const [ns, deploy] of [['kube-system', 'coredns'], ['local-path-storage', 'local-path-provisioner']] as const) {
            await ctx.exec({ file: join(paths.bin, 'kubectl'), args: ['--kubeconfig', kubeconfig, '-n', ns, 'rollout', 'status', `deployment/${deploy}`, '--timeout=180s'] });
          }
          await ctx.exec({ file: join(paths.bin, 'kubectl'), args: ['--kubeconfig', kubeconfig, 'get', 'storageclass', 'standard'] });
        },
      },
      {
        id: 'csi',
        title: msg.csi,
        coldEstimate: '1 min',
        run: (ctx) =>
          installCsi({ root: o.root, kubectl: join(paths.bin, 'kubectl'), kubeconfig, versions, gomodcache, imagesDir: n.csiImagesDir, driverImage: n.csiDriverImage, lang }, ctx),
      },
      {
        id: 'smoke',
        title: msg.smoke,
        run: (ctx) => smokeTest(o.root, join(paths.bin, 'kubectl'), kubeconfig, CLUSTER_NAME, ctx, lang),
      },
      {
        id: 'prune',
        title: msg.prune,
        run: async (ctx) => {
          const keep = {
            paths: [...goToolDirs(paths, versions, n), n.nodeRootfs, n.netbaseRootfs, n.nfsRootfs, n.csiRootfs, n.imagesDir, n.csiImagesDir],
            images: [
              n.nodeImage,
              n.baseImage,
              n.courseCniImage,
              `${COURSE_IMAGE_PREFIX}netbase:${basename(n.netbaseRootfs, '.tar')}`,
              `${COURSE_IMAGE_PREFIX}nfs-server-rootfs:${basename(n.nfsRootfs, '.tar')}`,
              `${COURSE_IMAGE_PREFIX}csi-driver-rootfs:${basename(n.csiRootfs, '.tar')}`,
              `${COURSE_IMAGE_PREFIX}node-rootfs:${versions.DEBIAN_SUITE}-${await sha12(n.nodeRootfs)}`,
            ],
            imagesKeys: [basename(n.imagesDir), basename(n.csiImagesDir)],
          };
          const pruned = await pruneOldBuilds(paths, keep, (line) => ctx.log(line));
          if (pruned.entries === 0 && pruned.images === 0) return msg.pruneNothing;
          return fill(msg.pruned, { files: pruned.entries, mb: Math.round(pruned.bytes / 1e6), images: pruned.images });
        },
      },
    ];
    const timings = await runSteps([...hostSteps, ...build, ...clusterSteps], o.io, paths.logs, o.signal);
    recordTimings(paths.root, timings, Date.now() - started);
    const state = {
      cluster: CLUSTER_NAME,
      nodeImage: n.nodeImage,
      dockerHost: engine.host,
      bin: paths.bin,
      kubeconfig,
      kindVersion: versions.KIND_VERSION,
      kubernetesVersion: versions.KUBERNETES_VERSION,
      upAt: new Date().toISOString(),
      csi: { imagesDir: n.csiImagesDir, driverImage: n.csiDriverImage, gomodcache },
    };
    writeState(paths.state, state);
    o.io.out.write(`\n${fill(msg.ready, { elapsed: formatDuration(Date.now() - started) })[lang]}\n\n  eval "$(npm run -s cluster:env)"\n  npm run grade -- lesson-1 --cluster kind\n\n${msg.readyTests[lang]}\n`);
    return 0;
  } catch (err) {
    if (o.signal.aborted) {
      o.io.err.write(`\n${msg.interrupted[lang]}\n`);
      return 130;
    }
    if (err instanceof StepFailedError) {
      o.io.err.write(`\n${err.lines.join('\n')}\n`);
      return 3;
    }
    throw err;
  }
}

/** <bin>/kind and <bin>/kubectl pointing at the binaries built here. */
function linkBin(bin: string, kind: string, kubectl: string): void {
  mkdirSync(bin, { recursive: true });
  for (const [name, target] of [['kind', kind], ['kubectl', kubectl]] as const) {
    rmSync(join(bin, name), { force: true });
    symlinkSync(target, join(bin, name));
  }
}

/**
 * Keeps the timings of the last bring-up of each kind: <cache>/up-cold.json when any build step
 * ran (something was built), <cache>/up-warm.json when every build product came from the cache.
 * `npm run bench` reports both.
 */
export function recordTimings(cacheRoot: string, steps: StepTiming[], totalMs: number): void {
  const built = steps.filter((s) => !s.skipped && ((s.id.startsWith('go:') && s.id !== 'go:sources') || s.id.startsWith('rootfs:') || s.id === 'images' || s.id === 'node-image'));
  const kind = built.length > 0 ? 'cold' : 'warm';
  const record = { kind, at: new Date().toISOString(), totalMs, built: built.map((s) => s.id), steps };
  writeFileSync(join(cacheRoot, `up-${kind}.json`), `${JSON.stringify(record, null, 2)}\n`);
}
