/**
 * kubectl argv builders: pure functions, one per operation, so every command line the back ends
 * run is pinned by a golden test. Every call names its kubeconfig (kind) or pinned context
 * (current), so the user's current context is never read twice nor switched.
 */
import { assertLabelKey, assertLabelValue, assertName, isNamespaced, labelSelector, resourceFor } from './kinds.ts';
import { FIELD_MANAGER, RUN_LABEL } from './labels.ts';

/** Which cluster kubectl talks to. */
export interface KubectlTarget {
  /** Our own kubeconfig file (kind). */
  kubeconfig?: string;
  /** A pinned context name (current: the context that was current at prepare). */
  context?: string;
}

/** Per-request API timeout for single-shot calls, so a dead API server fails fast. */
export const REQUEST_TIMEOUT = '--request-timeout=30s';

export class KubectlArgs {
  constructor(
    private readonly target: KubectlTarget,
    readonly namespace: string,
  ) {}

  /** The same cluster and flags, for objects in another namespace. */
  inNamespace(namespace: string): KubectlArgs {
    return new KubectlArgs(this.target, namespace);
  }

  /** The global flags every call starts with. */
  base(): string[] {
    const args: string[] = [];
    if (this.target.kubeconfig) args.push('--kubeconfig', this.target.kubeconfig);
    if (this.target.context) args.push('--context', this.target.context);
    return args;
  }

  private scope(kind: string, namespace = this.namespace): string[] {
    return isNamespaced(kind) ? ['-n', assertName(namespace, 'namespace')] : [];
  }

  /** Server-side apply of the JSON List on stdin. */
  apply(): string[] {
    return [...this.base(), 'apply', '--server-side', `--field-manager=${FIELD_MANAGER}`, '--force-conflicts', REQUEST_TIMEOUT, '-f', '-'];
  }

  /** One object as JSON; prints nothing (exit 0) when it does not exist. */
  get(kind: string, name: string, namespace?: string): string[] {
    return [...this.base(), 'get', resourceFor(kind), assertName(name), ...this.scope(kind, namespace), '-o', 'json', '--ignore-not-found', REQUEST_TIMEOUT];
  }

  /** A List of objects, optionally by label selector. */
  list(kind: string, labels?: Record<string, string>, namespace?: string): string[] {
    const sel = labels && Object.keys(labels).length ? ['-l', labelSelector(labels)] : [];
    return [...this.base(), 'get', resourceFor(kind), ...this.scope(kind, namespace), ...sel, '-o', 'json', REQUEST_TIMEOUT];
  }

  /** Every object of these kinds (cluster-scoped, or in any namespace) that carries the label key. */
  listLabelled(kinds: string[], key: string): string[] {
    return [...this.base(), 'get', kinds.map(resourceFor).join(','), '-l', assertLabelKey(key), '-o', 'json', REQUEST_TIMEOUT];
  }

  /** Deletes one object; with wait, returns only once it is gone (or the timeout passes). */
  delete(kind: string, name: string, opts: { wait: boolean; namespace?: string; timeoutS?: number }): string[] {
    return [
      ...this.base(),
      'delete',
      resourceFor(kind),
      assertName(name),
      ...this.scope(kind, opts.namespace),
      '--ignore-not-found',
      `--wait=${opts.wait}`,
      ...(opts.wait ? [`--timeout=${opts.timeoutS ?? 120}s`] : []),
    ];
  }

  /** Deletes a pod with a 1 s grace period and waits until the API object is gone. */
  deletePod(name: string): string[] {
    return [...this.base(), 'delete', 'pods', assertName(name), '-n', this.namespace, '--grace-period=1', '--wait=true', '--ignore-not-found', '--timeout=120s'];
  }

  /** Deletes every pod of the namespace with a 1 s grace period, without waiting. */
  deleteAllPods(namespace = this.namespace): string[] {
    return [...this.base(), 'delete', 'pods', '--all', '-n', assertName(namespace, 'namespace'), '--grace-period=1', '--wait=false', '--ignore-not-found'];
  }

  /** Deletes cluster-scoped objects of these kinds carrying the label. */
  deleteLabelled(kinds: string[], labels: Record<string, string>): string[] {
    return [...this.base(), 'delete', kinds.map(resourceFor).join(','), '-l', labelSelector(labels), '--ignore-not-found', '--wait=false'];
  }

  /** Deletes every namespace a grader run created (label key present), waiting up to 90 s. */
  deleteRunNamespaces(): string[] {
    return [...this.base(), 'delete', 'namespaces', '-l', RUN_LABEL, '--ignore-not-found', '--wait=true', '--timeout=90s'];
  }

  /** Sets replicas of a Deployment or StatefulSet. */
  scale(kind: 'Deployment' | 'StatefulSet', name: string, replicas: number): string[] {
    if (!Number.isInteger(replicas) || replicas < 0) throw new TypeError(`invalid replicas ${replicas}`);
    return [...this.base(), 'scale', `${resourceFor(kind)}/${assertName(name)}`, `--replicas=${replicas}`, '-n', this.namespace, REQUEST_TIMEOUT];
  }

