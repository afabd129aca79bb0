/**
 * The `current` back end: the user's current kubeconfig context (k3d, minikube, a school cluster).
 * The context is read once and pinned with --context on every call, so switching contexts
 * mid-run changes nothing and the grader never switches it. Everything the grader creates carries
 * its run label, and nothing else is deleted. (Unsafe specs never get here: the runner refuses
 * them on every cluster, submission/safety.ts.)
 */
import { ClusterUnavailableError, type Clock, type Cluster } from '../cluster.ts';
import { fill, type Localized } from '../../../i18n/lang.ts';
import { createExecaRunner, type CommandRunner } from '../../exec/runner.ts';
import type { ClusterBackend, NodeAccess } from '../common/backend.ts';
import { Kube } from '../common/kube.ts';
import type { KubectlArgs, KubectlTarget } from '../common/kubectl.ts';
import { KubectlCluster } from '../common/kubectl-cluster.ts';
import { normalizeRunId } from '../common/labels.ts';
import { msg } from '../common/messages.ts';
import { helperPodNodeAccess } from './node-access.ts';

/** The server's gitVersion from `kubectl version -o json`, if it answered. */
export function parseServerVersion(stdout: string): string | undefined {
  try {
    const v = JSON.parse(stdout) as { serverVersion?: { gitVersion?: string } };
    return v.serverVersion?.gitVersion;
  } catch {
    return undefined;
  }
}

class CurrentBackend implements ClusterBackend {
  readonly kind = 'current' as const;
  readonly ownsCluster = false;
  readonly waitForNamespaceDeletion = true;
  private context?: string;
  private version?: string;

  constructor(
    private readonly runner: CommandRunner,
    private readonly runId: string,
  ) {}

  describe(): Localized {
    if (!this.context) return msg.currentDescription;
    if (!this.version) return fill(msg.currentContextDescription, { context: this.context });
    return fill(msg.currentContextVersionDescription, { context: this.context, version: this.version });
  }

  async bringUp(signal?: AbortSignal): Promise<KubectlTarget> {
    const ctx = await this.runner.run('kubectl', ['config', 'current-context'], { reject: false, timeoutMs: 20_000, signal });
    if (ctx.failure === 'not-found') throw new ClusterUnavailableError(msg.kubectlMissing, msg.kubectlHint);
    const context = ctx.stdout.trim();
    if (ctx.exitCode !== 0 || !context) throw new ClusterUnavailableError(msg.noCurrentContext, msg.noCurrentContextHint);
    this.context = context;
    const version = await this.runner.run('kubectl', ['--context', context, 'version', '-o', 'json', '--request-timeout=30s'], { reject: false, timeoutMs: 45_000, signal });
    this.version = parseServerVersion(version.stdout);
    if (version.exitCode !== 0 || !this.version) {
      const detail = (version.stderr.trim() || version.stdout.trim()).split('\n').filter((l) => !/memcache\.go/.test(l)).slice(-3).join(' ') || `exit ${version.exitCode}`;
      throw new ClusterUnavailableError(fill(msg.apiUnreachable, { target: `context "${context}"`, detail }), msg.apiUnreachableHint);
    }
    return { context };
  }

  nodeAccess(kubectl: KubectlArgs, clock: Clock, note: (line: string) => void): NodeAccess {
    return helperPodNodeAccess({ kube: new Kube(this.runner, kubectl), runId: this.runId, clock, note });
  }

  async tearDown(): Promise<void> {}
}

/** The current-context back end for one run. Nothing runs until prepare(). */
export function createCurrentCluster(opts: { runId: string; trace?: (line: string) => void; runner?: CommandRunner }): Cluster {
  const runner = opts.runner ?? createExecaRunner({ trace: opts.trace });
  const backend = new CurrentBackend(runner, normalizeRunId(opts.runId));
  return new KubectlCluster({ runId: opts.runId, runner, backend, trace: opts.trace });
}
