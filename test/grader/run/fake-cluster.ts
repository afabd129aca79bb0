/**
 * A small in-memory Cluster for runner and scenario tests, with a virtual clock: sleeping advances
 * time at once (yielding to the event loop), and scheduled pod changes fire as time passes.
 * Behaviour is scripted through FakeOptions; every call is logged in `calls`.
 */
import {
  ExecError,
  type Cluster,
  type ClusterInfo,
  type Clock,
  type ContainerView,
  type Diagnostic,
  type FixtureName,
  type K8sObject,
  type PodView,
} from '../../../src/grader/cluster/cluster.ts';

/** Virtual time: sleep(ms) jumps forward, running due timers in order. */
export class VirtualClock implements Clock {
  private t = 0;
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  now(): number {
    return this.t;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.advance(ms);
    await new Promise((r) => setImmediate(r));
    if (signal?.aborted) throw signal.reason;
  }

  /** Runs fn once virtual time reaches now + delay. */
  after(delay: number, fn: () => void): void {
    this.timers.push({ at: this.t + delay, seq: this.seq++, fn });
  }

  advance(ms: number): void {
    const end = this.t + Math.max(0, ms);
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
  }
}

interface FakeContainer {
  name: string;
  image: string;
  id: string;
  restartCount: number;
  state: ContainerView['state'];
  reason?: string;
  message?: string;
  lastExitCode?: number;
}

interface FakePod {
  object: K8sObject;
  uid: string;
  phase: PodView['phase'];
  reason?: string;
  message?: string;
  containers: FakeContainer[];
}

export interface FakeOptions {
  /** prepare() rejects with this. */
  prepareError?: Error;
  /** apply() rejects with this. */
  applyError?: Error;
  /** diagnostics() rejects with this (breaking its contract, to test the runner's guard). */
  diagnosticsError?: Error;
  /** Virtual ms from apply until containers run (default 2000). */
  startDelayMs?: number;
  /** Virtual ms from a kill until the container runs again (default 1000). */
  restartDelayMs?: number;
  /** Images that cannot be pulled (default: names containing "does-not-exist"). */
  badImage?: (image: string) => boolean;
  /** Pod-level reason/message applied to every new pod and kept (e.g. FailedMount). */
  podReason?: { reason: string; message: string };
  /** Called when cleanup() runs. */
  onCleanup?: () => void;
}

export class FakeCluster implements Cluster {
  readonly info: ClusterInfo = { backend: 'model', description: { en: 'fake cluster for tests', 'zh-cn': '测试用的假集群' }, isModel: true };
  readonly clock = new VirtualClock();
  readonly namespace = 'fake-ns';
  readonly calls: string[] = [];
  readonly files = new Map<string, string>();
  private readonly objects = new Map<string, K8sObject>();
  private readonly podsByName = new Map<string, FakePod>();
  private ids = 0;

  constructor(readonly opts: FakeOptions = {}) {}

  private next(prefix: string): string {
    return `${prefix}-${++this.ids}`;
  }

  async prepare(signal?: AbortSignal): Promise<void> {
    this.calls.push('prepare');
    if (signal?.aborted) throw signal.reason;
    if (this.opts.prepareError) throw this.opts.prepareError;
  }
  async workers(): Promise<string[]> {
    return ['worker-a', 'worker-b'];
  }
  async labelNode(node: string): Promise<void> {
    this.calls.push(`labelNode ${node}`);
  }
  async installFixture(name: FixtureName): Promise<undefined> {
    this.calls.push(`fixture ${name}`);
    return undefined;
  }

  async apply(objects: K8sObject[]): Promise<void> {
    this.calls.push(`apply ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(',')}`);
    if (this.opts.applyError) throw this.opts.applyError;
    for (const o of objects) {
      if (o.kind === 'Pod') this.createPod(o);
      else this.objects.set(`${o.kind}/${o.metadata.name}`, structuredClone(o));
    }
  }

