/**
 * The Cluster interface over kubectl, shared by `kind` and `current`: what differs between them
 * (bringing the cluster up, reaching nodes, how much of it the grader owns) comes from a
 * ClusterBackend. Calls are single-shot; the runner does the waiting.
 */
import {
  ApplyError,
  ClusterUnavailableError,
  ExecError,
  type Cluster,
  type ClusterInfo,
  type Clock,
  type Diagnostic,
  type FixtureName,
  type K8sObject,
  type PodView,
} from '../cluster.ts';
import type { CommandRunner } from '../../exec/runner.ts';
import { ownership, prepareObjects } from './apply-prep.ts';
import type { ClusterBackend, NodeAccess } from './backend.ts';
import { collectDiagnostics } from './diagnostics.ts';
import { DF_SCRIPT, MAX_WRITE_BYTES, READ_SCRIPT, WRITE_SCRIPT, dfOutcome, readOutcome, writeOutcome } from './file-scripts.ts';
import { assertAbsolutePath, isNamespaced } from './kinds.ts';
import { Kube } from './kube.ts';
import { KubectlArgs } from './kubectl.ts';
import { FIXTURE_NAMESPACE, RUN_LABEL, normalizeRunId, runNamespace } from './labels.ts';
import { msg } from './messages.ts';
import { fill, type Localized } from '../../../i18n/lang.ts';
import { markFixtureUser, releaseFixture } from './fixture-users.ts';
import { describeNfsClient, type NfsClient } from './nfs-client.ts';
import { installNfsServer } from './nfs-fixture.ts';
import { createRunNamespace, sweepDeadRuns } from './run-namespace.ts';
import { KEPT_ANNOTATION, LeaseRenewer, leaseAnnotations } from './run-lease.ts';
import { RunScope } from './run-scope.ts';
import { bareContainerId, parseList, parseWorkers } from './parse.ts';
import { pollUntil, realClock } from './poll.ts';

export interface KubectlClusterOptions {
  runId: string;
  runner: CommandRunner;
  backend: ClusterBackend;
  trace?: (line: string) => void;
  clock?: Clock;
}

/** The annotation the PV controller puts on a volume a provisioner made (kubernetes.io/pv-controller). */
const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';

export class KubectlCluster implements Cluster {
  readonly clock: Clock;
  readonly namespace: string;
  private readonly runId: string;
  private readonly runner: CommandRunner;
  private readonly backend: ClusterBackend;
  private readonly note: (line: string) => void;
  private kubeClient?: Kube;
  private nodeAccess?: NodeAccess;
  private namespaceOwned = false;
  /** This run marked the NFS fixture as one of its users (a cluster the grader does not own). */
  private fixtureUser = false;
  private readonly nodeLabels = new Map<string, Set<string>>();
  /** Cluster-wide names of this run, scoped by its id (run-scope.ts): what no other run can see. */
  private readonly scope: RunScope;
  /** Nodes whose filesystem this run touched (its scoped directories are removed there). */
  private readonly touchedNodes = new Set<string>();
  private readonly clusterKinds = new Set(['PersistentVolume', 'StorageClass']);
  private readonly lease = new LeaseRenewer();

  constructor(opts: KubectlClusterOptions) {
    this.runId = normalizeRunId(opts.runId);
    this.namespace = runNamespace(this.runId);
    this.scope = new RunScope(this.runId);
    this.runner = opts.runner;
    this.backend = opts.backend;
    this.clock = opts.clock ?? realClock;
    this.note = (line) => opts.trace?.(`[trace] note: ${line}`);
  }

  get info(): ClusterInfo {
    return { backend: this.backend.kind, description: this.backend.describe(), isModel: false };
  }

  private get kube(): Kube {
    if (!this.kubeClient) throw new Error('cluster not prepared: call prepare() first');
    return this.kubeClient;
  }

  private get nodes(): NodeAccess {
    if (!this.nodeAccess) throw new Error('cluster not prepared: call prepare() first');
    return this.nodeAccess;
  }

