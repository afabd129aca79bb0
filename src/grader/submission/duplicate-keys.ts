/**
 * Finds keys written twice in the same mapping, in one pass over the document. yaml's own check
 * (uniqueKeys) compares every key with every earlier key of its mapping, which is quadratic, so
 * the loader turns it off (yaml-options.ts) and uses this instead. Two keys are the same when yaml
 * would say so: scalar keys with the same value after typing (`1` and `01` are the same number;
 * `1` and `"1"` are not). Merge keys (`<<`) never clash. The walk is iterative: no stack overflow.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

/** A repeated key: its text, its offset, and the offset of the first key with the same value. */
export interface DuplicateKey {
  key: string;
  offset: number;
  firstOffset: number;
}

/** Every repeated key of every mapping in the document, in no particular order. */
export function duplicateKeys(doc: Document.Parsed): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node) || isScalar(node) || node === null || node === undefined) continue;
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    if (isMap(node)) {
      const seen = new Map<unknown, number>();
      for (const pair of node.items) {
        stack.push(pair.key, pair.value);
        const key = pair.key;
        if (!isScalar(key) || !key.range) continue;
        const value = key.value;
        // yaml compares with ===, so NaN never equals NaN; a merge key is a fresh Symbol each time.
        if (typeof value === 'number' && Number.isNaN(value)) continue;
        const first = seen.get(value);
        if (first === undefined) seen.set(value, key.range[0]);
        else out.push({ key: String(value), offset: key.range[0], firstOffset: first });
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return out;
}
