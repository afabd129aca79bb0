import { describe, expect, it } from 'vitest';
import type { PodView } from '../../../src/grader/cluster/cluster.ts';
import { describePod, describePv, describePvc, isRunning, podTrouble } from '../../../src/grader/scenario/index.ts';

const pod = (over: Partial<PodView> = {}, container: Partial<PodView['containers'][number]> = {}): PodView => ({
  name: 'p',
  uid: 'u1',
  phase: 'Running',
  terminating: false,
  labels: {},
  containers: [{ name: 'app', restartCount: 0, state: 'running', ready: true, ...container }],
  ...over,
});

describe('podTrouble', () => {
  it('classifies states that will not fix themselves', () => {
    expect(podTrouble(pod())).toBeUndefined();
    expect(podTrouble(pod({ phase: 'Pending' }, { state: 'waiting', reason: 'InvalidImageName' }))).toMatchObject({ kind: 'image', container: 'app' });
    expect(podTrouble(pod({}, { state: 'waiting', reason: 'RunContainerError' }))).toMatchObject({ kind: 'start' });
    expect(podTrouble(pod({}, { state: 'waiting', reason: 'CrashLoopBackOff', lastExitCode: 0 }))).toEqual({ kind: 'crash', container: 'app', exitCode: 0 });
    expect(podTrouble(pod({}, { state: 'waiting', reason: 'CrashLoopBackOff', lastExitCode: 137 }))).toBeUndefined();
    expect(podTrouble(pod({ phase: 'Failed' }, { state: 'terminated' }))).toEqual({ kind: 'finished', phase: 'Failed' });
    expect(podTrouble(pod({ phase: 'Pending', reason: 'FailedMount', message: 'm' }))).toEqual({ kind: 'mount', reason: 'FailedMount', message: 'm' });
    expect(podTrouble(pod({ phase: 'Pending', reason: 'Unschedulable' }))).toBeUndefined();
    expect(podTrouble(pod({ phase: 'Pending' }, { state: 'waiting', reason: 'ContainerCreating' }))).toBeUndefined();
  });
});

describe('describe*', () => {
  it('describes a pod in one line', () => {
    expect(describePod(pod({ nodeName: 'w1' }, { restartCount: 2, lastExitCode: 137 }))).toBe(
      'Pod p, phase Running, node w1; containers: app running, restarts 2, last exit code 137',
    );
    expect(describePod(pod({ phase: 'Pending', terminating: true, containers: [] }))).toBe('Pod p, phase Pending (terminating); containers: none yet');
    expect(isRunning(pod({ terminating: true }))).toBe(false);
    expect(isRunning(pod({ containers: [] }))).toBe(false);
  });

  it('describes claims and volumes, including the empty storageClassName', () => {
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { storageClassName: '', volumeName: 'v' }, status: { phase: 'Bound' } };
    expect(describePvc('c', pvc)).toBe('PersistentVolumeClaim c is Bound, storageClassName "", volumeName v');
    expect(describePvc('c', undefined)).toBe('PersistentVolumeClaim c does not exist');
    const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v' }, spec: { claimRef: { namespace: 'ns', name: 'c' }, storageClassName: 'fast', persistentVolumeReclaimPolicy: 'Delete' }, status: { phase: 'Released' } };
    expect(describePv('v', pv)).toBe('PersistentVolume v is Released, claim ns/c, storageClassName "fast", reclaimPolicy Delete');
  });
});