  async prepare(signal?: AbortSignal): Promise<void> {
    if (this.kubeClient && this.namespaceOwned) return;
    const target = await this.backend.bringUp(signal);
    const args = new KubectlArgs(target, this.namespace);
    this.kubeClient = new Kube(this.runner, args);
    this.nodeAccess = this.backend.nodeAccess(args, this.clock, this.note);
    await sweepDeadRuns(this.kubeClient, this.note, this.clock.now());
    await createRunNamespace(this.kubeClient, { runId: this.runId, clock: this.clock, signal, note: this.note, onCreated: () => (this.namespaceOwned = true) });
    const kube = this.kubeClient;
    this.lease.start(
      () => kube.run(kube.args.annotateNamespace(this.namespace, leaseAnnotations(this.clock.now()))),
      (err) => this.note(`could not renew the run's lease: ${err.message.split('\n')[0]}`),
    );
  }

  /**
   * Ends the run without cleanup (--keep): the run namespace is marked kept, so no later run's
   * sweep removes what this run made; the user deletes it. Never rejects.
   */
  async keep(): Promise<void> {
    this.lease.stop();
    const kube = this.kubeClient;
    if (!kube || !this.namespaceOwned) return;
    const r = await kube.run(kube.args.annotateNamespace(this.namespace, { [KEPT_ANNOTATION]: 'true' }), { reject: false }).catch((err: Error) => ({ exitCode: 1, stderr: err.message }));
    if (r.exitCode !== 0) this.note(`could not mark namespace ${this.namespace} as kept: ${r.stderr.split('\n')[0]}`);
  }

  async workers(): Promise<string[]> {
    return parseWorkers(parseList((await this.kube.run(this.kube.args.nodes())).stdout));
  }

  async labelNode(node: string, labels: Record<string, string>): Promise<void> {
    for (const k of Object.keys(labels)) this.scope.registerLabelKey(k);
    const scoped = this.scope.labels(labels)!;
    await this.unscoped(this.kube.run(this.kube.args.labelNode(node, scoped)));
    this.touchedNodes.add(node);
    const keys = this.nodeLabels.get(node) ?? new Set<string>();
    for (const k of Object.keys(scoped)) keys.add(k);
    this.nodeLabels.set(node, keys);
  }

  async installFixture(name: FixtureName, signal?: AbortSignal): Promise<Localized | undefined> {
    if (name !== 'nfs-server') throw new Error(`unknown fixture ${JSON.stringify(name)}`);
    // On a cluster the grader owns the server stays for later runs; elsewhere it goes with its
    // last user (fixture-users.ts), since two runs at once share it.
    const onApplied = async () => {
      if (this.backend.ownsCluster) return;
      this.fixtureUser = true;
      await markFixtureUser(this.kube, this.runId);
    };
    const client = await this.requireNfsClient();
    await installNfsServer({ kube: this.kube, clock: this.clock, signal, note: this.note, onApplied });
    return client && describeNfsClient(client);
  }

  /**
   * Refuses lesson 3 up front, with its own reason, where no node can mount NFS, and otherwise
   * returns which client mounts (nfs-client.ts: the node's course-nfs-client says, else the
   * kernel's rule). Only where the node access can ask cheaply (kind: `docker exec`); on `current`
   * it would take a helper Pod, and the NFS probe Pod then says whether NFS mounts at all.
   */
  private async requireNfsClient(): Promise<NfsClient | undefined> {
    if (!this.nodes.nfsClient) return undefined;
    const node = (await this.workers())[0];
    if (!node) return undefined;
    const found = await this.nodes.nfsClient(node);
    this.note(`node ${node}: NFS client ${found.client} (${found.reason})`);
    if (found.client === 'none') throw new ClusterUnavailableError(msg.nfsClientMissing, msg.nfsClientMissingHint, 'nfs-client-missing');
    return found;
  }

