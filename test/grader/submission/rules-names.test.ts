import { describe, expect, it } from 'vitest';
import { nameError, suggestName } from '../../../src/grader/submission/rules-names.ts';

describe('Kubernetes names', () => {
  it('checks DNS-1123 names and suggests a valid one', () => {
    expect(suggestName('My_Claim', 'subdomain')).toBe('my-claim');
    expect(suggestName('1web', 'label1035')).toBe('web');
    expect(nameError('a.b', 'label')).toBeDefined();
    expect(nameError('a.b', 'subdomain')).toBeUndefined();
    expect(nameError('x'.repeat(64), 'label')?.en).toContain('63');
  });
});
