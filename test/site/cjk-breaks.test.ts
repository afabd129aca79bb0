import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { describe, expect, it } from 'vitest';
import { cjkBreaksPlugin, joinCjkBreaks } from '../../src/site/cjk-breaks.ts';

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

describe('cjkBreaksPlugin in the Sätteri pipeline', () => {
  it('joins Chinese lines in text and leaves code blocks alone', async () => {
    const md = await createSatteriMarkdownProcessor({ mdastPlugins: [cjkBreaksPlugin], syntaxHighlight: false });
    const { code } = await md.render('篇幅，\n不比 emptyDir\n临时卷\n\n```\n卷\n卷\n```\n');
    expect(code).toContain('<p>篇幅，不比 emptyDir\n临时卷</p>');
    expect(code).toMatch(/<code>卷\n卷\n<\/code>/);
  });
});
