/**
 * The machine's side of a bring-up: the Debian packages the build scripts use, a new enough Go,
 * and a Docker engine that can start kind's privileged nodes. Where this machine's capability
 * bounding set lacks something (here: CAP_SYS_RESOURCE), the engine cluster:up starts runs
 * containers through cluster/host/runc-cap-filter.sh, which drops it from their specs.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { fill, type Localized } from '../i18n/lang.ts';
import { msg } from './messages.ts';
import type { StepContext } from './run-steps.ts';
import { StepFailedError } from './run-steps.ts';

/** Debian packages the build scripts call (docker.io brings containerd and runc). */
export const HOST_PACKAGES = ['docker.io', 'iptables', 'mmdebstrap', 'busybox-static', 'jq', 'gcc', 'libc6-dev', 'libseccomp-dev', 'pkg-config'];

/** The Go the Kubernetes module asks for (its go.mod `go` line). */
export const MIN_GO: readonly [number, number] = [1, 25];

export const ENGINE_RUNTIME = 'ksc-runc';

/** Packages of `names` that dpkg does not list as installed. */
export async function missingPackages(names: readonly string[]): Promise<string[]> {
  const r = await execa('dpkg-query', ['-W', '-f', '${Package} ${Status}\n', ...names], { reject: false });
  const installed = new Set(
    r.stdout
      .split('\n')
      .filter((l) => l.endsWith(' install ok installed'))
      .map((l) => l.split(' ')[0]),
  );
  return names.filter((n) => !installed.has(n));
}

/** "go version go1.26.8 linux/amd64" -> [1, 26]; undefined when unreadable. */
export function parseGoVersion(text: string): [number, number] | undefined {
  const m = /go(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export async function checkGo(lang: 'en' | 'zh-cn'): Promise<void> {
  const r = await execa('go', ['version'], { reject: false });
  const v = r.exitCode === 0 ? parseGoVersion(r.stdout) : undefined;
  if (!v || v[0] < MIN_GO[0] || (v[0] === MIN_GO[0] && v[1] < MIN_GO[1])) {
    throw new StepFailedError('host:go', [fill(msg.needGo, { want: MIN_GO.join('.'), found: v ? v.join('.') : r.stderr.trim() || 'none' })[lang]]);
  }
}

/** Installs the missing packages (as root, with apt-get); refuses on a machine without apt-get. */
export async function installPackages(missing: string[], ctx: StepContext, lang: 'en' | 'zh-cn'): Promise<void> {
  if ((await execa('sh', ['-c', 'command -v apt-get && command -v dpkg-query'], { reject: false })).exitCode !== 0) {
    throw new StepFailedError('host:packages', [msg.notDebian[lang]]);
  }
  if (process.getuid?.() !== 0) throw new StepFailedError('host:packages', [fill(msg.needRoot, { packages: missing.join(' ') })[lang]]);
  await ctx.exec({ file: 'apt-get', args: ['update', '-q'] });
  await ctx.exec({ file: 'apt-get', args: ['install', '-y', '-q', '--no-install-recommends', ...missing], env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Capability names missing from this process's bounding set (cluster/host/missing-caps.sh). */
export async function missingCaps(root: string): Promise<string[]> {
  const r = await execa('bash', [join(root, 'cluster', 'host', 'missing-caps.sh')]);
  return JSON.parse(r.stdout) as string[];
}

/** Whether a Docker engine answers, and its default runtime. */
export async function engineAnswers(): Promise<{ ok: boolean; runtime?: string }> {
  const r = await execa('docker', ['info', '--format', '{{.DefaultRuntime}}'], { reject: false, timeout: 20_000 });
  return r.exitCode === 0 ? { ok: true, runtime: r.stdout.trim() } : { ok: false };
}

export interface EngineFiles {
  dir: string;
  log: string;
  pidFile: string;
}

export function engineFiles(cacheRoot: string): EngineFiles {
  const dir = join(cacheRoot, 'engine');
  return { dir, log: join(dir, 'dockerd.log'), pidFile: join(dir, 'dockerd.pid') };
}

/**
 * Makes sure a Docker engine answers. Starts dockerd (with the capability-dropping runtime when
 * caps are missing) if none runs; refuses an engine it did not start when caps are missing and
 * that engine does not drop them. Resolves to a label for the progress line.
 */
export async function ensureEngine(root: string, cacheRoot: string, caps: string[], ctx: StepContext, lang: 'en' | 'zh-cn'): Promise<Localized> {
  const files = engineFiles(cacheRoot);
  const now = await engineAnswers();
  if (now.ok) {
    if (caps.length > 0 && now.runtime !== ENGINE_RUNTIME) {
      throw new StepFailedError('host:engine', [fill(msg.engineForeign, { caps: caps.join(', ') })[lang]]);
    }
    return msg.engineRunning;
  }
  mkdirSync(files.dir, { recursive: true });
  const args: string[] = [];
  if (caps.length > 0) {
    const wrapper = join(files.dir, 'runc-cap-filter');
    const text = readFileSync(join(root, 'cluster', 'host', 'runc-cap-filter.sh'), 'utf8').replace('@DROP_CAPS@', JSON.stringify(caps));
    writeFileSync(wrapper, text, { mode: 0o755 });
    const config = join(files.dir, 'daemon.json');
    writeFileSync(config, `${JSON.stringify({ runtimes: { [ENGINE_RUNTIME]: { path: wrapper } }, 'default-runtime': ENGINE_RUNTIME }, null, 2)}\n`);
    args.push('--config-file', config);
    ctx.log(fill(msg.engineCapFilter, { caps: caps.join(', ') }).en);
  }
  const out = openSync(files.log, 'a');
  const child = spawn('dockerd', args, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  if (child.pid) writeFileSync(files.pidFile, `${child.pid}\n`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if ((await engineAnswers()).ok) return caps.length > 0 ? fill(msg.engineCapFilter, { caps: caps.join(', ') }) : msg.engineRunning;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new StepFailedError('host:engine', [fill(msg.engineTimeout, { seconds: 60, log: files.log })[lang]]);
}

/** The pid of the dockerd cluster:up started, when it still runs. */
export function ownEnginePid(cacheRoot: string): number | undefined {
  const { pidFile } = engineFiles(cacheRoot);
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}
