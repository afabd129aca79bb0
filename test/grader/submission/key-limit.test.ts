import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Parser, type CST } from 'yaml';
import { widestMapping } from '../../../src/grader/submission/key-limit.ts';
import { loadSubmission } from '../../../src/grader/submission/load.ts';
import { expectOk, expectProblem, loadFiles, problemsOfFiles, tempDir } from './helpers.ts';

/** The CST document tokens of a text. */
function cstDocs(text: string): CST.Document[] {
  return [...new Parser().parse(text)].filter((t): t is CST.Document => t.type === 'document');
}

const keys = (n: number, indent = '  ', prefix = 'k') => Array.from({ length: n }, (_, i) => `${indent}${prefix}${i}: 1`).join('\n');
const POD = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers: [{name: c, image: busybox:1.36}]\n${extra ? `${extra}\n` : ''}`;

describe('widestMapping', () => {
  it('finds the first block mapping over the limit and the first key past it', () => {
    const text = `a:\n${keys(3)}\nb:\n${keys(5)}\n`;
    const [doc] = cstDocs(text);
    const wide = widestMapping(doc!, 4)!;
    expect(wide.keys).toBe(5);
    expect(text.slice(wide.offset, wide.offset + 2)).toBe('k4');
    expect(widestMapping(doc!, 5)).toBeUndefined();
  });

  it('counts flow mappings (a trailing comma is not a key), nested ones too', () => {
    const [flat] = cstDocs('m: {a: 1, b: 2, c: 3,}\n');
    expect(widestMapping(flat!, 3)).toBeUndefined();
    expect(widestMapping(flat!, 2)?.keys).toBe(3);
    const text = 'list:\n- x: [1, 2, {p: 1, q: 2, r: 3}]\n';
    const [nested] = cstDocs(text);
    const wide = widestMapping(nested!, 2)!;
    expect(text.slice(wide.offset, wide.offset + 1)).toBe('r');
  });

  it('does not count list items as keys', () => {
    const [doc] = cstDocs(`l:\n${Array.from({ length: 50 }, (_, i) => `- ${i}`).join('\n')}\nf: [${Array.from({ length: 50 }, (_, i) => i).join(', ')}]\n`);
    expect(widestMapping(doc!, 2)).toBeUndefined();
  });

  it('reports the first wide mapping in reading order', () => {
    const text = `first:\n${keys(4, '  ', 'a')}\nsecond:\n${keys(6, '  ', 'b')}\n`;
    const wide = widestMapping(cstDocs(text)[0]!, 3)!;
    expect(wide.keys).toBe(4);
    expect(text.slice(wide.offset, wide.offset + 2)).toBe('a3');
  });
});

describe('limits.keys in the loader', () => {
  it('refuses a document with a mapping over the limit, at the first key past it, and reads the other documents', async () => {
    const file = [POD('ok'), POD('wide', keys(12)), POD('also-ok')].join('---\n');
    const { problems, dir } = await problemsOfFiles({ 'pods.yaml': file }, { maxKeys: 10 });
    // Document 2 starts on line 8; spec holds containers (line 13) and k0..k11 (lines 14-25), so
    // the 11th key, past the limit of 10, is k9 on line 23.
    expectProblem(problems, 'limits.keys', `${path.join(dir, 'pods.yaml')}:23:3`, ['has 13 keys', 'at most 10 keys in one mapping'], ['13 个键', '最多读取 10 个键']);
    expect(problems).toHaveLength(1);
  });

  it('skips the wide document cleanly: "..." end markers and later documents are unaffected', async () => {
    const file = `${POD('a')}...\n---\n${POD('b', keys(12))}...\n---\n${POD('c')}...\n`;
    const { problems } = await problemsOfFiles({ 'pods.yaml': file }, { maxKeys: 10 });
    expect(problems.map((p) => p.code)).toEqual(['limits.keys']);
    const t = tempDir();
    try {
      writeFileSync(path.join(t.dir, 'pods.yaml'), file.replace(`${keys(12)}\n`, ''));
      const ok = expectOk(await loadSubmission(t.dir, { maxKeys: 10 }));
      expect(ok.submission.objects.map((o) => o.object.metadata.name)).toEqual(['a', 'b', 'c']);
    } finally {
      t.cleanup();
    }
  });

  it('counts a refused document against the document budget', async () => {
    const file = [POD('wide', keys(12)), POD('a'), POD('b')].join('---\n');
    const { problems } = await problemsOfFiles({ 'pods.yaml': file }, { maxKeys: 10, maxDocuments: 2 });
    expect(problems.map((p) => p.code)).toEqual(['limits.keys', 'limits.documents']);
  });

  it('accepts a mapping of exactly the limit', async () => {
    const result = await loadFiles({ 'cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata:\n${keys(1000).replace(/: 1/g, ': "1"')}\n` });
    expect(result.ok).toBe(true);
  });

  it('refuses 4 files of 22 000 keys each quickly (yaml would spend minutes on its duplicate-key check)', async () => {
    const files = Object.fromEntries(Array.from({ length: 4 }, (_, f) => [`dyn-${f}.yaml`, POD(`dyn-${f}`, keys(22_000, '  ', 'x'))]));
    const started = performance.now();
    const { problems } = await problemsOfFiles(files);
    const ms = performance.now() - started;
    expect(problems.map((p) => p.code)).toEqual(['limits.keys', 'limits.keys', 'limits.keys', 'limits.keys']);
    expect(problems[0]!.message.en).toContain('has 22001 keys');
    expect(ms).toBeLessThan(6000);
  });
});
