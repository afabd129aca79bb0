import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, formatBytes, resolveLimits } from '../../../src/grader/submission/limits.ts';
import { loadSubmission } from '../../../src/grader/submission/load.ts';
import { expectOk, expectProblem, tempDir, where } from './helpers.ts';

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n`;

/** Runs fn with a temp folder holding `files` (name -> content). */
async function withFiles(files: Record<string, string | Uint8Array>, fn: (dir: string) => Promise<void>) {
  const t = tempDir();
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(t.dir, name), content);
    await fn(t.dir);
  } finally {
    t.cleanup();
  }
}

async function problems(dir: string, limits?: Parameters<typeof loadSubmission>[1]) {
  const result = await loadSubmission(dir, limits);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('limits', () => {
  it('has the documented defaults and ignores nonsense overrides', () => {
    expect(DEFAULT_LIMITS).toMatchObject({ maxFileBytes: 262144, maxTotalBytes: 1048576, maxFiles: 50, maxDocuments: 200, maxAliasCount: 100 });
    expect(resolveLimits({ maxFiles: 3, maxDocuments: -1, maxDepth: Number.NaN })).toMatchObject({ maxFiles: 3, maxDocuments: 200, maxDepth: 64 });
    expect([formatBytes(262144), formatBytes(1048576), formatBytes(300), formatBytes(1536)]).toEqual(['256 KiB', '1 MiB', '300 B', '1.5 KiB']);
  });

  it('refuses a file over 256 KiB without parsing it', async () => {
    await withFiles({ 'big.yaml': `# ${'x'.repeat(300 * 1024)}\n`, 'pod.yaml': POD('p') }, async (dir) => {
      const found = await problems(dir);
      expect(found).toHaveLength(1);
      expectProblem(found, 'limits.fileSize', `${path.join(dir, 'big.yaml')}:1:1`, ['300.0 KiB', 'at most 256 KiB'], ['256 KiB']);
    });
  });

  it('refuses more than 1 MiB in total', async () => {
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.yaml`, `# ${'x'.repeat(250 * 1024)}\n`]));
    await withFiles(files, async (dir) => {
      const found = await problems(dir);
      expect(found.map((p) => p.code)).toEqual(['limits.totalSize']);
      expect(found[0]!.message.en).toContain('limit is 1 MiB');
      expect(found[0]!.message['zh-cn']).toContain('1 MiB');
    });
  });

  it('refuses more than 50 YAML files', async () => {
    const files = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`p${String(i).padStart(2, '0')}.yaml`, POD(`p${i}`)]));
    await withFiles(files, async (dir) => {
      const found = await problems(dir);
      expect(found.map((p) => p.code)).toEqual(['limits.files']);
      expect(found[0]!.message.en).toContain('51 YAML files');
      expect(found[0]!.message['zh-cn']).toContain('51 个 YAML 文件');
    });
  });

  it('refuses 1000 documents quickly, pointing at the first one past the limit', async () => {
    await withFiles({ 'many.yaml': Array.from({ length: 1000 }, (_, i) => POD(`p${i}`)).join('---\n') }, async (dir) => {
      const start = performance.now();
      const found = await problems(dir);
      expect(performance.now() - start).toBeLessThan(3000);
      expect(found.map((p) => p.code)).toEqual(['limits.documents']);
      expectProblem(found, 'limits.documents', `${path.join(dir, 'many.yaml')}:${200 * 9 + 1}:1`, ['at most 200'], ['最多读取 200 个']);
    });
  });

  it('counts documents across files and honours a lower limit from the caller', async () => {
    await withFiles({ 'a.yaml': `${POD('a')}---\n${POD('b')}`, 'b.yaml': POD('c') }, async (dir) => {
      const found = await problems(dir, { maxDocuments: 2 });
      expect(found.map((p) => `${p.code}@${where(p)}`)).toEqual([`limits.documents@${path.join(dir, 'b.yaml')}:1:1`]);
      expectOk(await loadSubmission(dir, { maxDocuments: 3 }));
    });
  });

  it('refuses a billion-laughs alias bomb fast', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    await withFiles({ 'bomb.yaml': `${levels.join('\n')}\n` }, async (dir) => {
      const start = performance.now();
      const found = await problems(dir);
      expect(performance.now() - start).toBeLessThan(1000);
      expectProblem(found, 'yaml.aliases', `${path.join(dir, 'bomb.yaml')}:2:8`, ['billion laughs'], ['别名']);
    });
  });

  it('accepts a few harmless anchors and aliases', async () => {
    const yaml = `${POD('p').replace('metadata:\n', 'metadata:\n  labels: &l {app: x}\n  annotations: *l\n')}`;
    await withFiles({ 'pod.yaml': yaml }, async (dir) => {
      const { submission } = expectOk(await loadSubmission(dir));
      expect(submission.find('Pod', 'p')!.object.metadata.annotations).toEqual({ app: 'x' });
    });
  });

  it('refuses absurd nesting without overflowing the stack', async () => {
    const deep = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    await withFiles({ 'a.yaml': deep(80), 'b.yaml': deep(20000) }, async (dir) => {
      const found = await problems(dir);
      expect(found.map((p) => p.code)).toEqual(['limits.depth', 'limits.depth']);
      expect(where(found[0]!)).toBe(`${path.join(dir, 'a.yaml')}:1:1`);
      // The parser gives up where its own stack ran out, somewhere inside line 4.
      expect(where(found[1]!)).toMatch(new RegExp(`^${path.join(dir, 'b.yaml')}:4:\\d+$`));
      expect(found[0]!.message['zh-cn']).toContain('嵌套');
    });
  });

  it('caps the number of problems and says how many more there are', async () => {
    const pod = `${POD('p')}${Array.from({ length: 60 }, (_, i) => `    typo${i}: 1\n`).join('')}`;
    await withFiles({ 'pod.yaml': pod }, async (dir) => {
      const found = await problems(dir);
      expect(found).toHaveLength(51);
      expect(found.at(-1)).toMatchObject({ code: 'limits.problems' });
      expect(found.at(-1)!.message.en).toContain('10 more problems');
      expect(found.at(-1)!.message['zh-cn']).toContain('还有 10 个问题');
    });
  });
});

