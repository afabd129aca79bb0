/**
 * Parses one file's text into YAML documents the way kubectl reads them (YAML 1.1: `yes` is a
 * boolean, `0644` is octal, `<<` merges, `E1` is text; see yaml-options.ts), within limits:
 * documents stop being read past the budget, a mapping with too many keys stops its document
 * before yaml builds it, aliases are capped (billion laughs), nesting depth is capped. Each
 * document keeps a Locator so later problems can point at file:line:col.
 */
import { Composer, isScalar, LineCounter, Parser, visit, type Document } from 'yaml';
import type { SourcePos } from '../cluster/cluster.ts';
import type { Problem } from '../report/model.ts';
import { widestMapping, type WideMapping } from './key-limit.ts';
import type { Limits } from './limits.ts';
import { makeLocator, type Locator } from './locator.ts';
import { problem } from './problem.ts';
import { YAML_OPTIONS } from './yaml-options.ts';
import { yamlErrorProblems } from './yaml-errors.ts';

export interface ParsedDoc {
  /** Plain JSON-like value of the document. */
  value: unknown;
  locator: Locator;
}

export interface ParseOutcome {
  docs: ParsedDoc[];
  problems: Problem[];
  /** Documents seen in this file, empty ones included. */
  documents: number;
  /** True when the document budget ran out in this file (the rest was not read). */
  overBudget: boolean;
}

/** A composed document, or a document refused before composing because a mapping is too wide. */
type Composed = { doc: Document.Parsed } | { wide: WideMapping };

/**
 * The file's documents in order. A document with a mapping over `maxKeys` entries is never
 * composed (see key-limit.ts): the document before it is flushed, it becomes `wide`, and its
 * `...` end marker is skipped so the Composer does not complain about a lone end marker.
 */
function* composeWithinLimits(text: string, lc: LineCounter, maxKeys: number): Generator<Composed> {
  const composer = new Composer(YAML_OPTIONS);
  let skipping = false;
  for (const token of new Parser(lc.addNewLine).parse(text)) {
    if (token.type === 'document') {
      const wide = widestMapping(token, maxKeys);
      skipping = wide !== undefined;
      if (wide) {
        for (const doc of composer.end()) yield { doc };
        yield { wide };
        continue;
      }
    } else if (skipping && token.type === 'doc-end') {
      continue;
    }
    for (const doc of composer.next(token)) yield { doc };
  }
  for (const doc of composer.end()) yield { doc };
}

/** Parses `text` (already decoded, BOM removed); reads at most `budget` documents. */
export function parseYamlFile(text: string, file: string, limits: Limits, budget: number): ParseOutcome {
  const out: ParseOutcome = { docs: [], problems: [], documents: 0, overBudget: false };
  const lc = new LineCounter();
  for (const composed of composeWithinLimits(text, lc, limits.maxKeys)) {
    out.documents++;
    if (out.documents > budget) {
      out.overBudget = true;
      const offset = 'doc' in composed ? (composed.doc.contents?.range?.[0] ?? composed.doc.range[0]) : composed.wide.offset;
      out.problems.push(
        problem(
          'limits.documents',
          {
            en: `too many YAML documents: the grader reads at most ${limits.maxDocuments} in all files together, and this one is past that limit. A course answer has a handful of objects`,
            'zh-cn': `YAML 文档太多：评分程序在所有文件中总共最多读取 ${limits.maxDocuments} 个，这一个已超出上限。课程答案通常只有几个对象`,
          },
          { file, ...lc.linePos(offset) },
        ),
      );
      break;
    }
    if ('wide' in composed) {
      out.problems.push(keysProblem(composed.wide, limits.maxKeys, { file, ...lc.linePos(composed.wide.offset) }));
      continue;
    }
    const parsed = readDocument(composed.doc, lc, file, limits);
    if ('problems' in parsed) out.problems.push(...parsed.problems);
    else if (parsed.doc) out.docs.push(parsed.doc);
  }
  return out;
}

