/**
 * Turns the `yaml` library's parse errors into Problems with plain-language hints in both
 * languages. Per document: one error (a tab first, because a tab causes a cascade of follow-up
 * errors), plus every duplicate key (found by duplicate-keys.ts: yaml's own check is off).
 * Positions come from the file's LineCounter (1-based).
 */
import { visit, type Document, type LineCounter, type YAMLError } from 'yaml';
import type { SourcePos } from '../cluster/cluster.ts';
import type { Problem } from '../report/model.ts';
import { duplicateKeys, type DuplicateKey } from './duplicate-keys.ts';
import { problem } from './problem.ts';

/** Problems for one document's parse errors and repeated keys (empty when it has none). */
export function yamlErrorProblems(doc: Document.Parsed, errors: YAMLError[], lc: LineCounter, file: string): Problem[] {
  const pos = (offset: number): SourcePos => ({ file, ...lc.linePos(offset) });
  const others = errors.filter((e) => e.code !== 'DUPLICATE_KEY');
  const main = others.find((e) => e.code === 'TAB_AS_INDENT') ?? others[0];
  const out: Problem[] = [];
  if (main) out.push(mainProblem(doc, main, pos));
  for (const dup of duplicateKeys(doc)) out.push(duplicateProblem(dup, pos));
  return out;
}

function mainProblem(doc: Document.Parsed, err: YAMLError, pos: (offset: number) => SourcePos): Problem {
  const at = pos(err.pos[0]);
  const detail = err.message;
  switch (err.code) {
    case 'TAB_AS_INDENT':
      return problem('yaml.tab', {
        en: 'a tab is used for indentation here, but YAML allows only spaces. Replace the tab with spaces (and set your editor to indent with spaces)',
        'zh-cn': '这里用了制表符（Tab）缩进，而 YAML 只允许用空格缩进。请把 Tab 换成空格（并把编辑器设置为用空格缩进）',
      }, at);
    case 'BAD_INDENT':
      return problem('yaml.indent', {
        en: `this line is not lined up with the lines it belongs to (${detail}). Keys of one mapping must start in the same column, and so must the "- " of list items`,
        'zh-cn': `这一行没有和同一层的其他行对齐（解析器：${detail}）。同一个映射里的键必须从同一列开始，列表项的 "- " 也一样`,
      }, at);
    case 'RESOURCE_EXHAUSTION':
      return problem('limits.depth', {
        en: 'this document is nested too deeply to be read; a Kubernetes manifest is never nested this deep',
        'zh-cn': '这个文档嵌套太深，无法读取；Kubernetes 清单不会嵌套这么多层',
      }, at);
    case 'MISSING_CHAR':
      if (/closing .?quote/.test(detail)) return unclosedQuote(doc, err, pos);
      if (detail.startsWith('Sequence item without')) {
        return problem('yaml.indent', {
          en: 'this line is indented like a list item but has no "- " in front. Add "- " or line it up with the key above',
          'zh-cn': '这一行的缩进像列表项，但前面没有 "- "。请加上 "- "，或者让它和上面的键对齐',
        }, at);
      }
      if (detail.startsWith('Implicit map keys need to be followed by map values')) {
        return problem('yaml.missingColon', {
          en: 'this line is not "key: value": a colon and a space are missing after the key (or the line is indented wrongly)',
          'zh-cn': '这一行不是 "键: 值" 的形式：键后面缺少冒号和空格（或者这一行缩进不对）',
        }, at);
      }
      break;
    case 'MULTILINE_IMPLICIT_KEY':
      return problem('yaml.missingColon', {
        en: 'this line is not "key: value": a colon and a space are missing after the key, so YAML reads the next lines as part of it',
        'zh-cn': '这一行不是 "键: 值" 的形式：键后面缺少冒号和空格，所以 YAML 把后面几行也当成了这个键的一部分',
      }, at);
    case 'BLOCK_AS_IMPLICIT_KEY':
      return problem('yaml.syntax', {
        en: `YAML cannot read this line (${detail}). A value that contains ": " must be in quotes, and a nested mapping goes on its own, more indented line`,
        'zh-cn': `YAML 无法读取这一行（解析器：${detail}）。含有 ": " 的值必须加引号；嵌套的映射要另起一行并多缩进一层`,
      }, at);
    case 'UNEXPECTED_TOKEN':
      if (detail.endsWith('at node end')) {
        return problem('yaml.syntax', {
          en: `YAML found more text after the end of a value here (${detail}). Put each "key: value" on its own line, and nothing after a closing quote or bracket`,
          'zh-cn': `YAML 在一个值结束之后又读到了内容（解析器：${detail}）。每个 "键: 值" 要单独占一行，结尾的引号或括号后面不能再有内容`,
        }, at);
      }
      break;
    default:
      break;
  }
  if (/^Missing ,/.test(detail)) {
    return problem('yaml.syntax', {
      en: `items inside [ ] or { } must be separated by commas (${detail})`,
      'zh-cn': `[ ] 或 { } 中的各项必须用逗号分隔（解析器：${detail}）`,
    }, at);
  }
  return problem('yaml.syntax', {
    en: `YAML syntax error: ${detail}. Check the indentation, colons and quotes on this line and the line above`,
    'zh-cn': `YAML 语法错误（解析器：${detail}）。请检查这一行和上一行的缩进、冒号和引号`,
  }, at);
}

/** Points at the opening quote of the string that never ends, not at the end of the file. */
function unclosedQuote(doc: Document.Parsed, err: YAMLError, pos: (offset: number) => SourcePos): Problem {
  let start = err.pos[0];
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range?.[1] === err.pos[0]) {
        start = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const q = err.message.includes('"') ? '"' : "'";
  return problem('yaml.unclosedQuote', {
    en: `the string that starts here with ${q} is never closed, so everything up to the end of the file became part of it. Add the closing ${q}`,
    'zh-cn': `从这里以 ${q} 开始的字符串没有结束，结果直到文件末尾的内容都被当成了它的一部分。请补上结尾的 ${q}`,
  }, pos(start));
}

/** Names the repeated key and the line where it was first set. */
function duplicateProblem(dup: DuplicateKey, pos: (offset: number) => SourcePos): Problem {
  const first = pos(dup.firstOffset);
  return problem('yaml.duplicateKey', {
    en: `the key "${dup.key}" is already set earlier in the same mapping (line ${first.line}). Keep only one of them`,
    'zh-cn': `键 "${dup.key}" 在同一个映射中前面已经设置过（第 ${first.line} 行）。请只保留一个`,
  }, pos(dup.offset));
}
