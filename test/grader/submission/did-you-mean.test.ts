import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/grader/submission/did-you-mean.ts';

describe('did you mean', () => {
  it('measures edits and suggests only close candidates', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(didYouMean('volumeMount', ['volumeMounts', 'volumes', 'name'])).toBe('volumeMounts');
    expect(didYouMean('targetport', ['targetPort', 'port'])).toBe('targetPort');
    expect(didYouMean('Deploymnet', ['Deployment', 'DaemonSet'])).toBe('Deployment');
    expect(didYouMean('zzz', ['name', 'image'])).toBeUndefined();
    expect(didYouMean('name', ['name'])).toBeUndefined();
  });

  it('suggests a field the word cuts short, when the word is most of it', () => {
    expect(didYouMean('volumeSnapshotClass', ['source', 'volumeSnapshotClassName'])).toBe('volumeSnapshotClassName');
    expect(didYouMean('storageClass', ['storageClassName', 'accessModes', 'volumeName'])).toBe('storageClassName');
    expect(didYouMean('persistentVolumeClaim', ['persistentVolumeClaimName', 'volumeSnapshotContentName'])).toBe('persistentVolumeClaimName');
    // Too short a start to be a guess.
    expect(didYouMean('Read', ['ReadWriteOnce', 'ReadOnlyMany'])).toBeUndefined();
    expect(didYouMean('vol', ['volumes'])).toBeUndefined();
  });
});
