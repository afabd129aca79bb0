import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterUp } from '../../src/local-cluster/up.ts';
import { ROOT } from '../graders/harness.ts';

describe('cluster:up on a machine it cannot build on', () => {
  it.each([['darwin', 'en', 'runs on Debian or Ubuntu only (this is darwin)'], ['win32', 'zh-cn', '只能在 Debian 或 Ubuntu 上运行（当前系统：win32）']] as const)(
    '%s: one clear line in the user\'s language, exit 3, nothing written',
    async (platform, lang, fragment) => {
      const cache = join(mkdtempSync(join(tmpdir(), 'up-')), 'cache');
      const err: string[] = [];
      const io = { out: { write: () => true }, err: { write: (t: string) => err.push(t) }, isTTY: false, lang };
      const code = await clusterUp({ root: ROOT, io, env: { K8S_STORAGE_COURSE_CLUSTER_CACHE: cache }, signal: new AbortController().signal, platform });
      expect(code).toBe(3);
      expect(err.join('')).toContain(fragment);
      expect(err.join('')).not.toMatch(/\n\s+at /);
      expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
    },
  );
});
