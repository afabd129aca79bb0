/**
 * The course's own Docker engine: a dockerd that `npm run cluster:up` starts with a socket, data
 * root and exec root of its own, so it can never collide with an engine the user already has
 * (Docker CE, Docker Desktop, Debian's docker.io, podman): its images, containers and networks
 * live apart, it leaves the host's iptables chains alone (--iptables=false, --bridge=none), and
 * the grader reaches it through DOCKER_HOST (`npm run cluster:env`).
 *
 * Contracts:
 * - Everything a root dockerd executes or reads as configuration (the runtime wrapper, daemon.json)
 *   is in ENGINE_RUN, a directory only root can write; the engine refuses to start otherwise.
 * - An engine package is installed (Debian's docker.io) only when no engine of any kind is on the
 *   machine; a dockerd already installed is used as it is, never replaced.
 * - The pid file is trusted only when /proc says that pid is a dockerd serving our socket, so a
 *   stale file (after a reboot) never makes cluster:down signal another process.
 */
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, lstatSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { execa } from 'execa';
import { fill, type Localized } from '../i18n/lang.ts';
import { msg } from './messages.ts';
import type { StepContext } from './run-steps.ts';
import { StepFailedError } from './run-steps.ts';

/** The OCI runtime name the engine uses when the machine lacks capabilities. */
export const ENGINE_RUNTIME = 'ksc-runc';
/** Packages that bring an engine of their own; docker.io is never installed beside one of them. */
export const FOREIGN_ENGINE_PACKAGES = ['docker-ce', 'docker-ee', 'containerd.io', 'docker-desktop', 'moby-engine', 'moby-containerd', 'podman-docker'];
/** The bridge of the course engine's `kind` network (a fixed name, so one firewall rule covers it). */
export const KIND_BRIDGE = 'ksc-kind0';

export interface EnginePaths {
  /** Root-only directory: socket, exec root, pid file, runtime wrapper, daemon.json, log. */
  run: string;
  /** Images, containers and volumes of the course engine (a cache: survives cluster:down). */
  data: string;
  socket: string;
  /** DOCKER_HOST for everything that talks to the course engine. */
  host: string;
  execRoot: string;
  pidFile: string;
  log: string;
}

/** Where the course engine lives; K8S_STORAGE_COURSE_ENGINE_RUN/_DATA move it (tests). */
export function enginePaths(env: Record<string, string | undefined> = process.env): EnginePaths {
  const run = env.K8S_STORAGE_COURSE_ENGINE_RUN || '/run/k8s-storage-course';
  const data = env.K8S_STORAGE_COURSE_ENGINE_DATA || '/var/lib/k8s-storage-course/docker';
  const socket = join(run, 'docker.sock');
  return { run, data, socket, host: `unix://${socket}`, execRoot: join(run, 'exec'), pidFile: join(run, 'dockerd.pid'), log: join(run, 'dockerd.log') };
}

export type EngineAnswer = { state: 'ok'; runtime: string } | { state: 'denied'; detail: string } | { state: 'down'; detail: string };

/** Asks the engine at `host` (a DOCKER_HOST value; undefined: the client's default) whether it answers. */
export async function probeEngine(host: string | undefined, env: Record<string, string | undefined> = process.env): Promise<EngineAnswer> {
  const r = await execa('docker', ['info', '--format', '{{.DefaultRuntime}}'], { reject: false, timeout: 20_000, env: { ...env, DOCKER_HOST: host }, extendEnv: false });
  if (r.exitCode === 0) return { state: 'ok', runtime: r.stdout.trim() };
  const detail = (r.stderr || r.stdout || String(r.code ?? '')).trim().split('\n')[0] ?? '';
  return /permission denied/i.test(detail) ? { state: 'denied', detail } : { state: 'down', detail };
}

/** The first executable file `name` on PATH, skipping `skipDir`; undefined when there is none. */
export function findOnPath(name: string, path: string | undefined = process.env.PATH, skipDir?: string): string | undefined {
  for (const dir of (path ?? '').split(delimiter)) {
    if (!dir || dir === skipDir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here: the next directory
    }
  }
  return undefined;
}

/** What the machine has, as far as the course engine is concerned. */
export interface EngineFacts {
  /** The course engine's own socket. */
  course: EngineAnswer;
  /** A dockerd on PATH (of any origin), or undefined. */
  dockerd?: string;
  /** Installed packages from FOREIGN_ENGINE_PACKAGES. */
  foreignPackages: string[];
  /** Whether some other engine answers at the client's default address. */
  foreignAnswers: boolean;
  isRoot: boolean;
}