  async apply(objects: K8sObject[]): Promise<void> {
    const prepared = this.scope.forApply(prepareObjects(objects, this.namespace, this.runId));
    for (const obj of prepared.filter((o) => !isNamespaced(o.kind))) {
      this.clusterKinds.add(obj.kind);
      await this.unscoped(this.makeWayFor(obj));
    }
    await this.unscoped(this.kube.apply(prepared));
  }

  /**
   * Errors as the student wrote the names: kubectl and the API speak of the scoped names
   * (`course-pv.<runId>`), reports and graders of the contract's. Rethrows err with its message
   * (and an ApplyError's object name) unscoped.
   */
  private async unscoped<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (err) {
      if (err instanceof Error) {
        err.message = this.scope.text(err.message);
        const obj = (err as ApplyError).object;
        if (err instanceof ApplyError && obj) Object.assign(obj, { name: this.scope.text(obj.name) });
      }
      throw err;
    }
  }

  /** Before applying a cluster-scoped object: wait out a deletion, replace a leftover, refuse a foreign one. */
  private async makeWayFor(obj: K8sObject): Promise<void> {
    const { kind } = obj;
    const name = obj.metadata.name;
    const action = ownership(await this.kube.get(kind, name), this.runId);
    if (action === 'refuse') {
      throw new ApplyError(`${kind} "${name}" already exists and was not created by the grader; delete it or use another name`, { kind, name });
    }
    if (action === 'replace') {
      this.note(`replacing ${kind} ${name} left by an earlier run`);
      await this.kube.run(this.kube.args.delete(kind, name, { wait: true, timeoutS: 60 }), { timeoutMs: 70_000 });
    }
    if (action === 'wait-until-gone' || action === 'replace') {
      const gone = await pollUntil(async () => ((await this.kube.get(kind, name)) ? undefined : true), { timeoutMs: 60_000, intervalMs: 1_000, clock: this.clock });
      if (!gone) throw new ApplyError(`${kind} "${name}" from an earlier run is still being deleted`, { kind, name });
    }
  }

  async get(kind: string, name: string): Promise<K8sObject | undefined> {
    return this.scope.fromCluster(await this.unscoped(this.kube.get(kind, this.scope.name(name))));
  }

  async list(kind: string, labels?: Record<string, string>): Promise<K8sObject[]> {
    return this.scope.fromCluster(await this.unscoped(this.kube.list(kind, this.scope.labels(labels))));
  }

  async pod(name: string): Promise<PodView | undefined> {
    const view = this.scope.fromCluster(await this.unscoped(this.kube.pod(name)));
    if (view?.nodeName) this.touchedNodes.add(view.nodeName);
    return view;
  }

  async pods(labels?: Record<string, string>): Promise<PodView[]> {
    const views = this.scope.fromCluster(await this.unscoped(this.kube.pods(this.scope.labels(labels))));
    for (const v of views) if (v.nodeName) this.touchedNodes.add(v.nodeName);
    return views;
  }

  async delete(kind: string, contractName: string, opts: { wait?: boolean } = {}): Promise<void> {
    const name = this.scope.name(contractName);
    if (!this.backend.ownsCluster && !isNamespaced(kind)) {
      const existing = await this.kube.get(kind, name);
      if (existing && !existing.metadata.labels?.[RUN_LABEL]) throw new Error(`refusing to delete ${kind} "${name}": it was not created by the grader`);
    }
    const wait = opts.wait ?? true;
    await this.unscoped(this.kube.run(this.kube.args.delete(kind, name, { wait }), { timeoutMs: wait ? 130_000 : 30_000 }));
  }

  async deletePod(name: string): Promise<void> {
    await this.kube.run(this.kube.args.deletePod(name), { timeoutMs: 130_000 });
  }

  async killContainer(pod: string, container: string): Promise<void> {
    const obj = await this.kube.get('Pod', pod);
    if (!obj) throw new ExecError(`cannot kill ${pod}/${container}: the pod does not exist`);
    const statuses = [...(obj.status?.containerStatuses ?? []), ...(obj.status?.initContainerStatuses ?? [])];
    const status = statuses.find((s: { name: string }) => s.name === container);
    const node: string | undefined = obj.spec?.nodeName;
    if (!status?.containerID || !node) throw new ExecError(`cannot kill ${pod}/${container}: the container has not started yet`);
    try {
      await this.nodes.killContainer(node, bareContainerId(status.containerID));
    } catch (err) {
      // A runtime too busy to answer is the machine's problem, never a verdict on the answer.
      const text = (err as Error).message ?? '';
      if (err instanceof ExecError && /DeadlineExceeded|context deadline exceeded|timed out/.test(text)) {
        const detail = /DeadlineExceeded|context deadline exceeded/.test(text) ? 'crictl: DeadlineExceeded' : 'timed out';
        throw new ClusterUnavailableError(fill(msg.killTimedOut, { node, pod, container, detail }), msg.killTimedOutHint);
      }
      if (err instanceof ExecError || err instanceof ClusterUnavailableError) throw err;
      throw new ExecError(`could not kill ${pod}/${container} on node ${node}: ${(err as Error).message}`);
    }
  }

  async writeFile(pod: string, container: string, path: string, data: string): Promise<void> {
    if (Buffer.byteLength(data) > MAX_WRITE_BYTES) throw new ExecError(`could not write ${path} in ${pod}/${container}: ${Buffer.byteLength(data)} bytes is more than the ${MAX_WRITE_BYTES} a write may carry`);
    const argv = this.kube.args.exec(pod, container, WRITE_SCRIPT, [assertAbsolutePath(path), data], false);
    const r = await this.kube.run(argv, { reject: false, timeoutMs: 30_000 });
    writeOutcome(r, `write ${path} in ${pod}/${container}`);
  }

  async readFile(pod: string, container: string, path: string): Promise<string | undefined> {
    const argv = this.kube.args.exec(pod, container, READ_SCRIPT, [assertAbsolutePath(path)], false);
    return readOutcome(await this.kube.run(argv, { reject: false, timeoutMs: 30_000 }), `${pod}/${container}`);
  }

  async fileSystemSize(pod: string, container: string, path: string): Promise<number | undefined> {
    const argv = this.kube.args.exec(pod, container, DF_SCRIPT, [assertAbsolutePath(path)], false);
    return dfOutcome(await this.kube.run(argv, { reject: false, timeoutMs: 30_000 }), `${pod}/${container}`);
  }

  async annotatePod(name: string, annotations: Record<string, string>): Promise<void> {
    await this.kube.run(this.kube.args.annotatePod(name, annotations));
  }

  readNodeFile(node: string, path: string): Promise<string | undefined> {
    this.touchedNodes.add(node);
    return this.unscoped(this.nodes.readFile(node, this.scope.path(assertAbsolutePath(path))));
  }

  makeNodeDir(node: string, path: string): Promise<void> {
    this.touchedNodes.add(node);
    return this.unscoped(this.nodes.makeDir(node, this.scope.registerPath(assertAbsolutePath(path))));
  }

  async scale(kind: 'Deployment' | 'StatefulSet', name: string, replicas: number): Promise<void> {
    await this.kube.run(this.kube.args.scale(kind, name, replicas));
  }

  async diagnostics(refs: { kind: string; name: string }[]): Promise<Diagnostic[]> {
    if (!this.kubeClient) return [{ title: 'diagnostics', text: '(the cluster was never prepared)' }];
    const found = await collectDiagnostics(this.kubeClient, refs.map((r) => ({ kind: r.kind, name: this.scope.name(r.name) })));
    return found.map((d) => ({ title: this.scope.text(d.title), text: this.scope.text(d.text) }));
  }

  async cleanup(): Promise<void> {
    // The run stays live for others until its namespace is gone: the last lease still holds.
    this.lease.stop();
    const kube = this.kubeClient;
    const step = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        this.note(`cleanup: ${what} failed: ${(err as Error).message.split('\n')[0]}`);
      }
    };
    if (kube) {
      if (this.namespaceOwned) {
        // Student pods often ignore SIGTERM; a 1 s grace period keeps namespace deletion short.
        await step('delete pods', () => kube.run(kube.args.deleteAllPods()));
        // Once the run's pods are going (a pod still writing could re-create a directory), and
        // while the run still counts as live for other runs' sweeps (its namespace exists).
        await step('remove this run\'s node directories', () => this.removeNodeDirs());
        await step(`delete namespace ${this.namespace}`, () => kube.run(kube.args.delete('Namespace', this.namespace, { wait: false })));
        if (this.backend.waitForNamespaceDeletion) {
          await step('wait for the namespace to go', async () => {
            const gone = await pollUntil(async () => ((await kube.get('Namespace', this.namespace)) ? undefined : true), { timeoutMs: 120_000, intervalMs: 2_000, clock: this.clock });
            if (!gone) throw new Error('still terminating after 120 s');
          });
        }
      }
      await step('delete run-labelled cluster objects', () => kube.run(kube.args.deleteLabelled([...this.clusterKinds], { [RUN_LABEL]: this.runId })));
      // A volume a provisioner made for one of this run's claims carries no run label; with a
      // Retain policy it outlives the claim (found on the real cluster: lesson 5's retain-policy
      // mistake left a Released PersistentVolume behind every run). Its claimRef names our
      // namespace and it says who provisioned it; a hand-made volume someone else bound to our
      // claim (an admin's static PV on a school cluster) is not ours and stays. Such a volume is
      // set to Delete, never deleted itself: the provisioner then removes the storage and the
      // object once the claim is gone. Deleting the object first is the wrong order lesson 5
      // teaches (the PV vanishes with only pv-protection and the storage leaks: found on the real
      // cluster, every lesson-6 run left its claims' directories in /var/local-path-provisioner).
      await step('hand the volumes provisioned for this run\'s claims back to their provisioner', async () => {
        for (const pv of await kube.list('PersistentVolume')) {
          const spec = (pv as { spec?: { claimRef?: { namespace?: string }; persistentVolumeReclaimPolicy?: string } }).spec;
          if (spec?.claimRef?.namespace !== this.namespace || !pv.metadata.annotations?.[PROVISIONED_BY]) continue;
          if (spec.persistentVolumeReclaimPolicy === 'Delete') continue;
          await kube.run(kube.args.setReclaimPolicy(pv.metadata.name, 'Delete'));
        }
      });
      for (const [node, keys] of this.nodeLabels) {
        await step(`unlabel node ${node}`, () => kube.run(kube.args.unlabelNode(node, [...keys])));
      }
      this.nodeLabels.clear();
      if (!this.namespaceOwned) await step('remove this run\'s node directories', () => this.removeNodeDirs());
      if (this.nodeAccess?.release) await step('release node access', () => this.nodeAccess!.release!());
      if (this.fixtureUser) {
        await step(`release the NFS fixture (namespace ${FIXTURE_NAMESPACE})`, async () => {
          const others = await releaseFixture(kube, this.runId, this.clock.now());
          if (others.length) this.note(`namespace ${FIXTURE_NAMESPACE} stays: the runs ${others.join(', ')} still use it`);
        });
        this.fixtureUser = false;
      }
    }
    await step('tear down', () => this.backend.tearDown());
  }

  /**
   * Removes the run's scoped node directories (`/var/local/<dir>.<runId>`) from every worker on a
   * cluster the grader owns, else from the nodes this run touched (labelled, read, made a directory
   * on, or saw one of its Pods on). Only scoped directories: a path without this run's suffix is
   * never removed.
   */
  private async removeNodeDirs(): Promise<void> {
    const dirs = this.scope.scopedDirs();
    if (dirs.length === 0) return;
    const nodes = this.backend.ownsCluster ? await this.workers() : [...this.touchedNodes];
    for (const node of nodes) for (const dir of dirs) await this.nodes.removeDir(node, dir);
  }
}
