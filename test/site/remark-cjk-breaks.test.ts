import { describe, expect, it } from 'vitest';
import { joinCjkBreaks } from '../../src/site/remark-cjk-breaks.ts';

describe('joinCjkBreaks', () => {
  it('removes a soft break between two Chinese characters', () => {
    expect(joinCjkBreaks('数据会随着\n  Pod 一起消失，不比\n容器更长')).toBe('数据会随着\n  Pod 一起消失，不比容器更长');
  });
  it('joins after full-width punctuation', () => {
    expect(joinCjkBreaks('篇幅，\n不比')).toBe('篇幅，不比');
  });
  it('keeps breaks next to Latin text', () => {
    expect(joinCjkBreaks('emptyDir\n临时卷')).toBe('emptyDir\n临时卷');
    expect(joinCjkBreaks('临时卷\nemptyDir')).toBe('临时卷\nemptyDir');
  });
});