export type EnginePlan =
  | { action: 'use' }
  | { action: 'start'; dockerd: string }
  | { action: 'install-then-start' }
  | { action: 'refuse'; why: Localized };

/** Decides, from what answers, what to do about the course engine. Pure. */
export function planEngine(f: EngineFacts, paths: EnginePaths): EnginePlan {
  if (f.course.state === 'ok') return { action: 'use' };
  if (f.course.state === 'denied') return { action: 'refuse', why: fill(msg.engineDenied, { socket: paths.socket }) };
  if (!f.isRoot) return { action: 'refuse', why: msg.engineNeedsRoot };
  if (f.dockerd) return { action: 'start', dockerd: f.dockerd };
  const others = [...f.foreignPackages, ...(f.foreignAnswers ? ['docker'] : [])];
  if (others.length > 0) return { action: 'refuse', why: fill(msg.engineNoDockerd, { others: others.join(', ') }) };
  return { action: 'install-then-start' };
}

/** Installed packages among `names` (dpkg); none on a machine without dpkg. */
async function installedPackages(names: readonly string[]): Promise<string[]> {
  const r = await execa('dpkg-query', ['-W', '-f', '${Package} ${Status}\n', ...names], { reject: false });
  return r.stdout.split('\n').filter((l) => l.endsWith(' install ok installed')).map((l) => l.split(' ')[0]!);
}

/** Reads the machine's facts (the engine step's only look at the world before it acts). */
export async function engineFacts(paths: EnginePaths, env: Record<string, string | undefined> = process.env): Promise<EngineFacts> {
  const course = await probeEngine(paths.host, env);
  const defaultHost = env.DOCKER_HOST && env.DOCKER_HOST !== paths.host ? env.DOCKER_HOST : undefined;
  const foreign = course.state === 'ok' ? undefined : await probeEngine(defaultHost, { ...env, DOCKER_HOST: undefined });
  return {
    course,
    dockerd: findOnPath('dockerd', env.PATH),
    foreignPackages: await installedPackages(FOREIGN_ENGINE_PACKAGES),
    foreignAnswers: foreign?.state === 'ok',
    isRoot: process.getuid?.() === 0,
  };
}

/** Throws unless `dir` and each of its parents are owned by root and writable by no one else. */
export function assertRootOnly(dir: string, lang: 'en' | 'zh-cn'): void {
  for (let d = dir; ; d = dirname(d)) {
    const st = lstatSync(d);
    const writableByOthers = (st.mode & 0o022) !== 0 && (st.mode & 0o1000) === 0;
    if (st.uid !== 0 || writableByOthers || st.isSymbolicLink()) throw new StepFailedError('host:engine', [fill(msg.engineDirUnsafe, { dir: d })[lang]]);
    if (d === dirname(d)) return;
  }
}

/** dockerd's arguments for the course engine. */
export function dockerdArgs(paths: EnginePaths, config?: string): string[] {
  return [
    '--host', paths.host,
    '--data-root', paths.data,
    '--exec-root', paths.execRoot,
    '--pidfile', paths.pidFile,
    '--containerd-namespace', 'k8s-storage-course',
    '--containerd-plugins-namespace', 'k8s-storage-course-plugins',
    '--bridge', 'none',
    '--iptables=false',
    '--ip-masq=false',
    ...(config ? ['--config-file', config] : []),
  ];
}

/**
 * Makes sure the course engine answers and returns a label for the progress line. Installs
 * docker.io only where planEngine says no engine of any kind is there.
 */
