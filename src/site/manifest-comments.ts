/**
 * The comments of a lesson's manifests in the reader's language. The files under
 * lessons/<lesson>/manifests/ carry English comments; lessons/<lesson>/manifest-comments.zh-cn.yaml
 * maps each comment's text (after "# ") to its Chinese text, and a zh-cn page shows the manifest
 * with those comments in their place.
 * Contract: only comment tokens change (the yaml library's lexer tells comments from text, so a "#"
 * inside a string or a block scalar stays), so the lines, the objects and everything a grader or
 * kubectl reads are the same in both languages; a comment with no entry stays as it is, and
 * commentsWithoutTranslation names it (a test requires none).
 */
import { isMap, isScalar, Lexer, LineCounter, parseDocument } from 'yaml';

/** The lexer's control tokens, which stand for no source text. */
const CONTROL = new Set(['\x02', '\x18', '\x1f']);

/** A comment's text as the table keys it: after "#" and the spaces that follow it, without trailing spaces. */
export function commentText(token: string): string {
  return token.replace(/^#\s*/, '').trimEnd();
}

/** Every comment of a YAML text, as the table keys it, in order. */
export function commentsOf(yaml: string): string[] {
  return [...new Lexer().lex(yaml)].filter((t) => t.startsWith('#')).map(commentText).filter(Boolean);
}

/** The text with each comment the table has replaced by its translation; every other byte as it was. */
export function translateComments(yaml: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const token of new Lexer().lex(yaml)) {
    if (CONTROL.has(token)) continue;
    const text = token.startsWith('#') ? commentText(token) : '';
    const translated = text ? table[text] : undefined;
    out += translated === undefined ? token : `${token.slice(0, token.length - token.replace(/^#\s*/, '').length)}${translated}`;
  }
  return out;
}

/** The comments of yaml that the table does not translate. */
export function commentsWithoutTranslation(yaml: string, table: Readonly<Record<string, string>>): string[] {
  return commentsOf(yaml).filter((c) => table[c] === undefined);
}

/** Where a lesson's table lives, from the repository root. */
export function commentTablePath(lesson: string): string {
  return `lessons/${lesson}/manifest-comments.zh-cn.yaml`;
}

/** A table file's text as a map; throws naming file:line when it is not a map of non-empty strings. */
export function parseCommentTable(text: string, file: string): Record<string, string> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new Error(`${file}:${e.linePos?.[0].line ?? 1}: ${e.message.split('\n')[0]}`);
  }
  if (!isMap(doc.contents)) throw new Error(`${file}:1: a map of English comment → Chinese comment is expected`);
  const table: Record<string, string> = {};
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    const at = isScalar(pair.key) && pair.key.range ? lc.linePos(pair.key.range[0]).line : 1;
    if (typeof key !== 'string' || typeof value !== 'string' || !value.trim()) throw new Error(`${file}:${at}: "${String(key)}" needs its Chinese text as a non-empty string`);
    table[key] = value;
  }
  return table;
}