  /** Sets labels on a node (overwriting). */
  labelNode(node: string, labels: Record<string, string>): string[] {
    const pairs = Object.entries(labels).map(([k, v]) => `${assertLabelKey(k)}=${assertLabelValue(v)}`);
    return [...this.base(), 'label', 'nodes', assertName(node, 'node'), ...pairs, '--overwrite', REQUEST_TIMEOUT];
  }

  /** Sets a PersistentVolume's reclaim policy. */
  setReclaimPolicy(pv: string, policy: 'Delete' | 'Retain'): string[] {
    const patch = JSON.stringify({ spec: { persistentVolumeReclaimPolicy: policy } });
    return [...this.base(), 'patch', 'persistentvolumes', assertName(pv), '--type=merge', '-p', patch, REQUEST_TIMEOUT];
  }

  /** Sets annotations on a namespace (overwriting). */
  annotateNamespace(name: string, annotations: Record<string, string>): string[] {
    return [...this.base(), 'annotate', 'namespaces', assertName(name, 'namespace'), ...annotationPairs(annotations), '--overwrite', REQUEST_TIMEOUT];
  }

  /** Sets annotations on a Pod of the run's namespace (overwriting). */
  annotatePod(name: string, annotations: Record<string, string>): string[] {
    return [...this.base(), 'annotate', 'pods', assertName(name), ...annotationPairs(annotations), '--overwrite', '-n', this.namespace, REQUEST_TIMEOUT];
  }

  /** Removes annotations from a namespace (absent keys are fine). */
  unannotateNamespace(name: string, keys: string[]): string[] {
    return [...this.base(), 'annotate', 'namespaces', assertName(name, 'namespace'), ...keys.map((k) => `${assertLabelKey(k)}-`), REQUEST_TIMEOUT];
  }

  /** Removes label keys from a node (absent keys are fine). */
  unlabelNode(node: string, keys: string[]): string[] {
    return [...this.base(), 'label', 'nodes', assertName(node, 'node'), ...keys.map((k) => `${assertLabelKey(k)}-`), REQUEST_TIMEOUT];
  }

  /** Runs a fixed sh script in a container; positional args reach the script as $1... */
  exec(pod: string, container: string, script: string, scriptArgs: string[], withStdin: boolean): string[] {
    return [
      ...this.base(),
      'exec',
      assertName(pod, 'pod'),
      '-n',
      this.namespace,
      '-c',
      assertName(container, 'container'),
      ...(withStdin ? ['-i'] : []),
      '--',
      'sh',
      '-c',
      script,
      '--',
      ...scriptArgs,
    ];
  }

  /** `kubectl describe` of one object. */
  describe(kind: string, name: string): string[] {
    return [...this.base(), 'describe', resourceFor(kind), assertName(name), ...this.scope(kind), REQUEST_TIMEOUT];
  }

  /** Events about one object (cluster-scoped objects' events live in any namespace). */
  events(kind: string, name: string, namespace = this.namespace): string[] {
    const where = isNamespaced(kind) ? ['-n', assertName(namespace, 'namespace')] : ['--all-namespaces'];
    return [
      ...this.base(),
      'get',
      'events',
      ...where,
      '--field-selector',
      `involvedObject.kind=${kind},involvedObject.name=${assertName(name)}`,
      '-o',
      'json',
      REQUEST_TIMEOUT,
    ];
  }

  /** Warning events about pods of the run namespace (for volume mount failures). */
  podWarnings(): string[] {
    return [...this.base(), 'get', 'events', '-n', this.namespace, '--field-selector', 'involvedObject.kind=Pod,type=Warning', '-o', 'json', REQUEST_TIMEOUT];
  }

  /** The last lines a container printed (previous: the instance before the last restart). */
  logs(pod: string, container: string, previous: boolean, namespace = this.namespace): string[] {
    return [
      ...this.base(),
      'logs',
      assertName(pod, 'pod'),
      '-n',
      assertName(namespace, 'namespace'),
      '-c',
      assertName(container, 'container'),
      '--tail=80',
      ...(previous ? ['--previous'] : []),
      REQUEST_TIMEOUT,
    ];
  }

  /** All nodes as JSON. */
  nodes(): string[] {
    return [...this.base(), 'get', 'nodes', '-o', 'json', REQUEST_TIMEOUT];
  }

  /** The server version as JSON (a reachability check that needs no list permission). */
  version(): string[] {
    return [...this.base(), 'version', '-o', 'json', REQUEST_TIMEOUT];
  }
}

/** `key=value` arguments for kubectl annotate: the grader's own annotations only (times and flags, nothing a flag parser could misread). */
function annotationPairs(annotations: Record<string, string>): string[] {
  return Object.entries(annotations).map(([k, v]) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9:._-]{0,63}$/.test(v)) throw new TypeError(`invalid annotation value ${JSON.stringify(v)}`);
    return `${assertLabelKey(k)}=${v}`;
  });
}
