/** Every YAML file under lessons/ and every ```yaml block in a lesson page parses as YAML 1.1. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const root = process.cwd();

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk(join(root, 'lessons'));
const yamlErrors = (text: string) => parseAllDocuments(text, { version: '1.1' }).flatMap((d) => ('errors' in d ? d.errors : []));

describe('YAML in lessons', () => {
  it.each(files.filter((f) => /\.ya?ml$/.test(f)).map((f) => relative(root, f)))('%s parses', (file) => {
    expect(yamlErrors(readFileSync(join(root, file), 'utf8')).map((e) => e.message)).toEqual([]);
  });

  it.each(files.filter((f) => f.endsWith('.mdx')).map((f) => relative(root, f)))('yaml blocks in %s parse', (file) => {
    const blocks = [...readFileSync(join(root, file), 'utf8').matchAll(/^```ya?ml[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]);
    for (const block of blocks) expect(yamlErrors(block).map((e) => e.message)).toEqual([]);
  });
});
