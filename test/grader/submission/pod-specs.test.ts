import { describe, expect, it } from 'vitest';
import { getIn, ownValue, podSpecOf } from '../../../src/grader/submission/pod-specs.ts';

describe('reading objects with keys from the submission', () => {
  it('reads own properties only', () => {
    const obj = { spec: { replicas: 2, list: ['a', 'b'] } };
    expect(getIn(obj, ['spec', 'replicas'])).toBe(2);
    expect(getIn(obj, ['spec', 'list', 1])).toBe('b');
    expect(getIn(obj, ['spec', 'constructor'])).toBeUndefined();
    expect(getIn(obj, ['toString'])).toBeUndefined();
    expect(getIn(obj, ['spec', 'list', 'length'])).toBe(2);
    expect(ownValue({}, '__proto__')).toBeUndefined();
    expect(ownValue(JSON.parse('{"__proto__": 5}'), '__proto__')).toBe(5);
    expect(ownValue(null, 'a')).toBeUndefined();
  });

  it('finds no pod spec for kinds named like Object.prototype members', () => {
    expect(podSpecOf({ kind: 'constructor', spec: {} })).toBeUndefined();
    expect(podSpecOf({ kind: 'toString', spec: { template: { spec: {} } } })).toBeUndefined();
    expect(podSpecOf({ kind: 'Deployment', spec: { template: { spec: { containers: [] } } } })?.path).toEqual(['spec', 'template', 'spec']);
  });
});
