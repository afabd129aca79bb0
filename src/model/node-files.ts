/**
 * Direct access to a node's own filesystem (what `docker exec <node> ...` sees on kind):
 * hostPath volumes, local PVs, local-path volumes and pod directories are node paths.
 */
import { ModelError } from './errors.ts';
import { FsError, type MemFs } from './filesystem.ts';
import type { ModelState } from './state.ts';
import { touch } from './state.ts';

function nodeFs(state: ModelState, node: string): MemFs {
  const fs = state.nodeFs.get(node);
  if (!fs) throw new ModelError({ en: `node "${node}" not found (nodes: ${[...state.nodeFs.keys()].join(', ')})`, 'zh-cn': `找不到节点 "${node}"（现有节点：${[...state.nodeFs.keys()].join('、')}）` });
  return fs;
}

function fail(e: unknown, path: string): never {
  if (e instanceof FsError) throw new ModelError({ en: `${path}: ${e.code}`, 'zh-cn': `${path}：${e.code}` });
  throw e;
}

/** Reads a node file; undefined if absent; ModelError for a directory or unknown node. */
export function readNodeFile(state: ModelState, node: string, path: string): string | undefined {
  try {
    return nodeFs(state, node).readFile(path);
  } catch (e) {
    return fail(e, path);
  }
}

/** Writes a node file (the parent directory must exist). */
export function writeNodeFile(state: ModelState, node: string, path: string, data: string): void {
  try {
    nodeFs(state, node).writeFile(path, data);
    touch(state);
  } catch (e) {
    fail(e, path);
  }
}

/** Creates a directory and its parents on a node. */
export function makeNodeDir(state: ModelState, node: string, path: string): void {
  try {
    nodeFs(state, node).mkdirp(path);
    touch(state);
  } catch (e) {
    fail(e, path);
  }
}

/** Lists a node directory; undefined if absent. */
export function listNodeDir(state: ModelState, node: string, path: string): string[] | undefined {
  const fs = nodeFs(state, node);
  return fs.stat(path) === 'dir' ? fs.list(path) : undefined;
}