  /** Creates a pod whose containers start (or fail to pull) after startDelayMs. */
  createPod(o: K8sObject): void {
    if (this.podsByName.has(o.metadata.name)) return;
    const bad = this.opts.badImage ?? ((image: string) => image.includes('does-not-exist'));
    const pod: FakePod = {
      object: structuredClone(o),
      uid: this.next('uid'),
      phase: 'Pending',
      ...this.opts.podReason,
      containers: (o.spec?.containers ?? []).map((c: { name: string; image: string }) => ({
        name: c.name,
        image: c.image,
        id: '',
        restartCount: 0,
        state: 'waiting' as const,
        reason: 'ContainerCreating',
      })),
    };
    this.podsByName.set(o.metadata.name, pod);
    this.clock.after(this.opts.startDelayMs ?? 2000, () => {
      if (this.podsByName.get(o.metadata.name) !== pod) return;
      for (const c of pod.containers) {
        if (bad(c.image)) Object.assign(c, { state: 'waiting', reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` });
        else Object.assign(c, { state: 'running', reason: undefined, message: undefined, id: `containerd://${this.next('c')}` });
      }
      if (!this.opts.podReason) pod.phase = 'Running';
    });
  }

  /** Direct access for tests that script a pod's state. */
  rawPod(name: string): FakePod | undefined {
    return this.podsByName.get(name);
  }

  async get(kind: string, name: string): Promise<K8sObject | undefined> {
    if (kind === 'Pod') {
      const p = this.podsByName.get(name);
      return p && { ...p.object, metadata: { ...p.object.metadata, uid: p.uid } };
    }
    return this.objects.get(`${kind}/${name}`);
  }
  async list(kind: string): Promise<K8sObject[]> {
    return [...this.objects.values()].filter((o) => o.kind === kind);
  }

  private view(p: FakePod): PodView {
    return {
      name: p.object.metadata.name,
      uid: p.uid,
      nodeName: 'worker-a',
      phase: p.phase,
      terminating: false,
      labels: p.object.metadata.labels ?? {},
      reason: p.reason,
      message: p.message,
      containers: p.containers.map(({ image: _image, id, ...c }) => ({ ...c, containerID: id || undefined, ready: c.state === 'running' })),
    };
  }
  async pod(name: string): Promise<PodView | undefined> {
    const p = this.podsByName.get(name);
    return p && this.view(p);
  }
  async pods(labels: Record<string, string> = {}): Promise<PodView[]> {
    return [...this.podsByName.values()]
      .map((p) => this.view(p))
      .filter((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val));
  }

  async delete(kind: string, name: string): Promise<void> {
    this.calls.push(`delete ${kind}/${name}`);
    if (kind === 'Pod') this.podsByName.delete(name);
    else this.objects.delete(`${kind}/${name}`);
  }
  async deletePod(name: string): Promise<void> {
    this.calls.push(`deletePod ${name}`);
    this.podsByName.delete(name);
    for (const key of [...this.files.keys()]) if (key.startsWith(`${name}:`)) this.files.delete(key);
  }

  async killContainer(pod: string, container: string): Promise<void> {
    this.calls.push(`kill ${pod}/${container}`);
    const p = this.podsByName.get(pod);
    const c = p?.containers.find((x) => x.name === container);
    if (!p || !c) throw new ExecError(`no container ${container} in pod ${pod}`);
    Object.assign(c, { state: 'terminated', reason: 'Error', lastExitCode: 137 });
    if (p.object.spec?.restartPolicy === 'Never') return;
    this.clock.after(this.opts.restartDelayMs ?? 1000, () => {
      Object.assign(c, { state: 'running', reason: undefined, restartCount: c.restartCount + 1, id: `containerd://${this.next('c')}` });
    });
  }

  private running(pod: string, container: string): void {
    const c = this.podsByName.get(pod)?.containers.find((x) => x.name === container);
    if (!c || c.state !== 'running') throw new ExecError(`container ${container} of pod ${pod} is not running`);
  }
  async writeFile(pod: string, container: string, path: string, data: string): Promise<void> {
    this.running(pod, container);
    this.files.set(`${pod}:${path}`, data);
  }
  async readFile(pod: string, container: string, path: string): Promise<string | undefined> {
    this.running(pod, container);
    return this.files.get(`${pod}:${path}`);
  }
  /** Sizes tests set by `${pod}:${path}`; 1 GiB for any other path. */
  readonly sizes = new Map<string, number>();
  async fileSystemSize(pod: string, container: string, path: string): Promise<number | undefined> {
    this.running(pod, container);
    return this.sizes.get(`${pod}:${path}`) ?? 2 ** 30;
  }
  async annotatePod(name: string, annotations: Record<string, string>): Promise<void> {
    this.calls.push(`annotate pod/${name} ${Object.entries(annotations).map(([k, v]) => `${k}=${v}`).join(',')}`);
  }
  async readNodeFile(): Promise<string | undefined> {
    return undefined;
  }
  async makeNodeDir(node: string, path: string): Promise<void> {
    this.calls.push(`mkdir ${node}:${path}`);
  }
  async scale(kind: string, name: string, replicas: number): Promise<void> {
    this.calls.push(`scale ${kind}/${name} ${replicas}`);
  }
  async diagnostics(refs: { kind: string; name: string }[]): Promise<Diagnostic[]> {
    this.calls.push('diagnostics');
    if (this.opts.diagnosticsError) throw this.opts.diagnosticsError;
    return refs.map((r) => ({ title: `describe ${r.kind} ${r.name}`, text: `fake description of ${r.kind} ${r.name}` }));
  }
  async cleanup(): Promise<void> {
    this.calls.push('cleanup');
    this.opts.onCleanup?.();
  }
}

