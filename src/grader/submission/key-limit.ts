/**
 * The keys-per-mapping limit, checked on yaml's CST (the token tree the Parser emits) before the
 * Composer builds the document. yaml's duplicate-key check compares each new key with every
 * earlier key of its mapping, so one mapping of 22 000 keys costs minutes; counting the entries
 * of the CST is linear and stops a document like that before any of that work starts.
 */
import type { CST } from 'yaml';

/** A mapping with more entries than allowed: how many, and where the first entry past the limit is. */
export interface WideMapping {
  keys: number;
  /** Offset in the file's text of the first key past the limit. */
  offset: number;
}

type Item = CST.CollectionItem;

/** True for an item that is an entry (a key, a value or both), not only a trailing comma or comment. */
const isEntry = (item: Item) => item.key !== undefined || item.sep !== undefined || item.value !== undefined;

/** Where an entry starts: its key, else its first token. */
function entryOffset(item: Item, fallback: number): number {
  if (item.key) return item.key.offset;
  const first = [...item.start, ...(item.sep ?? [])].find((t) => t.type !== 'comma' && t.type !== 'space' && t.type !== 'newline' && t.type !== 'comment');
  return first?.offset ?? item.value?.offset ?? fallback;
}

/** The first mapping in the document (in reading order) with more than `max` entries, if any. */
export function widestMapping(doc: CST.Document, max: number): WideMapping | undefined {
  const stack: CST.Token[] = doc.value ? [doc.value] : [];
  while (stack.length > 0) {
    const token = stack.pop()!;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    const items: Item[] = token.items;
    const isMap = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
    if (isMap) {
      let keys = 0;
      let past: Item | undefined;
      for (const item of items) {
        if (!isEntry(item)) continue;
        keys++;
        if (keys === max + 1) past = item;
      }
      if (past) return { keys, offset: entryOffset(past, token.offset) };
    }
    // Children in reverse, so the stack pops them in reading order.
    for (let i = items.length - 1; i >= 0; i--) {
      const { key, value } = items[i]!;
      if (value) stack.push(value);
      if (key) stack.push(key);
    }
  }
  return undefined;
}
