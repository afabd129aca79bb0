/**
 * Maps a field path inside a parsed YAML document back to file:line:col. Keys point at the key
 * (`emptyDir:`), list items at the item; when the path does not exist (or comes from a `<<` merge)
 * it stops at the deepest node that does. Each mapping is indexed by key the first time a path
 * goes through it, so a lookup costs one step per path segment, however wide the mapping.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourcePos } from '../cluster/cluster.ts';
import type { FieldPath } from './problem.ts';

export interface Locator {
  /** Display path of the file. */
  readonly file: string;
  /** Where the document's content starts (its first key). */
  readonly pos: SourcePos;
  /** The key of the path's last field, or the list item for an index; deepest existing node otherwise. */
  keyAt(path: FieldPath): SourcePos;
  /** The value of the path (e.g. `two` in `replicas: two`); falls back to keyAt when there is none. */
  valueAt(path: FieldPath): SourcePos;
  /** The scalar as written in the file (e.g. `yes`, `0644`), if the path ends at a scalar. */
  sourceText(path: FieldPath): string | undefined;
}

interface Walk {
  complete: boolean;
  /** Key node of the last matched map field, or the matched list item. */
  key?: Node;
  /** The value reached (only meaningful when complete). */
  value?: Node | null;
}

/** A Locator for one document of a file parsed with `lc`. */
export function makeLocator(doc: Document.Parsed, lc: LineCounter, file: string): Locator {
  const at = (node: Node | null | undefined): SourcePos | undefined =>
    node?.range ? { file, ...lc.linePos(node.range[0]) } : undefined;
  const pos = at(doc.contents) ?? { file, line: 1, col: 1 };
  const indexes = new Map<YAMLMap, Map<string, Pair>>();

  /** The first pair of `map` whose scalar key reads as `seg`. */
  function pairOf(map: YAMLMap, seg: string | number): Pair | undefined {
    let byKey = indexes.get(map);
    if (!byKey) {
      byKey = new Map();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (!byKey.has(name)) byKey.set(name, pair);
      }
      indexes.set(map, byKey);
    }
    return byKey.get(String(seg));
  }

  function walk(path: FieldPath): Walk {
    let node: Node | null | undefined = doc.contents;
    let key: Node | undefined;
    for (const seg of path) {
      for (let hops = 0; isAlias(node) && hops < 10; hops++) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = pairOf(node as YAMLMap, seg);
        if (!pair) return { complete: false, key };
        key = pair.key as Node;
        node = pair.value as Node | null;
      } else if (isSeq(node) && Number.isInteger(Number(seg))) {
        const item = node.items[Number(seg)] as Node | undefined;
        if (!item) return { complete: false, key };
        key = item;
        node = item;
      } else {
        return { complete: false, key };
      }
    }
    return { complete: true, key, value: node };
  }

  return {
    file,
    pos,
    keyAt(path) {
      return at(walk(path).key) ?? pos;
    },
    valueAt(path) {
      const w = walk(path);
      // An empty value (`emptyDir:` with nothing after it) has no text of its own: show the key.
      const empty = isScalar(w.value) && w.value.value === null && !w.value.source;
      return at(w.complete && !empty ? w.value : undefined) ?? at(w.key) ?? pos;
    },
    sourceText(path) {
      const w = walk(path);
      return w.complete && isScalar(w.value) && typeof w.value.source === 'string' ? w.value.source : undefined;
    },
  };
}
