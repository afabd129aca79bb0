/**
 * Hostile cases that are built at test time instead of committed: multi-MB files, binary and
 * wrongly-encoded bytes, thousands of documents or files, links and FIFOs. Each one writes its
 * submission under the temp folder it is given and returns the path to pass to --dir.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostileCase } from './corpus.ts';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: cache-pod
spec:
  containers:
    - name: writer
      image: busybox:1.36
      command: ["sh", "-c", "sleep 3600"]
`;

/** A fresh folder named after the case under tmp. */
function folder(tmp: string, name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

type Generated = Omit<HostileCase, 'args' | 'prepare'> & { args?: string[]; build(dir: string): string | void };

const GENERATED: Generated[] = [
  {
    name: 'gen-l1-huge-50mb',
    lesson: 'lesson-1',
    why: 'a 50 MB YAML file (a valid Pod followed by 50 MB of comment lines)',
    exit: 2,
    expect: { en: 'the limit is 1 MiB', 'zh-cn': '超过了 1 MiB 的上限' },
    build(dir) {
      const line = Buffer.from('# padding padding padding padding padding padding padding padding\n');
      const big = Buffer.alloc(50 * 1024 * 1024);
      for (let off = 0; off < big.length; off += line.length) line.copy(big, off);
      writeFileSync(join(dir, 'cache-pod.yaml'), Buffer.concat([Buffer.from(POD), big]));
    },
  },
  {
    name: 'gen-l2-file-300k',
    lesson: 'lesson-2',
    why: 'one 300 KiB YAML file: over the per-file limit, under the total limit',
    exit: 2,
    expect: { en: 'each YAML file may be at most 256 KiB', 'zh-cn': '每个 YAML 文件最大 256 KiB' },
    build(dir) {
      writeFileSync(join(dir, 'hostpath-pod.yaml'), POD + '# x\n'.repeat(300 * 256));
    },
  },
  {
    name: 'gen-l2-1000-documents',
    lesson: 'lesson-2',
    why: '1000 YAML documents in one file',
    exit: 2,
    expect: { en: 'too many YAML documents', 'zh-cn': 'YAML 文档太多' },
    build(dir) {
      const docs = Array.from({ length: 1000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: v\n`);
      writeFileSync(join(dir, 'hostpath-pod.yaml'), docs.join('---\n'));
    },
  },
  {
    name: 'gen-l3-binary',
    lesson: 'lesson-3',
    why: 'a binary file (PNG header and NUL bytes) saved as nfs-web.yaml',
    exit: 2,
    expect: { en: 'contains a NUL byte', 'zh-cn': '含有 NUL 字节' },
    build(dir) {
      const bytes = Buffer.alloc(4096);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).copy(bytes);
      for (let i = 12; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
      writeFileSync(join(dir, 'nfs-web.yaml'), bytes);
    },
  },
  {
    name: 'gen-l3-gbk',
    lesson: 'lesson-3',
    why: 'a manifest with a Chinese comment saved as GBK, not UTF-8',
    exit: 2,
    expect: { en: 'is not valid UTF-8', 'zh-cn': '不是合法的 UTF-8' },
    build(dir) {
      // "# 共享目录" in GBK: 共 B9B2, 享 CFED, 目 C4BF, 录 C2BC.
      const comment = Buffer.from([0x23, 0x20, 0xb9, 0xb2, 0xcf, 0xed, 0xc4, 0xbf, 0xc2, 0xbc, 0x0a]);
      writeFileSync(join(dir, 'nfs-web.yaml'), Buffer.concat([Buffer.from('apiVersion: apps/v1\nkind: Deployment\n'), comment]));
    },
  },
  {
    name: 'gen-l3-60-files',
    lesson: 'lesson-3',
    why: '60 YAML files in the submission folder',
    exit: 2,
    expect: { en: 'the grader reads at most 50', 'zh-cn': '评分程序最多读取 50 个' },
    build(dir) {
      for (let i = 0; i < 60; i++) writeFileSync(join(dir, `part-${String(i).padStart(2, '0')}.yaml`), `# part ${i}\n`);
    },
  },
  {
    name: 'gen-l4-utf16',
    lesson: 'lesson-4',
    why: 'the PersistentVolume saved as UTF-16 with a byte-order mark (Windows Notepad "Unicode")',
    exit: 2,
    expect: { en: 'saved as UTF-16', 'zh-cn': '以 UTF-16 编码保存' },
    build(dir) {
      const text = 'apiVersion: v1\r\nkind: PersistentVolume\r\nmetadata:\r\n  name: course-pv\r\n';
      writeFileSync(join(dir, 'pv.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    },
  },
  {
    name: 'gen-l4-deep-flow',
    lesson: 'lesson-4',
    why: '50 000 nested flow sequences ([[[[...]]]]) in one value',
    exit: 2,
    expect: { en: 'nested too deeply', 'zh-cn': '嵌套太深' },
    build(dir) {
      writeFileSync(join(dir, 'pvc.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    },
  },
  {
    name: 'gen-l4-deep-block',
    lesson: 'lesson-4',
    why: 'a block mapping nested 100 levels deep',
    exit: 2,
    expect: { en: 'nested more than 64 levels deep', 'zh-cn': '嵌套超过 64 层' },
    build(dir) {
      const lines = Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}k${i}:`);
      writeFileSync(join(dir, 'pvc.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n${lines.map((l) => `  ${l}`).join('\n')} end\n`);
    },
  },
  {
    name: 'gen-l4-dir-is-a-file',
    lesson: 'lesson-4',
    why: '--dir names a YAML file instead of the folder that holds it',
    exit: 2,
    expect: { en: 'is a file, not a folder', 'zh-cn': '是一个文件而不是文件夹' },
    build(dir) {
      const file = join(dir, 'pv-pvc.yaml');
      writeFileSync(file, 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: course-pvc\n');
      return file;
    },
  },
  {
    name: 'gen-l1-link-outside',
    lesson: 'lesson-1',
    why: 'cache-pod.yaml is a symbolic link to /etc/passwd',
    exit: 2,
    expect: { en: 'link to a file outside the submission folder', 'zh-cn': '指向提交文件夹之外的链接' },
    build(dir) {
      symlinkSync('/etc/passwd', join(dir, 'cache-pod.yaml'));
    },
  },
  {
    name: 'gen-l5-link-loop',
    lesson: 'lesson-5',
    why: 'two YAML files that are symbolic links to each other',
    exit: 2,
    expect: { en: 'this file cannot be read', 'zh-cn': '无法读取这个文件' },
    build(dir) {
      symlinkSync('b.yaml', join(dir, 'a.yaml'));
      symlinkSync('a.yaml', join(dir, 'b.yaml'));
    },
  },
  {
    name: 'gen-l2-fifo',
    lesson: 'lesson-2',
    why: 'hostpath-pod.yaml is a named pipe (FIFO) that nobody writes to: opening it would block forever',
    exit: 2,
    expect: { en: 'not a regular file', 'zh-cn': '不是普通文件' },
    build(dir) {
      execFileSync('mkfifo', [join(dir, 'hostpath-pod.yaml')]);
    },
  },
  {
    name: 'gen-l6-missing-dir',
    lesson: 'lesson-6',
    why: '--dir names a folder that does not exist',
    exit: 2,
    expect: { en: 'does not exist', 'zh-cn': '不存在' },
    build(dir) {
      return join(dir, 'no-such-folder');
    },
  },
  {
    name: 'gen-l5-many-keys',
    lesson: 'lesson-5',
    why: '4 files of 250 KB, each a Pod with 22 000 unknown top-level spec fields: refused by the per-mapping key limit, in time linear in the input',
    exit: 2,
    expect: { en: 'the grader reads at most 1000 keys in one mapping', 'zh-cn': '评分程序在一个映射中最多读取 1000 个键' },
    limitSeconds: 10,
    build(dir) {
      for (let f = 0; f < 4; f++) {
        const keys = Array.from({ length: 22_000 }, (_, i) => `  x${i}: 1`).join('\n');
        writeFileSync(join(dir, `dyn-${f}.yaml`), `apiVersion: v1\nkind: Pod\nmetadata:\n  name: dyn-pod-${f}\nspec:\n  containers: [{name: a, image: busybox:1.36}]\n${keys}\n`);
      }
    },
  },
];

/** The generated cases as HostileCases. */
export function generatedCases(): HostileCase[] {
  return GENERATED.map(({ build, args, ...rest }) => ({
    ...rest,
    args: args ?? [],
    prepare(tmp: string) {
      const dir = folder(tmp, rest.name);
      return build(dir) ?? dir;
    },
  }));
}
