/** Label selectors, node selector terms and tolerations. */
import { describe, it, expect } from 'vitest';
import { matchNodeSelectorTerms, matchSelector, tolerates } from '../../src/model/selectors.ts';

describe('selectors', () => {
  it('matchLabels AND matchExpressions', () => {
    const sel = { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'cache'] }, { key: 'old', operator: 'DoesNotExist' }] };
    expect(matchSelector(sel, { app: 'a', tier: 'db' })).toBe(true);
    expect(matchSelector(sel, { app: 'a', tier: 'web' })).toBe(false);
    expect(matchSelector(sel, { app: 'a', tier: 'db', old: '1' })).toBe(false);
    expect(matchSelector(undefined, {}, false)).toBe(false);
    expect(matchSelector({}, { any: 'x' })).toBe(true);
  });
  it('node selector terms are ORed, an empty term matches nothing, Gt/Lt compare integers, matchFields uses the name', () => {
    const labels = { cpu: '8' };
    expect(matchNodeSelectorTerms([{ matchExpressions: [{ key: 'cpu', operator: 'Gt', values: ['4'] }] }], 'n', labels)).toBe(true);
    expect(matchNodeSelectorTerms([{ matchExpressions: [{ key: 'cpu', operator: 'Lt', values: ['4'] }] }, {}], 'n', labels)).toBe(false);
    expect(matchNodeSelectorTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] }], 'n', {})).toBe(true);
  });
  it('tolerations: Exists without key tolerates everything; Equal needs key and value; effect must match if given', () => {
    const taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
    expect(tolerates([{ operator: 'Exists' }], taint)).toBe(true);
    expect(tolerates([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoExecute' }], taint)).toBe(false);
    expect(tolerates([{ key: 'node-role.kubernetes.io/control-plane', value: '' }], taint)).toBe(true);
    expect(tolerates(undefined, taint)).toBe(false);
  });
});
