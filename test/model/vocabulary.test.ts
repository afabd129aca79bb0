/**
 * Layering holds (issue 23 item 6): the model owns its vocabulary (src/model/vocabulary.ts) and
 * imports nothing from the grader, and the playground's modules import each other without a
 * cycle. Imports are read with TypeScript's own pre-processor (type-only, re-exports, dynamic
 * import() and multi-line imports included; comments ignored), so a failure names file:line.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ApplyError as ClusterApplyError, ExecError as ClusterExecError } from '../../src/grader/cluster/cluster.ts';
import { ModelExecError, NotModelledError, InvalidObjectError } from '../../src/model/index.ts';
import { ApplyError, ExecError } from '../../src/model/vocabulary.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');
const rel = (p: string) => relative(ROOT, p).split(sep).join('/');
const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + sep);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.m?ts$/.test(p) ? [p] : [];
  });
}

interface Import {
  /** The specifier as written. */
  spec: string;
  /** 1-based line of the specifier. */
  line: number;
  /** Absolute path it points at (relative or `~/` specifiers), undefined for packages. */
  target?: string;
}

/** Every import / re-export / dynamic import() of a module's source text. */
function importsOf(code: string, file: string): Import[] {
  return ts.preProcessFile(code, true, true).importedFiles.map(({ fileName: spec, pos }) => {
    const line = code.slice(0, pos).split('\n').length;
    const target = spec.startsWith('.') ? resolve(dirname(file), spec) : spec.startsWith('~/') ? join(SRC, spec.slice(2)) : undefined;
    return { spec, line, target };
  });
}

/** `file:line imports spec` for each import of a file under `from` that reaches into `forbidden`. */
function crossings(from: string, forbidden: string): string[] {
  return files(from).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8'), file)
      .filter((i) => (i.target ? inside(i.target, forbidden) : /(^|\/)grader(\/|$)/.test(i.spec)))
      .map((i) => `${rel(file)}:${i.line} imports ${i.spec}`),
  );
}

/** The import graph of the modules under dir (type-only edges count: they are still a cycle). */
function graphOf(dir: string): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of files(dir)) {
    const to = importsOf(readFileSync(file, 'utf8'), file)
      .map((i) => i.target)
      .filter((t): t is string => !!t && inside(t, dir));
    edges.set(rel(file), [...new Set(to.map(rel))].sort());
  }
  return edges;
}

/** Each cycle a depth-first walk of the graph meets, as `a -> b -> a`. */
function cyclesIn(edges: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      found.push([...path.slice(path.indexOf(node)), node].join(' -> '));
      return;
    }
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of [...edges.keys()].sort()) visit(node, []);
  return found;
}

describe('the import scanner', () => {
  it('sees type-only, multi-line, re-exported and dynamic imports, with their lines', () => {
    const file = join(SRC, 'model', 'x.ts');
    const code = [
      "import type { K8sObject } from '../grader/cluster/cluster.ts';",
      '// import { not } from "../grader/commented-out.ts";',
      'import {',
      '  A,',
      "} from './a.ts';",
      "export { B } from '~/grader/b.ts';",
      "const c = await import('../playground/c.ts');",
    ].join('\n');
    expect(importsOf(code, file).map((i) => [i.spec, i.line, i.target && rel(i.target)])).toEqual([
      ['../grader/cluster/cluster.ts', 1, 'src/grader/cluster/cluster.ts'],
      ['./a.ts', 5, 'src/model/a.ts'],
      ['~/grader/b.ts', 6, 'src/grader/b.ts'],
      ['../playground/c.ts', 7, 'src/playground/c.ts'],
    ]);
  });
});

describe('the model owns its vocabulary', () => {
  it('no module under src/model imports from src/grader', () => {
    expect(files(join(SRC, 'model')).length).toBeGreaterThan(20);
    expect(crossings(join(SRC, 'model'), join(SRC, 'grader'))).toEqual([]);
  });

  it("the grader's ApplyError and ExecError are the model's classes (instanceof holds across both)", () => {
    expect(ClusterApplyError).toBe(ApplyError);
    expect(ClusterExecError).toBe(ExecError);
    const named = { kind: 'Pod', name: 'p' };
    const msg = { en: 'm', 'zh-cn': 'm' };
    expect(new NotModelledError(msg, named)).toBeInstanceOf(ClusterApplyError);
    expect(new InvalidObjectError(msg, named)).toBeInstanceOf(ClusterApplyError);
    expect(new ModelExecError(msg)).toBeInstanceOf(ClusterExecError);
  });
});

describe('src/playground has no import cycle', () => {
  const edges = graphOf(join(SRC, 'playground'));
  it('reads the playground graph (element -> actions -> render)', () => {
    expect(edges.get('src/playground/element.ts')).toContain('src/playground/actions.ts');
    expect(edges.get('src/playground/actions.ts')).toContain('src/playground/render.ts');
  });
  it('finds no cycle', () => expect(cyclesIn(edges)).toEqual([]));
  it('the cycle finder finds one when there is one (the old actions <-> render pair)', () => {
    const old = new Map(edges).set('src/playground/render.ts', ['src/playground/actions.ts']);
    expect(cyclesIn(old)).toEqual(['src/playground/actions.ts -> src/playground/render.ts -> src/playground/actions.ts']);
  });
});
