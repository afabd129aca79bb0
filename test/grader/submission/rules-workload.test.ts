import { describe, expect, it } from 'vitest';
import { selectorMatches } from '../../../src/grader/submission/rules-workload.ts';

describe('selectorMatches', () => {
  it('matches label selectors like the API server', () => {
    const labels = { app: 'web', tier: 'db' };
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'api' } }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'gone', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'gone', operator: 'Exists' }] }, labels)).toBe(false);
  });

  it('looks only at the template labels themselves, never at Object.prototype', () => {
    const labels = { app: 'web' };
    expect(selectorMatches({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, labels)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'constructor', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'hasOwnProperty', operator: 'NotIn', values: ['x'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { constructor: 'x' } }, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { constructor: 'x' } }, { constructor: 'x' })).toBe(true);
  });
});
