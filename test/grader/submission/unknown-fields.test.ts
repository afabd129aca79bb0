import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { makeLocator } from '../../../src/grader/submission/locator.ts';
import { unknownFieldProblems } from '../../../src/grader/submission/unknown-fields.ts';
import { YAML_OPTIONS } from '../../../src/grader/submission/yaml-options.ts';
import { problemsOfFiles, where } from './helpers.ts';

/** A Locator for `text` as file f.yaml. */
function locatorOf(text: string) {
  const lc = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: lc });
  return makeLocator(doc, lc, 'f.yaml');
}

describe('unknownFieldProblems', () => {
  const loc = locatorOf('spec:\n  zeta: 1\n  alpha: 2\n  contaners: 3\n');
  // In the order a reader might list them, not the file's order.
  const fields = [
    { parent: ['spec'], field: 'contaners', known: ['containers', 'volumes'] },
    { parent: ['spec'], field: 'alpha', known: ['containers', 'volumes'] },
    { parent: ['spec'], field: 'zeta', known: ['containers', 'volumes'] },
  ];

  it('builds one problem per field, in file order, with did-you-mean', () => {
    const { problems, hidden } = unknownFieldProblems(fields, loc);
    expect(hidden).toBe(0);
    expect(problems.map(where)).toEqual(['f.yaml:2:3', 'f.yaml:3:3', 'f.yaml:4:3']);
    expect(problems[2]!.message.en).toBe('unknown field "contaners" in spec (did you mean "containers"?)');
    expect(problems[2]!.message['zh-cn']).toBe('spec 中有未知字段 "contaners"（你是不是想写 "containers"？）');
  });

  it('builds only the first max (by position) and counts the rest', () => {
    const { problems, hidden } = unknownFieldProblems(fields, loc, 2);
    expect(problems.map(where)).toEqual(['f.yaml:2:3', 'f.yaml:3:3']);
    expect(hidden).toBe(1);
    expect(unknownFieldProblems(fields, loc, 0)).toEqual({ problems: [], hidden: 3 });
  });
});

describe('unknown fields through the loader', () => {
  it('shows the first 50 problems of all files and counts every other one', async () => {
    const pod = (name: string, n: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers: [{name: c, image: busybox:1.36}]\n${Array.from({ length: n }, (_, i) => `  x${i}: 1`).join('\n')}\n`;
    const { problems, dir } = await problemsOfFiles({ 'a.yaml': pod('a', 30), 'b.yaml': pod('b', 70) });
    expect(problems).toHaveLength(51);
    expect(problems.slice(0, 30).every((p) => p.at?.file === path.join(dir, 'a.yaml'))).toBe(true);
    expect(problems.slice(30, 50).map((p) => p.at?.line)).toEqual(Array.from({ length: 20 }, (_, i) => 7 + i));
    expect(problems[50]!.code).toBe('limits.problems');
    expect(problems[50]!.message.en).toContain('50 more problems');
  });

  // The worst case inside the limits (1 MiB, 1000 keys per mapping); it took about 11 s when every
  // field was located by a scan and got a did-you-mean, and takes about 2-3 s now.
  it('handles 100 documents of 990 unknown fields each in a few seconds', async () => {
    const doc = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers: [{name: c, image: busybox:1.36}]\n${Array.from({ length: 990 }, (_, k) => `  x${k}: 1`).join('\n')}\n`;
    const files = Object.fromEntries(Array.from({ length: 4 }, (_, f) => [`f${f}.yaml`, Array.from({ length: 25 }, (_, d) => doc(f * 25 + d)).join('---\n')]));
    const started = performance.now();
    const { problems } = await problemsOfFiles(files);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(problems.at(-1)!.message.en).toContain(`${100 * 990 - 50} more problems`);
  });
});
