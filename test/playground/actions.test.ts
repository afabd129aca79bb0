/**
 * The playground's buttons on each lesson's real walk-through manifests, in Node: what a student
 * sees after each click must be what the lesson teaches (and what its lifetime table says).
 */
import { describe, expect, it } from 'vitest';
import { runAction, type ActionName, type Message } from '../../src/playground/actions.ts';
import { NAMESPACE, startScenario, type Scenario } from '../../src/playground/scenario.ts';
import { lessonConfig } from './lessons.ts';

const start = (lesson: string) => startScenario(lessonConfig(lesson));
const keys = (messages: Message[]) => messages.map((m) => m.key);

function run(scn: Scenario, ...actions: ActionName[]): Message[] {
  return actions.flatMap((a) => runAction(scn, a));
}

/** The files of one pod volume, by pod and volume name. */
function volumeFiles(scn: Scenario, pod: string, volume?: string): string[] {
  const snap = scn.model.snapshot();
  const p = [...snap.nodes.flatMap((n) => n.pods), ...snap.unscheduledPods].find((x) => x.name === pod);
  const v = p?.volumes.find((x) => (volume ? x.name === volume : x.type !== 'projected'));
  return v ? Object.keys(v.files).sort() : [];
}

function ownFiles(scn: Scenario, pod: string, container: string): string[] {
  const p = scn.model.snapshot().nodes.flatMap((n) => n.pods).find((x) => x.name === pod);
  return Object.keys(p?.containers.find((c) => c.name === container)?.ownFiles ?? {});
}

const uid = (scn: Scenario, pod: string) => scn.model.get({ kind: 'Pod', name: pod, namespace: NAMESPACE })?.metadata.uid;

describe('lesson 1 (emptyDir)', () => {
  it('a kill keeps the volume file and loses the container-layer file', () => {
    const scn = start('01-emptydir');
    expect(keys(run(scn, 'write'))).toEqual(['wrote']);
    expect(volumeFiles(scn, 'share-demo')).toEqual(['note-1.txt']);
    expect(ownFiles(scn, 'share-demo', 'writer')).toEqual(['/tmp/note-1.txt']);
    const killed = run(scn, 'kill');
    expect(killed).toEqual([{ key: 'killed', params: { pod: 'share-demo', container: 'writer', restarts: 1 } }]);
    expect(volumeFiles(scn, 'share-demo')).toEqual(['note-1.txt']);
    expect(ownFiles(scn, 'share-demo', 'writer')).toEqual([]);
  });

  it('delete + re-create gives a new UID and an empty volume', () => {
    const scn = start('01-emptydir');
    const before = uid(scn, 'share-demo');
    run(scn, 'write');
    const msgs = run(scn, 'deletePod');
    expect(keys(msgs)).toEqual(['recreated']);
    expect(uid(scn, 'share-demo')).not.toBe(before);
    expect(volumeFiles(scn, 'share-demo')).toEqual([]);
  });

  it('the reader container sees what the writer wrote (one shared volume)', () => {
    const scn = start('01-emptydir');
    run(scn, 'write');
    expect(scn.model.readFile(NAMESPACE, 'share-demo', 'reader', '/cache/note-1.txt')).toBe('note 1\n');
  });

  it('has no PVC and no workload, so those buttons have nothing to do', () => {
    const scn = start('01-emptydir');
    expect(keys(run(scn, 'deletePvc'))).toEqual(['noPvc']);
    expect(run(scn, 'scaleUp')).toEqual([]);
  });
});

describe('lesson 2 (hostPath)', () => {
  it('the file survives a pod delete on the same node, and the pod on the other node does not see it', () => {
    const scn = start('02-hostpath');
    run(scn, 'write', 'kill', 'deletePod');
    expect(volumeFiles(scn, 'hostpath-demo')).toEqual(['note-1.txt']);
    expect(volumeFiles(scn, 'hostpath-probe')).toEqual([]);
    expect(scn.model.readNodeFile('course-worker', '/var/local/demo/note-1.txt')).toBe('note 1\n');
    expect(scn.model.readNodeFile('course-worker2', '/var/local/demo/note-1.txt')).toBeUndefined();
  });
});

