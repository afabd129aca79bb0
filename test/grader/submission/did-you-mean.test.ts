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
});
