import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { makeLocator } from '../../../src/grader/submission/locator.ts';
import { YAML_OPTIONS } from '../../../src/grader/submission/yaml-options.ts';

function locatorOf(text: string) {
  const lc = new LineCounter();
  return makeLocator(parseDocument(text, { ...YAML_OPTIONS, lineCounter: lc }), lc, 'f.yaml');
}

const at = (p: { line: number; col: number }) => `${p.line}:${p.col}`;

describe('Locator', () => {
  it('finds keys in a wide mapping by index, numbers and strings alike', () => {
    const text = `m:\n${Array.from({ length: 900 }, (_, i) => `  k${i}: v${i}`).join('\n')}\n  7: seven\n`;
    const loc = locatorOf(text);
    expect(at(loc.keyAt(['m', 'k0']))).toBe('2:3');
    expect(at(loc.keyAt(['m', 'k899']))).toBe('901:3');
    expect(at(loc.valueAt(['m', 'k450']))).toBe('452:9');
    expect(at(loc.keyAt(['m', 7]))).toBe('902:3');
    expect(loc.sourceText(['m', 'k12'])).toBe('v12');
    // Missing key: the deepest node that exists.
    expect(at(loc.keyAt(['m', 'nope']))).toBe('1:1');
  });

  it('answers 20 000 lookups in a 10 000-key mapping quickly (one index, not a scan per lookup)', () => {
    const loc = locatorOf(`m:\n${Array.from({ length: 10_000 }, (_, i) => `  k${i}: 1`).join('\n')}\n`);
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) loc.keyAt(['m', `k${(i * 7) % 10_000}`]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('does not mistake Object.prototype names for keys', () => {
    const loc = locatorOf('a:\n  b: 1\n');
    expect(at(loc.keyAt(['a', 'constructor']))).toBe('1:1');
    expect(at(loc.keyAt(['a', '__proto__']))).toBe('1:1');
  });
});
