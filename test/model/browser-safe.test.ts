/** The model must also run in the browser: no Node-only APIs anywhere under src/model. */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../src/model');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('src/model is browser-safe', () => {
  const all = files(ROOT);
  it('has modules to check', () => expect(all.length).toBeGreaterThan(20));
  for (const file of all) {
    it(file.slice(ROOT.length + 1), () => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code).not.toMatch(/from ['"]node:|require\(|\bprocess\.|\bBuffer\b|__dirname|import\.meta\.dirname|\bDate\.now\(|\bMath\.random\(|\bsetTimeout\(|\bperformance\./);
      for (const m of code.matchAll(/from ['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        expect(spec.startsWith('.'), `${spec} must be a relative import`).toBe(true);
        expect(spec.endsWith('.ts'), `${spec} must end in .ts`).toBe(true);
        // The model's one way out of src/model: the language type (its vocabulary is its own: vocabulary.ts).
        if (spec.includes('/grader/') || spec.includes('/i18n/')) expect(['../i18n/lang.ts', '../../i18n/lang.ts']).toContain(spec);
      }
    });
  }
  it('imports of src/i18n/lang.ts are type-only (its detectLang reads process.env)', () => {
    for (const file of all) {
      for (const line of readFileSync(file, 'utf8').split('\n')) if (line.includes("i18n/lang.ts'")) expect(line).toMatch(/^import type /);
    }
  });
});
