import { describe, expect, it } from 'vitest';
import { readRealProofs, realProofFile } from '../../src/grader/real-proofs.ts';

const proof = { kind: 'grader', id: '03-nfs', kubernetesVersion: 'v1.35.4', recordedAt: '2026-12-07T14:40:00.000Z', recordedOn: 'kind cluster k8s-storage-course (built by npm run cluster:up)', passed: true };

describe('real-cluster proof records', () => {
  it('are read by kind and id', () => {
    const proofs = readRealProofs({ [realProofFile('grader', '03-nfs')]: JSON.stringify(proof) });
    expect(proofs.get('grader:03-nfs')).toEqual(proof);
    expect(realProofFile('demo', 'statefulset-claim')).toBe('demo--statefulset-claim.json');
  });

  it('a record that is not one fails with its file name and the field', () => {
    expect(() => readRealProofs({ 'grader--x.json': JSON.stringify({ ...proof, kubernetesVersion: '1.35' }) })).toThrow(/grader--x\.json: .*kubernetesVersion/);
    expect(() => readRealProofs({ 'grader--y.json': JSON.stringify({ ...proof, extra: 1 }) })).toThrow(/grader--y\.json/);
  });
});
