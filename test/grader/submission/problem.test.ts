import { describe, expect, it } from 'vitest';
import { formatPath, sortProblems } from '../../../src/grader/submission/problem.ts';

describe('problem helpers', () => {
  it('prints field paths kubectl-style', () => {
    expect(formatPath(['spec', 'containers', 0, 'volumeMounts', 1, 'name'])).toBe('spec.containers[0].volumeMounts[1].name');
    expect(formatPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe('metadata.labels["app.kubernetes.io/name"]');
    expect(formatPath([])).toBe('');
  });
  it('sorts problems by file, line and column, unplaced first', () => {
    const p = (file: string, line: number, col: number) => ({ code: `${file}${line}${col}`, message: { en: '', 'zh-cn': '' }, at: { file, line, col } });
    const none = { code: 'none', message: { en: '', 'zh-cn': '' } };
    expect(sortProblems([p('b', 1, 1), p('a', 2, 1), none, p('a', 1, 5), p('a', 1, 2)]).map((x) => x.code)).toEqual(['none', 'a12', 'a15', 'a21', 'b11']);
  });
});
