/**
 * A zh-cn page shows a lesson manifest with Chinese comments (src/site/manifest-comments.ts): every
 * comment of every lesson manifest has its Chinese text, no entry is left over, and the translated
 * text is the same YAML (objects and lines) as the file, so what a zh-cn reader copies applies as
 * the English file does and the pages' line marks still fall on the same lines.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { commentsOf, commentsWithoutTranslation, commentTablePath, parseCommentTable, translateComments } from '../../src/site/manifest-comments.ts';
import { ROOT } from '../graders/harness.ts';

const objects = (text: string) => parseAllDocuments(text).map((d) => d.toJS());

describe('translateComments', () => {
  const text = [
    '# A Pod.',
    'metadata:',
    '  name: demo        # its name',
    '  annotations:',
    '    note: "a # in a string"',
    'data:',
    '  script: |',
    '    # a shell comment, part of the value',
    '    echo hi',
    '#   indented text',
    '',
  ].join('\n');
  const table = { 'A Pod.': '一个 Pod。', 'its name': '它的名字', 'indented text': '缩进的文字', 'a shell comment, part of the value': '不应出现' };

  it('replaces the comments the table has, keeping their place on the line and every other byte', () => {
    const out = translateComments(text, table);
    expect(out.split('\n')).toEqual([
      '# 一个 Pod。',
      'metadata:',
      '  name: demo        # 它的名字',
      '  annotations:',
      '    note: "a # in a string"',
      'data:',
      '  script: |',
      '    # a shell comment, part of the value',
      '    echo hi',
      '#   缩进的文字',
      '',
    ]);
    expect(objects(out)).toEqual(objects(text));
  });

  it('leaves a comment the table lacks, and names it', () => {
    expect(translateComments(text, {})).toBe(text);
    expect(commentsWithoutTranslation(text, { 'A Pod.': 'x' })).toEqual(['its name', 'indented text']);
    expect(commentsOf(text)).not.toContain('a shell comment, part of the value');
  });

  it('refuses a table entry without Chinese text, with file:line', () => {
    expect(() => parseCommentTable('# header\n"A Pod.": 一个 Pod。\nits name: ""\n', 'x.yaml')).toThrow('x.yaml:3: "its name" needs its Chinese text');
    expect(() => parseCommentTable('- a\n- b\n', 'x.yaml')).toThrow('x.yaml:1:');
    expect(() => parseCommentTable('a: x\na: y\n', 'x.yaml')).toThrow(/^x\.yaml:2:/);
  });
});

describe('every lesson manifest on a zh-cn page', () => {
  const lessons = readdirSync(join(ROOT, 'lessons')).filter((l) => existsSync(join(ROOT, 'lessons', l, 'manifests')));

  it.each(lessons)('%s: each comment has its Chinese text, none is left over, and the YAML is unchanged', (lesson) => {
    const tableFile = commentTablePath(lesson);
    const table = parseCommentTable(readFileSync(join(ROOT, tableFile), 'utf8'), tableFile);
    const used = new Set<string>();
    const dir = join(ROOT, 'lessons', lesson, 'manifests');
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(commentsWithoutTranslation(text, table), `${lesson}/manifests/${file}`).toEqual([]);
      for (const c of commentsOf(text)) used.add(c);
      const zh = translateComments(text, table);
      expect(objects(zh), file).toEqual(objects(text));
      expect(zh.split('\n').length, file).toBe(text.split('\n').length);
    }
    expect(Object.keys(table).filter((k) => !used.has(k)), `${tableFile}: entries no manifest has`).toEqual([]);
    for (const [en, zh] of Object.entries(table)) expect(zh, `${tableFile}: "${en}"`).toMatch(/[\u4e00-\u9fff]/);
  });
});
