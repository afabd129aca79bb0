import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  allNodesReady,
  bareContainerId,
  formatEvents,
  isStuckCreating,
  mountProblem,
  parseApplyError,
  parseList,
  parseObject,
  parsePodView,
  parseWorkers,
} from '../../../../src/grader/cluster/common/parse.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/kubectl/${name}`, import.meta.url), 'utf8');
const pod = (name: string) => parsePodView(JSON.parse(fixture(name)));

describe('parseObject / parseList', () => {
  it('reads a real object and treats empty output (--ignore-not-found) as absent', () => {
    expect(parseObject(fixture('pvc-bound.json'))?.metadata.name).toBe('www-nginx-sts-0');
    expect(parseObject('')).toBeUndefined();
    expect(parseObject('\n')).toBeUndefined();
  });

  it('reads the items of a kubectl List', () => {
    expect(parseList(fixture('pods-list.json')).map((o) => o.metadata.name)).toEqual(['sleep', 'nginx']);
    expect(parseList('{"apiVersion":"v1","items":[],"kind":"List","metadata":{"resourceVersion":""}}')).toEqual([]);
  });

  it('refuses output that is not a Kubernetes object or list', () => {
    expect(() => parseObject('{"hello":1}')).toThrow(/not a Kubernetes object/);
    expect(() => parseList(fixture('pvc-bound.json'))).toThrow(/no items/);
    expect(() => parseObject('Error from server')).toThrow();
  });
});

