import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REMOVED, SERVED, servedVersionsOf } from '../../../src/grader/submission/api-table.ts';
import { loadModel } from '../../../src/grader/submission/models.ts';

const ROOT = 'node_modules/kubernetes-models';

/** apiVersion -> kinds, read from the installed package's class files (static apiVersion/kind). */
function scanPackage(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== '_schemas' && e.name !== 'node_modules') walk(p);
      else if (e.name.endsWith('.js') && e.name !== 'index.js') {
        const src = readFileSync(p, 'utf8');
        const v = /this\.apiVersion="([^"]+)"/.exec(src)?.[1];
        const k = /this\.kind="([^"]+)"/.exec(src)?.[1];
        if (v && k && !k.endsWith('List')) (out[v] ??= []).push(k);
      }
    }
  };
  walk(ROOT);
  for (const kinds of Object.values(out)) kinds.sort();
  return out;
}

describe('the apiVersion/kind table', () => {
  it('matches kubernetes-models exactly: served plus removed is what the package ships', () => {
    const pkg = scanPackage();
    const table: Record<string, string[]> = {};
    for (const [v, kinds] of Object.entries(SERVED)) table[v] = [...kinds];
    for (const [v, r] of Object.entries(REMOVED)) table[v] = [...(table[v] ?? []), ...r.kinds];
    for (const kinds of Object.values(table)) kinds.sort();
    expect(table).toEqual(pkg);
  });

  it('keeps served and removed versions apart, and removed ones are never GA', () => {
    for (const v of Object.keys(REMOVED)) {
      expect(SERVED[v]).toBeUndefined();
      expect(v).toMatch(/v\d+(alpha|beta)\d+$/);
    }
    for (const v of Object.keys(SERVED)) expect(v).toMatch(/(^|\/)v\d+$/);
  });

  it('finds where a kind lives', () => {
    expect(servedVersionsOf('StorageClass')).toEqual(['storage.k8s.io/v1']);
    expect(servedVersionsOf('HorizontalPodAutoscaler')).toEqual(['autoscaling/v1', 'autoscaling/v2']);
    expect(servedVersionsOf('Nope')).toEqual([]);
  });

  it('loads one model class per kind on demand, and checks its identity', async () => {
    const cls = await loadModel('storage.k8s.io/v1', 'StorageClass');
    expect(cls.kind).toBe('StorageClass');
    await expect(loadModel('v1', 'PodSpec')).rejects.toThrow(/no PodSpec in v1/);
  });
});