describe('content that is not UTF-8 YAML text', () => {
  it('refuses a binary file (NUL bytes) with the position of the first NUL', async () => {
    await withFiles({ 'image.yaml': new Uint8Array([0x61, 0x3a, 0x0a, 0x62, 0x00, 0x01, 0xff]) }, async (dir) => {
      expectProblem(await problems(dir), 'file.binary', `${path.join(dir, 'image.yaml')}:2:2`, ['NUL'], ['二进制']);
    });
  });

  it('refuses invalid UTF-8 (e.g. Latin-1) at the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    await withFiles({ 'pod.yaml': bytes }, async (dir) => {
      expectProblem(await problems(dir), 'file.encoding', `${path.join(dir, 'pod.yaml')}:4:12`, ['not valid UTF-8'], ['UTF-8']);
    });
  });

  it('refuses UTF-16 with a hint to save as UTF-8', async () => {
    await withFiles({ 'pod.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a: 1\n', 'utf16le')]) }, async (dir) => {
      expectProblem(await problems(dir), 'file.encoding', `${path.join(dir, 'pod.yaml')}:1:1`, ['UTF-16'], ['UTF-16']);
    });
  });

  it('accepts multi-byte UTF-8 such as Chinese comments', async () => {
    await withFiles({ 'pod.yaml': `# 两个容器共享一个卷\n${POD('p')}` }, async (dir) => {
      expectOk(await loadSubmission(dir));
    });
  });
});

describe('unusual folder entries', () => {
  it('refuses a link that leaves the folder and follows one that stays inside', async () => {
    const outside = tempDir();
    try {
      writeFileSync(path.join(outside.dir, 'secret.yaml'), POD('secret'));
      await withFiles({ 'real.yml': POD('inside') }, async (dir) => {
        symlinkSync(path.join(outside.dir, 'secret.yaml'), path.join(dir, 'escape.yaml'));
        symlinkSync(path.join(dir, 'real.yml'), path.join(dir, 'alias.yaml'));
        const found = await problems(dir);
        expect(found.map((p) => p.code)).toEqual(['file.linkOutside', 'object.duplicate']);
        expect(where(found[0]!)).toBe(`${path.join(dir, 'escape.yaml')}:1:1`);
        expect(found[0]!.message['zh-cn']).toContain('链接');
      });
    } finally {
      outside.cleanup();
    }
  });

  it('never opens a FIFO named like a YAML file (would hang)', async () => {
    await withFiles({ 'pod.yaml': POD('p') }, async (dir) => {
      try {
        execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
      } catch {
        return; // no mkfifo on this system
      }
      const found = await problems(dir);
      expect(found.map((p) => `${p.code}@${where(p)}`)).toEqual([`file.notRegular@${path.join(dir, 'pipe.yaml')}:1:1`]);
    });
  });

  it('reads .yml and upper-case .YAML files, in name order', async () => {
    await withFiles({ 'b.YAML': POD('b'), 'a.yml': POD('a'), 'c.json': '{}' }, async (dir) => {
      mkdirSync(path.join(dir, '.git'));
      const { submission, notes } = expectOk(await loadSubmission(dir));
      expect(submission.objects.map((o) => o.object.metadata.name)).toEqual(['a', 'b']);
      expect(notes).toEqual([]);
    });
  });
});