export async function ensureEngine(root: string, caps: string[], ctx: StepContext, lang: 'en' | 'zh-cn', paths: EnginePaths = enginePaths()): Promise<Localized> {
  const facts = await engineFacts(paths);
  const plan = planEngine(facts, paths);
  if (plan.action === 'refuse') throw new StepFailedError('host:engine', [plan.why[lang]]);
  if (plan.action === 'use') {
    if (caps.length > 0 && facts.course.state === 'ok' && facts.course.runtime !== ENGINE_RUNTIME) {
      throw new StepFailedError('host:engine', [fill(msg.engineNoCapFilter, { caps: caps.join(', '), socket: paths.socket })[lang]]);
    }
    // The network (or its rule) may be gone while the engine ran on, e.g. after a failed cluster:down.
    await ensureKindNetwork(paths, ctx);
    return msg.engineRunning;
  }
  let dockerd = plan.action === 'start' ? plan.dockerd : undefined;
  if (plan.action === 'install-then-start') {
    await ctx.exec({ file: 'apt-get', args: ['update', '-q'] });
    await ctx.exec({ file: 'apt-get', args: ['install', '-y', '-q', '--no-install-recommends', 'docker.io'], env: { DEBIAN_FRONTEND: 'noninteractive' } });
    dockerd = findOnPath('dockerd');
    if (!dockerd) throw new StepFailedError('host:engine', [msg.engineInstallFailed[lang]]);
  }
  mkdirSync(paths.run, { recursive: true, mode: 0o700 });
  mkdirSync(paths.data, { recursive: true, mode: 0o710 });
  assertRootOnly(paths.run, lang);
  let config: string | undefined;
  if (caps.length > 0) {
    const runc = findOnPath('runc');
    if (!runc) throw new StepFailedError('host:engine', [msg.engineNoRunc[lang]]);
    const wrapper = join(paths.run, 'runc-cap-filter');
    const text = readFileSync(join(root, 'cluster', 'host', 'runc-cap-filter.sh'), 'utf8').replace('@DROP_CAPS@', JSON.stringify(caps)).replace('@REAL_RUNC@', runc);
    writeFileSync(wrapper, text, { mode: 0o755 });
    config = join(paths.run, 'daemon.json');
    writeFileSync(config, `${JSON.stringify({ runtimes: { [ENGINE_RUNTIME]: { path: wrapper } }, 'default-runtime': ENGINE_RUNTIME }, null, 2)}\n`, { mode: 0o644 });
    ctx.log(fill(msg.engineCapFilter, { caps: caps.join(', ') }).en);
  }
  const out = openSync(paths.log, 'a', 0o600);
  const child = spawn(dockerd!, dockerdArgs(paths, config), { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if ((await probeEngine(paths.host)).state === 'ok') {
      await ensureKindNetwork(paths, ctx);
      return caps.length > 0 ? fill(msg.engineCapFilter, { caps: caps.join(', ') }) : msg.engineStarted;
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new StepFailedError('host:engine', [fill(msg.engineTimeout, { seconds: 60, log: paths.log })[lang]]);
}

/**
 * The course engine's `kind` network, made before kind makes it so that its bridge has a fixed
 * name, plus one firewall rule that lets that bridge carry its own traffic. Needed because the
 * engine leaves iptables alone: where another engine set the FORWARD policy to DROP and bridged
 * traffic passes through iptables (br_netfilter), the nodes could not reach each other. The rule
 * names only KIND_BRIDGE and is removed by cluster:down.
 */
export async function ensureKindNetwork(paths: EnginePaths, ctx: Pick<StepContext, 'exec'>): Promise<void> {
  const env = { DOCKER_HOST: paths.host };
  const exists = await execa('docker', ['network', 'inspect', 'kind'], { reject: false, env });
  if (exists.exitCode !== 0) {
    await ctx.exec({ file: 'docker', args: ['network', 'create', '--driver', 'bridge', '--opt', `com.docker.network.bridge.name=${KIND_BRIDGE}`, '--opt', 'com.docker.network.bridge.enable_ip_masquerade=false', 'kind'], env });
  }
  if (!findOnPath('iptables')) return;
  const rule = forwardRule();
  if ((await execa('iptables', ['-C', ...rule], { reject: false })).exitCode !== 0) await ctx.exec({ file: 'iptables', args: ['-I', ...rule] });
}

/** The FORWARD rule for KIND_BRIDGE (without -I/-C/-D). */
export function forwardRule(): string[] {
  return ['FORWARD', '-i', KIND_BRIDGE, '-o', KIND_BRIDGE, '-m', 'comment', '--comment', 'k8s-storage-course', '-j', 'ACCEPT'];
}

/**
 * The pid of the course dockerd when it runs: the pid file names a live process whose command
 * line is a dockerd serving our socket. Anything else (no file, a recycled pid, no /proc to ask)
 * gives undefined, so nothing is ever signalled on a guess.
 */
export function ownEnginePid(paths: EnginePaths, proc = '/proc'): number | undefined {
  if (!existsSync(paths.pidFile)) return undefined;
  const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  let argv: string[];
  try {
    argv = readFileSync(join(proc, String(pid), 'cmdline'), 'utf8').split('\0');
  } catch {
    return undefined;
  }
  const isDockerd = /(^|\/)dockerd$/.test(argv[0] ?? '');
  const hostAt = argv.indexOf('--host');
  return isDockerd && hostAt >= 0 && argv[hostAt + 1] === paths.host ? pid : undefined;
}