describe('parsePodView on recorded pods', () => {
  it('a running kind pod: containers in spec order, then the native sidecar; the finished init container is left out', () => {
    const v = pod('pod-kind-sidecar.json');
    expect(v).toMatchObject({ name: 'sleep', uid: '35079257-0ffb-4b09-b2c1-3c0d416f2523', nodeName: 'kind-control-plane', phase: 'Running', terminating: false });
    expect(v.reason).toBeUndefined();
    expect(v.containers).toEqual([
      { name: 'sleep', containerID: 'containerd://a1848056a183e40afe3189fc4920bd565930180ebdf2f9e2daf778ea8105f93e', restartCount: 0, state: 'running', ready: true },
      { name: 'sidecar', containerID: 'containerd://7a0d216a09630040c5b165c42cc9d2a95d541d95b6ac0a5ca604bf767d1b2cf0', restartCount: 0, state: 'running', ready: true },
    ]);
  });

  it('after a kill: restartCount 1, a new container id, last exit code 137', () => {
    const before = pod('pod-kind-sidecar.json').containers[0];
    const after = pod('pod-restarted-after-kill.json').containers[0];
    expect(after.restartCount).toBe(before.restartCount + 1);
    expect(after.containerID).not.toBe(before.containerID);
    expect(after).toMatchObject({ state: 'running', lastExitCode: 137 });
  });

  it('a docker-runtime pod with labels', () => {
    const v = pod('pod-website-nginx.json');
    expect(v.labels).toEqual({ app: 'nginx', 'pod-template-hash': '67d4bdd6f5' });
    expect(v.containers[0].containerID).toMatch(/^containerd:\/\//);
    expect(pod('pod-docker-init.json').containers[0].containerID).toMatch(/^docker:\/\//);
  });

  it('unschedulable: the PodScheduled condition gives reason and message', () => {
    const v = pod('pod-unschedulable.json');
    expect(v).toMatchObject({ phase: 'Pending', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' });
    expect(v.nodeName).toBeUndefined();
    expect(v.containers).toEqual([{ name: 'nginx', restartCount: 0, state: 'waiting', ready: false }]);
  });

  it('image pull failure: the container view and the pod view name the reason and the image', () => {
    const v = pod('pod-imagepullbackoff.json');
    expect(v.containers[0]).toMatchObject({ state: 'waiting', reason: 'ImagePullBackOff', ready: false });
    expect(v.containers[0].message).toContain('docker.io/library/nginx:nope-12345');
    expect(v.reason).toBe('ImagePullBackOff');
    expect(v.message).toMatch(/^container nginx: Back-off pulling image "docker\.io\/library\/nginx:nope-12345"/);
  });

  it('terminating pods are flagged', () => {
    expect(pod('pod-terminating.json').terminating).toBe(true);
  });

  it('an init container stuck pulling becomes the pod reason', () => {
    const raw = JSON.parse(fixture('pod-docker-init.json'));
    raw.status.phase = 'Pending';
    raw.status.initContainerStatuses[0].state = { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:alpine"' } };
    expect(parsePodView(raw)).toMatchObject({ reason: 'Init:ImagePullBackOff', message: 'Back-off pulling image "nginx:alpine"' });
  });

  it('missing status (just created) is Pending with waiting containers', () => {
    const raw = JSON.parse(fixture('pod-website-nginx.json'));
    delete raw.status;
    delete raw.spec.nodeName;
    const v = parsePodView(raw);
    expect(v.phase).toBe('Pending');
    expect(isStuckCreating(v)).toBe(false); // not on a node yet: nothing to ask the kubelet's events
  });

  it('a command that cannot be started: CrashLoopBackOff now, StartError (exit 128) and its message as the last state', () => {
    // pod-restarted-after-kill.json with its container in the state a kind node shows for
    // command ["sh", ...] on an image without a shell (field values as containerd/runc report them).
    const raw = JSON.parse(fixture('pod-restarted-after-kill.json'));
    const message = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "sh": executable file not found in $PATH: unknown';
    Object.assign(raw.status.containerStatuses[0], {
      ready: false,
      started: false,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=sleep pod=sleep_default(35079257-0ffb-4b09-b2c1-3c0d416f2523)' } },
      lastState: { terminated: { containerID: raw.status.containerStatuses[0].containerID, exitCode: 128, reason: 'StartError', message, startedAt: '1970-01-01T00:00:00Z', finishedAt: '2024-08-24T01:55:10Z' } },
    });
    const c = parsePodView(raw).containers[0]!;
    expect(c).toMatchObject({ state: 'waiting', reason: 'CrashLoopBackOff', ready: false, lastExitCode: 128, lastReason: 'StartError', lastMessage: message });
    // A plain kill leaves the reason (Error) and no message.
    const killed = pod('pod-restarted-after-kill.json').containers[0]!;
    expect(killed).toMatchObject({ lastExitCode: 137, lastReason: 'Error' });
    expect(killed.lastMessage).toBeUndefined();
    // Nothing about a last state when the container never ended.
    expect(pod('pod-kind-sidecar.json').containers[0]).not.toHaveProperty('lastReason');
  });
});

describe('mount failures from events', () => {
  const events = parseList(fixture('events-failedmount.json'));

  it('picks the latest FailedMount about the pod', () => {
    expect(mountProblem(events, 'hello-1567197780-mn4mv')).toEqual({
      reason: 'FailedMount',
      message: expect.stringContaining('mount.nfs: Connection timed out'),
    });
    expect(mountProblem(events, 'other-pod')).toBeUndefined();
  });

  it('a pod on a node with ContainerCreating containers is "stuck creating"', () => {
    const raw = JSON.parse(fixture('pod-website-nginx.json'));
    raw.status = { phase: 'Pending', containerStatuses: [{ name: 'nginx', restartCount: 0, ready: false, state: { waiting: { reason: 'ContainerCreating' } } }] };
    expect(isStuckCreating(parsePodView(raw))).toBe(true);
    expect(isStuckCreating(pod('pod-imagepullbackoff.json'))).toBe(false);
    expect(isStuckCreating(pod('pod-kind-sidecar.json'))).toBe(false);
  });

  it('formats events oldest first with counts', () => {
    const text = formatEvents(events);
    const lines = text.split('\n');
    expect(lines[0]).toContain('Normal  Pulled  kubelet  Successfully pulled image "blang/busybox-bash"');
    expect(lines[1]).toContain('Warning  FailedMount (x2)  kubelet  MountVolume.SetUp failed for volume "nfs"');
    expect(formatEvents([])).toBe('(no events)');
  });
});

describe('nodes', () => {
  const nodes = parseList(fixture('nodes-kind.json'));

  it('workers: Ready nodes without NoSchedule taints, sorted', () => {
    expect(parseWorkers(nodes)).toEqual(['kind-worker', 'kind-worker2']);
  });

  it('a NotReady or cordoned node is not a worker', () => {
    const copy = structuredClone(nodes) as any[];
    copy[2].status.conditions.find((c: any) => c.type === 'Ready').status = 'False';
    expect(parseWorkers(copy)).toEqual(['kind-worker']);
    copy[1].spec = { unschedulable: true };
    expect(parseWorkers(copy)).toEqual([]);
    expect(allNodesReady(copy, 3)).toBe(false);
  });

  it('a single untainted node (minikube) is its own worker', () => {
    const minikube = [JSON.parse(fixture('node-minikube.json'))];
    expect(parseWorkers(minikube)).toEqual(['minikube']);
    expect(allNodesReady(minikube, 1)).toBe(true);
    expect(allNodesReady(minikube, 3)).toBe(false);
  });
});

describe('bareContainerId', () => {
  it('strips the runtime scheme of containerd, docker and cri-o ids', () => {
    expect(bareContainerId('containerd://a1848056a183e40afe3189fc4920bd565930180ebdf2f9e2daf778ea8105f93e')).toBe('a1848056a183e40afe3189fc4920bd565930180ebdf2f9e2daf778ea8105f93e');
    expect(bareContainerId('docker://421bd26d6c68')).toBe('421bd26d6c68');
    expect(bareContainerId('cri-o://abc123')).toBe('abc123');
  });

  it('refuses anything that is not a plain id', () => {
    expect(() => bareContainerId('containerd://abc; rm -rf /')).toThrow(TypeError);
    expect(() => bareContainerId('containerd://--help')).toThrow(TypeError);
  });
});

describe('parseApplyError', () => {
  // Real outputs: kubectl apply --server-side on kind (kubernetes/kubernetes#90931) and a
  // server dry-run refusal of a StorageClass update (fluxcd/kustomize-controller#506).
  it('names the object of a refused apply', () => {
    expect(parseApplyError('The Service "foo" is invalid: spec.clusterIP: Invalid value: "10.97.219.181": field is immutable\n')).toEqual({
      message: 'The Service "foo" is invalid: spec.clusterIP: Invalid value: "10.97.219.181": field is immutable',
      object: { kind: 'Service', name: 'foo' },
    });
    expect(parseApplyError('Error from server (Invalid): StorageClass.storage.k8s.io "gp2" is invalid: parameters: Forbidden: updates to parameters are forbidden.')).toEqual({
      message: 'StorageClass.storage.k8s.io "gp2" is invalid: parameters: Forbidden: updates to parameters are forbidden.',
      object: { kind: 'StorageClass', name: 'gp2' },
    });
  });

  it('drops kubectl warnings and keeps messages it cannot attribute', () => {
    expect(parseApplyError('Warning: resource is deprecated\nerror: no objects passed to apply\n')).toEqual({ message: 'no objects passed to apply' });
  });
});
