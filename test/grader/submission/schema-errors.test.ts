import { describe, expect, it } from 'vitest';
import { pointerToPath, suggestQuantity } from '../../../src/grader/submission/schema-errors.ts';

describe('schema error helpers', () => {
  it('turns JSON pointers into paths with numeric indexes only for arrays', () => {
    const doc = { spec: { containers: [{ name: 'a' }] }, data: { '0': 'x' }, metadata: { labels: { 'a/b': 'c' } } };
    expect(pointerToPath('/spec/containers/0/name', doc)).toEqual(['spec', 'containers', 0, 'name']);
    expect(pointerToPath('/data/0', doc)).toEqual(['data', '0']);
    expect(pointerToPath('/metadata/labels/a~1b', doc)).toEqual(['metadata', 'labels', 'a/b']);
  });

  it('suggests a valid quantity close to a wrong one', () => {
    expect(suggestQuantity('1GB')).toBe('1Gi');
    expect(suggestQuantity('500 mb')).toBe('500Mi');
    expect(suggestQuantity('1gi')).toBe('1Gi');
    expect(suggestQuantity('lots')).toBeUndefined();
  });
});