function keysProblem(wide: WideMapping, max: number, at: SourcePos): Problem {
  return problem('limits.keys', {
    en: `a mapping in this document has ${wide.keys} keys; the grader reads at most ${max} keys in one mapping, and this key is past that limit, so the document is not read. A Kubernetes object never needs that many`,
    'zh-cn': `这个文档中的一个映射有 ${wide.keys} 个键；评分程序在一个映射中最多读取 ${max} 个键，这个键已超出上限，因此不读取这个文档。Kubernetes 对象从来不需要这么多键`,
  }, at);
}

/** One document: its problems, or its value (undefined for an empty document). */
function readDocument(doc: Document.Parsed, lc: LineCounter, file: string, limits: Limits): { problems: Problem[] } | { doc?: ParsedDoc } {
  const errors = yamlErrorProblems(doc, doc.errors, lc, file);
  if (errors.length > 0) return { problems: errors };
  if (doc.contents === null) return {};
  const locator = makeLocator(doc, lc, file);
  const complexKey = findComplexKey(doc);
  if (complexKey !== undefined) {
    return {
      problems: [
        problem('yaml.complexKey', {
          en: 'a key here is a list or a mapping; Kubernetes keys are plain names. Check the indentation and the "- " and ":" on this line',
          'zh-cn': '这里的键是一个列表或映射，而 Kubernetes 的键只能是普通名称。请检查这一行的缩进以及 "- " 和 ":"',
        }, { file, ...lc.linePos(complexKey) }),
      ],
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (err) {
    return { problems: [aliasProblem(doc, err, lc, file)] };
  }
  if (tooDeep(value, limits.maxDepth)) {
    return {
      problems: [
        problem('limits.depth', {
          en: `this document is nested more than ${limits.maxDepth} levels deep; a Kubernetes manifest never is. Check the indentation`,
          'zh-cn': `这个文档嵌套超过 ${limits.maxDepth} 层，而 Kubernetes 清单不会这么深。请检查缩进`,
        }, locator.pos),
      ],
    };
  }
  // A document with only comments (or a trailing ---) is empty; kubectl skips those too.
  if (value === null || value === undefined) return {};
  return { doc: { value, locator } };
}

/** Offset of the first key that is not a scalar (`? [a, b]: c`), which toJS can only stringify. */
function findComplexKey(doc: Document.Parsed): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as { range?: [number, number, number] } | null;
      const plain = isScalar(key) && (key.value === null || typeof key.value !== 'object');
      if (key !== null && !plain) {
        found = key.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** toJS failed: too many aliases (a YAML bomb), an alias to an unknown anchor, or something else. */
function aliasProblem(doc: Document.Parsed, err: unknown, lc: LineCounter, file: string): Problem {
  const message = err instanceof Error ? err.message : String(err);
  let alias: { offset: number; name: string } | undefined;
  const wanted = /Unresolved alias[^:]*: (.*)$/.exec(message)?.[1];
  visit(doc, {
    Alias(_, node) {
      if (wanted === undefined || node.source === wanted) {
        alias = { offset: node.range?.[0] ?? 0, name: node.source };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const at = { file, ...lc.linePos(alias?.offset ?? doc.range[0]) };
  if (wanted !== undefined) {
    return problem('yaml.unknownAnchor', {
      en: `*${wanted} refers to an anchor &${wanted} that is not defined above it. Define &${wanted} first, or write the value out`,
      'zh-cn': `*${wanted} 引用的锚点 &${wanted} 没有在它之前定义。请先定义 &${wanted}，或者直接写出这个值`,
    }, at);
  }
  if (/alias/i.test(message)) {
    return problem('yaml.aliases', {
      en: 'this document expands YAML aliases (*name) too many times, which looks like a "billion laughs" attack. Write the values out instead of using anchors and aliases',
      'zh-cn': '这个文档展开 YAML 别名（*name）的次数太多，看起来像 “billion laughs” 攻击。请直接写出这些值，不要使用锚点和别名',
    }, at);
  }
  return problem('yaml.syntax', {
    en: `YAML cannot turn this document into data (${message})`,
    'zh-cn': `YAML 无法把这个文档转换成数据（解析器：${message}）`,
  }, at);
}

/** True when value nests mappings/lists deeper than max (iterative: no stack overflow). */
export function tooDeep(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
