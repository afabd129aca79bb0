/**
 * kubectl, run: binds a CommandRunner to a KubectlArgs builder and parses the answers. Single-shot
 * calls only; waiting is the caller's business.
 */
import { ApplyError, type K8sObject, type PodView } from '../cluster.ts';
import type { CommandRunner, RunOptions, RunResult } from '../../exec/runner.ts';
import type { KubectlArgs } from './kubectl.ts';
import { isStuckCreating, mountProblem, parseApplyError, parseList, parseObject, parsePodView } from './parse.ts';

export class Kube {
  constructor(
    readonly runner: CommandRunner,
    readonly args: KubectlArgs,
  ) {}

  /** The same runner and cluster, for objects in another namespace. */
  inNamespace(namespace: string): Kube {
    return new Kube(this.runner, this.args.inNamespace(namespace));
  }

  /** Runs kubectl with argv (rejects on failure unless opts.reject is false). */
  run(argv: string[], opts?: RunOptions): Promise<RunResult> {
    return this.runner.run('kubectl', argv, opts);
  }

  /** One object, or undefined when it does not exist. */
  async get(kind: string, name: string, namespace?: string): Promise<K8sObject | undefined> {
    return parseObject((await this.run(this.args.get(kind, name, namespace))).stdout);
  }

  /** Objects of a kind, optionally by labels. */
  async list(kind: string, labels?: Record<string, string>, namespace?: string): Promise<K8sObject[]> {
    return parseList((await this.run(this.args.list(kind, labels, namespace))).stdout);
  }

  /** Server-side applies the objects as one List; an API refusal becomes an ApplyError. */
  async apply(objects: K8sObject[], signal?: AbortSignal): Promise<void> {
    if (objects.length === 0) return;
    const input = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects });
    const r = await this.run(this.args.apply(), { input, signal, reject: false, timeoutMs: 90_000 });
    if (r.exitCode === 0 && !r.failure) return;
    const { message, object } = parseApplyError(r.stderr || r.stdout || `kubectl apply ${r.failure ?? `exit ${r.exitCode}`}`);
    throw new ApplyError(message, object);
  }

  /** A pod's view, with the latest mount failure filled in when it is stuck creating. */
  async pod(name: string): Promise<PodView | undefined> {
    const obj = await this.get('Pod', name);
    if (!obj) return undefined;
    const view = parsePodView(obj);
    if (isStuckCreating(view)) await this.addMountProblems([view]);
    return view;
  }

  /** Pods of the run namespace by labels, mount failures filled in. */
  async pods(labels?: Record<string, string>): Promise<PodView[]> {
    const views = (await this.list('Pod', labels)).map(parsePodView);
    const stuck = views.filter(isStuckCreating);
    if (stuck.length) await this.addMountProblems(stuck);
    return views;
  }

  private async addMountProblems(views: PodView[]): Promise<void> {
    const r = await this.run(this.args.podWarnings(), { reject: false });
    if (r.exitCode !== 0) return; // events are a bonus; the pod view stands without them
    const events = parseList(r.stdout);
    for (const view of views) {
      const problem = mountProblem(events, view.name);
      if (problem) {
        view.reason = problem.reason;
        view.message = problem.message;
      }
    }
  }
}
