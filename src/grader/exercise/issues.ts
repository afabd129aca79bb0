/**
 * Turns zod issues about exercise.yaml into bilingual messages that say what to fix, and finds
 * the line each one points at in the YAML document.
 */
import type { z } from 'zod';
import { isMap, isPair, isScalar, type Document, type LineCounter } from 'yaml';
import type { Localized } from '../../i18n/lang.ts';
import { EXERCISE_FIELDS } from './schema.ts';

/** One problem in an exercise.yaml, ready to print. */
export interface ExerciseIssue {
  /** Dotted field path, e.g. "title.zh-cn" or "files[1]"; "" for the whole file. */
  path: string;
  message: Localized;
  line?: number;
  col?: number;
}

/** What each top-level field should hold, appended to every message about it. */
const FIELD_HELP: Record<string, Localized> = {
  schemaVersion: { en: 'write `schemaVersion: 1`', 'zh-cn': '请写 `schemaVersion: 1`' },
  id: { en: 'write lesson-<folder number>, e.g. `id: lesson-3` in lessons/03-nfs', 'zh-cn': '请写 lesson-<目录编号>，例如 lessons/03-nfs 里写 `id: lesson-3`' },
  title: { en: 'a one-line title in both languages: `{ en: "...", zh-cn: "..." }`', 'zh-cn': '两种语言的单行标题：`{ en: "...", zh-cn: "..." }`' },
  summary: { en: 'one line in both languages: `{ en: "...", zh-cn: "..." }`', 'zh-cn': '两种语言各一行：`{ en: "...", zh-cn: "..." }`' },
  task: { en: 'the task as Markdown in both languages: `{ en: "...", zh-cn: "..." }`', 'zh-cn': '两种语言的任务说明（Markdown）：`{ en: "...", zh-cn: "..." }`' },
  files: { en: 'a list of starter file names in starter/, e.g. `files: [cache-pod.yaml]`', 'zh-cn': 'starter/ 中起始文件名的列表，例如 `files: [cache-pod.yaml]`' },
  hints: { en: 'a list of hints, each `{ en: "...", zh-cn: "..." }`', 'zh-cn': '提示列表，每条都是 `{ en: "...", zh-cn: "..." }`' },
  minutes: { en: 'a whole number of minutes between 1 and 240, e.g. `minutes: 20`', 'zh-cn': '1 到 240 之间的整数分钟数，例如 `minutes: 20`' },
};

/** zod's expected-type names in words. */
const TYPE_WORDS: Record<string, Localized> = {
  object: { en: 'a mapping (key: value lines)', 'zh-cn': '映射（key: value 形式）' },
  array: { en: 'a list', 'zh-cn': '列表' },
  string: { en: 'a text', 'zh-cn': '字符串' },
  number: { en: 'a number', 'zh-cn': '数字' },
  int: { en: 'a whole number', 'zh-cn': '整数' },
};

/** Messages for the schema's own rule codes (the `message` of custom and regex rules). */
const RULES: Record<string, Localized> = {
  'exercise.oneLine': { en: 'must be a single line', 'zh-cn': '必须只有一行' },
  'exercise.fileName': { en: 'must be a plain file name ending in .yaml or .yml (no folders)', 'zh-cn': '必须是以 .yaml 或 .yml 结尾的文件名（不带目录）' },
  'exercise.idFormat': { en: 'must look like lesson-<number>', 'zh-cn': '格式必须是 lesson-<编号>' },
  'exercise.duplicateFile': { en: 'is listed twice', 'zh-cn': '重复列出了' },
};

/** "files[1]" style path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** Levenshtein distance, small inputs only. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The closest known key, if it is close enough to be a typo. */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase().replace(/_/g, '-');
  const best = known.map((k) => ({ k, d: distance(lower, k.toLowerCase()) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? best.k : undefined;
}

function both(en: string, zh: string): Localized {
  return { en, 'zh-cn': zh };
}

/** The bilingual message for one zod issue. */
export function issueMessage(issue: z.core.$ZodIssue, input: unknown): Localized {
  const path = formatPath(issue.path);
  const where = path || 'exercise.yaml';
  const help = FIELD_HELP[String(issue.path[0] ?? '')];
  const withHelp = (m: Localized): Localized =>
    help ? both(`${m.en}; ${help.en}`, `${m['zh-cn']}；${help['zh-cn']}`) : m;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = issue.path.length === 0 ? (EXERCISE_FIELDS as string[]) : ['en', 'zh-cn'];
      const parts = issue.keys.map((k) => {
        const guess = didYouMean(k, known);
        return guess ? { en: `"${k}" (did you mean "${guess}"?)`, zh: `“${k}”（是不是想写“${guess}”？）` } : { en: `"${k}"`, zh: `“${k}”` };
      });
      return both(
        `${where}: unknown field ${parts.map((p) => p.en).join(', ')}; allowed: ${known.join(', ')}`,
        `${where}：未知字段 ${parts.map((p) => p.zh).join('、')}；可用字段：${known.join(', ')}`,
      );
    }
    case 'invalid_type': {
      if (valueAt(input, issue.path) === undefined) return withHelp(both(`${where} is missing`, `缺少 ${where}`));
      const type = TYPE_WORDS[issue.expected] ?? both(issue.expected, issue.expected);
      return withHelp(both(`${where} should be ${type.en}`, `${where} 应该是${type['zh-cn']}`));
    }
    case 'invalid_value':
      return withHelp(both(`${where} has an unsupported value`, `${where} 的取值不受支持`));
    case 'too_small':
      if (issue.origin === 'string') return withHelp(both(`${where} must not be empty`, `${where} 不能为空`));
      if (issue.origin === 'array') return withHelp(both(`${where} needs at least ${issue.minimum} item(s)`, `${where} 至少需要 ${issue.minimum} 项`));
      return withHelp(both(`${where} is too small`, `${where} 太小`));
    case 'too_big':
      return withHelp(both(`${where} is too large`, `${where} 太大`));
    default: {
      const rule = RULES[issue.message];
      if (rule) return withHelp(both(`${where} ${rule.en}`, `${where} ${rule['zh-cn']}`));
      return withHelp(both(`${where}: ${issue.message}`, `${where}：${issue.message}`));
    }
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

type Ranged = { range?: [number, number, number] | null };

/** The key scalar of `key` in a YAML map node, if present. */
function keyNode(map: unknown, key: PropertyKey): Ranged | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

/**
 * Line and column (1-based) of the node at path; of the key when `key` is given (an unknown
 * field) or when the value is empty; else of the deepest ancestor that exists.
 */
export function positionOf(
  doc: Document,
  lines: LineCounter,
  path: readonly PropertyKey[],
  key?: string,
): { line: number; col: number } | undefined {
  let node: unknown = doc.contents;
  let offset = (node as Ranged | null)?.range?.[0];
  for (const step of path) {
    const next = (node as { get?: (k: unknown, keep: boolean) => unknown } | null)?.get?.(step, true) as Ranged | undefined;
    const fallback = next?.range ? next : keyNode(node, step);
    if (fallback?.range) offset = fallback.range[0];
    if (!next) break;
    node = next;
  }
  if (key !== undefined) {
    const k = keyNode(node, key);
    if (k?.range) offset = k.range[0];
  }
  if (offset === undefined) return undefined;
  const pos = lines.linePos(offset);
  return { line: pos.line, col: pos.col };
}