describe('lesson 3 (NFS)', () => {
  it('serves the course export at 10.96.100.100: the pod on the other node reads the file, which survives kill and delete', () => {
    const scn = start('03-nfs');
    run(scn, 'write');
    expect(scn.model.readFile(NAMESPACE, 'nfs-reader', 'app', '/shared/note-1.txt')).toBe('note 1\n');
    run(scn, 'kill', 'deletePod');
    expect(volumeFiles(scn, 'nfs-writer')).toEqual(['note-1.txt']);
    expect(scn.model.snapshot().nfsServers.map((s) => s.server)).toEqual(['10.96.100.100']);
  });
});

describe('lesson 4 (static PV, Retain)', () => {
  it('a PVC in use stays Terminating; once the pod is gone the PV is Released and keeps the file', () => {
    const scn = start('04-pv-pvc');
    run(scn, 'write', 'deletePod');
    expect(volumeFiles(scn, 'demo-pod')).toEqual(['note-1.txt']);
    expect(keys(run(scn, 'deletePvc'))).toEqual(['pvcTerminating']);
    const msgs = run(scn, 'deletePod');
    expect(keys(msgs)).toEqual(['recreated', 'pvcGone', 'pvReleased', 'stuck']);
    expect(msgs[2].params).toMatchObject({ pv: 'demo-pv', phase: 'Released' });
    expect(scn.model.readNodeFile('course-worker', '/var/local/demo-pv/note-1.txt')).toBe('note 1\n');
  });
});

describe('lesson 5 (StorageClass, Delete)', () => {
  it('deleting the claim deletes the provisioned PV and its files', () => {
    const scn = start('05-storageclass');
    run(scn, 'write', 'kill', 'deletePod');
    expect(volumeFiles(scn, 'demo-dyn-pod')).toEqual(['note-1.txt']);
    run(scn, 'deletePvc');
    const msgs = run(scn, 'deletePod');
    expect(keys(msgs)).toContain('pvRemoved');
    expect(scn.model.list('PersistentVolume')).toEqual([]);
  });
});

describe('lesson 6 (StatefulSet)', () => {
  it('the controller brings back kv-0 with the same claim and the file', () => {
    const scn = start('06-statefulset');
    run(scn, 'write');
    const msgs = run(scn, 'deletePod');
    expect(keys(msgs)).toEqual(['replaced']);
    expect(msgs[0].params).toMatchObject({ pod: 'kv-0', newPod: 'kv-0' });
    expect(volumeFiles(scn, 'kv-0')).toEqual(['note-1.txt']);
  });

  it('scaling down keeps the last replica claim; scaling up mounts it again', () => {
    const scn = start('06-statefulset');
    const claimUid = () => scn.model.get({ kind: 'PersistentVolumeClaim', name: 'data-kv-2', namespace: NAMESPACE })?.metadata.uid;
    const before = claimUid();
    expect(run(scn, 'scaleDown')).toEqual([{ key: 'scaled', params: { kind: 'StatefulSet', name: 'kv', replicas: 2 } }]);
    expect(scn.model.get({ kind: 'Pod', name: 'kv-2', namespace: NAMESPACE })).toBeUndefined();
    expect(claimUid()).toBe(before);
    run(scn, 'scaleUp');
    expect(scn.model.get({ kind: 'Pod', name: 'kv-2', namespace: NAMESPACE })?.status?.phase).toBe('Running');
    expect(claimUid()).toBe(before);
  });
});

describe('refusals', () => {
  it('writing while the target pod is gone says so instead of throwing', () => {
    const scn = start('01-emptydir');
    scn.model.delete({ kind: 'Pod', name: 'share-demo', namespace: NAMESPACE }, { gracePeriodSeconds: 0 });
    expect(run(scn, 'write')).toEqual([{ key: 'noPod', params: { pod: 'share-demo' } }]);
    expect(keys(run(scn, 'kill'))).toEqual(['noPod']);
  });

  it('a model refusal becomes a localized "refused" message', () => {
    const scn = start('01-emptydir');
    scn.target = { ...scn.target, mountPath: '/cache/missing-dir' };
    const [msg] = run(scn, 'write');
    expect(msg.key).toBe('refused');
    const text = msg.params?.message as { en: string; 'zh-cn': string };
    expect(text.en).toContain('/cache/missing-dir');
    expect(text['zh-cn']).toMatch(/[\u4e00-\u9fff]/);
  });
});
