/**
 * One Chinese word per concept across the site: the lesson pages, the other zh-cn pages, and every
 * Chinese string the grader, the model and the docs can show. For each listed concept the course
 * has chosen one term (the kubernetes.io zh-cn one); its competing translations must appear nowhere.
 * Each failure names the file, the line and the word to use instead.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();

interface TermPair {
  concept: string;
  /** The term the course uses. */
  chosen: string;
  /** Translations that must not appear beside it. */
  avoid: RegExp[];
}

const TERMS: TermPair[] = [
  { concept: 'namespace', chosen: '名字空间', avoid: [/命名空间/g] },
  // "Pod 安全策略" is PodSecurityPolicy, removed in v1.25: not a name for what replaced it.
  { concept: 'Pod Security Standards', chosen: 'Pod 安全性标准', avoid: [/Pod\s*安全标准/g, /Pod\s*安全策略/g] },
  // The glossaries' own note names "供应" as the word not to use; that note is the one allowed place.
  { concept: 'provisioning', chosen: '制备', avoid: [/(?<!不用“)供应(?!”)/g] },
  { concept: 'rollout', chosen: '上线', avoid: [/发布完成/g, /滚动发布/g] },
  { concept: 'persistent volume claim', chosen: '持久卷申领', avoid: [/持久化?卷声明/g] },
  { concept: 'drain', chosen: '腾空', avoid: [/排空/g] },
  { concept: 'non-graceful node shutdown', chosen: '节点非体面关闭', avoid: [/非体面节点关闭/g, /非优雅(?:节点)?关闭/g] },
  { concept: 'VolumeSnapshot', chosen: '卷快照', avoid: [/存储卷快照/g, /卷的快照对象/g] },
  { concept: 'VolumeSnapshotContent', chosen: '卷快照内容', avoid: [/卷快照数据/g, /快照内容对象/g] },
  { concept: 'VolumeSnapshotClass', chosen: '卷快照类', avoid: [/卷快照类别/g, /快照存储类/g] },
  { concept: 'VolumeAttributesClass', chosen: '卷属性类', avoid: [/卷属性类别/g, /存储卷属性类/g] },
  { concept: 'volume populator', chosen: '卷填充器', avoid: [/卷填充程序/g, /卷预填充器/g, /卷填充者/g] },
  { concept: 'restore from a snapshot', chosen: '恢复', avoid: [/还原/g] },
  { concept: 'crash-consistent', chosen: '崩溃一致', avoid: [/故障一致/g, /宕机一致/g] },
];

/** Where Chinese text lives: pages, lesson folders, grader, demo and model messages, docs, templates. */
const SCAN_ROOTS = ['lessons', 'src', 'graders', 'demos', 'docs', 'templates'];
/** Copies generated from lessons/ by sync-lessons (checked at their source). */
const SKIP = [join('src', 'content', 'docs', 'lessons'), join('src', 'content', 'docs', 'zh-cn', 'lessons')];
const TEXT = /\.(mdx?|ts|astro|json|ya?ml|sh|txt|mjs)$/;

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.some((s) => relative(root, path) === s) || name === 'node_modules') return [];
    return statSync(path).isDirectory() ? walk(path) : TEXT.test(name) ? [path] : [];
  });
}

const files = SCAN_ROOTS.flatMap((d) => walk(join(root, d))).map((path) => ({ file: relative(root, path), text: readFileSync(path, 'utf8') }));

/** Every use of an avoided term, as "file:line: found X, use Y". */
function inconsistencies(pair: TermPair): string[] {
  const out: string[] = [];
  for (const { file, text } of files) {
    for (const pattern of pair.avoid) {
      for (const m of text.matchAll(pattern)) {
        const line = text.slice(0, m.index).split('\n').length;
        out.push(`${file}:${line}: "${m[0]}" for ${pair.concept}; the course writes ${pair.chosen}`);
      }
    }
  }
  return out;
}

describe('zh-cn terms: one word per concept', () => {
  it('scans the zh-cn lesson pages and the grader messages', () => {
    expect(files.some((f) => f.file.endsWith('zh-cn.mdx'))).toBe(true);
    expect(files.some((f) => f.file.startsWith('src/grader/'))).toBe(true);
  });

  for (const pair of TERMS) {
    describe(`${pair.concept}: ${pair.chosen}`, () => {
      it('the chosen term is used', () => {
        expect(files.some((f) => f.text.includes(pair.chosen)), `${pair.chosen} appears nowhere; is the pair still needed?`).toBe(true);
      });

      it('no competing translation appears anywhere', () => {
        const found = inconsistencies(pair);
        expect(found, found.join('\n')).toEqual([]);
      });
    });
  }

  it('the check itself catches a competing term', () => {
    const sample = { concept: 'namespace', chosen: '名字空间', avoid: [/命名空间/g] };
    expect([...'评分程序的命名空间'.matchAll(sample.avoid[0])]).toHaveLength(1);
    const shutdown = TERMS.find((t) => t.concept === 'non-graceful node shutdown')!;
    expect(shutdown.avoid.flatMap((p) => [...'非体面节点关闭，或者非优雅关闭'.matchAll(p)])).toHaveLength(2);
  });

  it('no avoided pattern matches the chosen term itself', () => {
    const self = TERMS.flatMap((t) => t.avoid.filter((p) => [...t.chosen.matchAll(p)].length > 0).map((p) => `${t.concept}: ${p} matches ${t.chosen}`));
    expect(self, self.join('\n')).toEqual([]);
  });
});
