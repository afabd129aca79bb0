/**
 * The machine's side of a bring-up: the Debian packages the build scripts use, a new enough Go,
 * and which capabilities this machine's bounding set lacks (here: CAP_SYS_RESOURCE), which the
 * course engine (engine.ts) then drops from its containers' specs.
 */
import { join } from 'node:path';
import { execa } from 'execa';
import { fill } from '../i18n/lang.ts';
import { msg } from './messages.ts';
import type { StepContext } from './run-steps.ts';
import { StepFailedError } from './run-steps.ts';

/**
 * Debian packages the build scripts call (the engine is engine.ts's business: never installed over
 * another). debian-archive-keyring: mmdebstrap checks Debian's archive signatures with it, and an
 * Ubuntu host does not have it. (No uidmap: the bring-up runs as root, so mmdebstrap never needs
 * an unprivileged user namespace.) xfsprogs: the CSI driver's tests (npm run test:go) make and
 * grow XFS file systems on loop devices, as the driver does on the nodes.
 */
export const HOST_PACKAGES = ['iptables', 'mmdebstrap', 'debian-archive-keyring', 'busybox-static', 'jq', 'gcc', 'libc6-dev', 'libseccomp-dev', 'pkg-config', 'xfsprogs'];

/** The Go the Kubernetes module asks for (its go.mod `go` line). */
export const MIN_GO: readonly [number, number] = [1, 25];

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
  // Ctrl-C never stops apt-get or dpkg half-way (run-steps.ts finishOnAbort).
  await ctx.exec({ file: 'apt-get', args: ['update', '-q'], finishOnAbort: true });
  await ctx.exec({ file: 'apt-get', args: ['install', '-y', '-q', '--no-install-recommends', ...missing], env: { DEBIAN_FRONTEND: 'noninteractive' }, finishOnAbort: true });
}

/** Capability names missing from this process's bounding set (cluster/host/missing-caps.sh). */
export async function missingCaps(root: string): Promise<string[]> {
  const r = await execa('bash', [join(root, 'cluster', 'host', 'missing-caps.sh')]);
  return JSON.parse(r.stdout) as string[];
}
