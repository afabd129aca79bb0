import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { duplicateKeys } from '../../../src/grader/submission/duplicate-keys.ts';
import { YAML_OPTIONS } from '../../../src/grader/submission/yaml-options.ts';
import { problemsOfFiles } from './helpers.ts';

/** Duplicates of a text as "key@line>firstLine" (lines 1-based). */
function dups(text: string): string[] {
  const doc = parseDocument(text, YAML_OPTIONS);
  const line = (offset: number) => text.slice(0, offset).split('\n').length;
  return duplicateKeys(doc).map((d) => `${d.key}@${line(d.offset)}>${line(d.firstOffset)}`).sort();
}

describe('duplicateKeys', () => {
  it('finds repeated keys in block and flow mappings, at any depth, with the first occurrence', () => {
    expect(dups('a: 1\nb:\n  c: 1\n  c: 2\n  d: [{x: 1, x: 2}]\na: 3\n')).toEqual(['a@6>1', 'c@4>3', 'x@5>5']);
  });

  it('compares keys as yaml does: by typed value', () => {
    // 1 and 0x1 are the same number; 1 and "1" are not; yes and true are the same boolean.
    expect(dups('1: a\n0x1: b\n"1": c\nyes: d\ntrue: e\n')).toEqual(['1@2>1', 'true@5>4']);
  });

  it('lets merge keys repeat and leaves NaN keys alone, like yaml', () => {
    expect(dups('b: &b {x: 1}\nc: &c {y: 1}\nm:\n  <<: *b\n  <<: *c\n')).toEqual([]);
    expect(dups('.nan: 1\n.NaN: 2\n')).toEqual([]);
  });

  it('reports every repeat of a key against the first one', () => {
    expect(dups('k: 1\nk: 2\nk: 3\n')).toEqual(['k@2>1', 'k@3>1']);
  });

  it('is linear: 30 mappings of 1000 keys, all repeated, in well under a second', () => {
    const map = Array.from({ length: 1000 }, () => '  same: 1').join('\n');
    const text = Array.from({ length: 30 }, (_, i) => `m${i}:\n${map}`).join('\n');
    const doc = parseDocument(text, YAML_OPTIONS);
    const started = performance.now();
    expect(duplicateKeys(doc)).toHaveLength(30 * 999);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('lets the loader report a file full of repeated keys quickly, capped', async () => {
    // 15 mappings of 999 equal keys: about 200 KB, inside the file size limit.
    const map = Array.from({ length: 999 }, () => '    same: 1').join('\n');
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata:\n${Array.from({ length: 15 }, (_, i) => `  m${i}:\n${map}`).join('\n')}\n`;
    const started = performance.now();
    const { problems } = await problemsOfFiles({ 'cm.yaml': text });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(problems).toHaveLength(51);
    expect(problems.slice(0, 50).every((p) => p.code === 'yaml.duplicateKey')).toBe(true);
    expect(problems[0]!.message.en).toContain('the key "same" is already set earlier in the same mapping (line 6)');
    expect(problems[50]!.message.en).toContain(`${15 * 998 - 50} more problems`);
  });
});
