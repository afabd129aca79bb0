/**
 * Reads the YAML files of a submission folder, read-only and within limits: only `*.yaml` and
 * `*.yml` directly in the folder (sorted by name), hidden files skipped, subfolders skipped with a
 * note, links that point outside the folder refused, FIFOs and devices never opened.
 *
 * Positions use a display path: the file's path relative to the process's working directory
 * (what `npm run grade` is started from, so `exercises/lesson-1/pod.yaml:7:3` is clickable), or
 * the absolute path when the file is not below the working directory.
 */
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Localized } from '../../i18n/lang.ts';
import type { Problem } from '../report/model.ts';
import { formatBytes, type Limits } from './limits.ts';
import { problem } from './problem.ts';

export interface SourceFile {
  /** Absolute path. */
  abs: string;
  /** Path used in positions and messages (see the module comment). */
  file: string;
  bytes: Uint8Array;
}

export interface ReadResult {
  files: SourceFile[];
  notes: Localized[];
  problems: Problem[];
}

const YAML_NAME = /\.ya?ml$/i;

/** The display path of an absolute path: relative to cwd when below it, else absolute. */
export function displayPath(abs: string, cwd: string = process.cwd()): string {
  const rel = path.relative(cwd, abs);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}

/** Lists and reads the folder's YAML files; never writes, never follows links out of the folder. */
export async function readSubmissionDir(dir: string, limits: Limits, cwd: string = process.cwd()): Promise<ReadResult> {
  const result: ReadResult = { files: [], notes: [], problems: [] };
  const absDir = path.resolve(cwd, dir);
  const shownDir = displayPath(absDir, cwd);
  const dirStat = await stat(absDir).catch((err: NodeJS.ErrnoException) => err);
  if (dirStat instanceof Error) {
    const missing = dirStat.code === 'ENOENT' || dirStat.code === 'ENOTDIR';
    result.problems.push(
      missing
        ? problem('submission.missing', {
            en: `the submission folder ${shownDir} does not exist`,
            'zh-cn': `提交文件夹 ${shownDir} 不存在`,
          })
        : problem('submission.unreadable', {
            en: `cannot read the submission folder ${shownDir} (${dirStat.code ?? dirStat.message})`,
            'zh-cn': `无法读取提交文件夹 ${shownDir}（${dirStat.code ?? dirStat.message}）`,
          }),
    );
    return result;
  }
  if (!dirStat.isDirectory()) {
    result.problems.push(
      problem('submission.notDir', {
        en: `${shownDir} is a file, not a folder; give the folder that holds your YAML files`,
        'zh-cn': `${shownDir} 是一个文件而不是文件夹；请给出存放 YAML 文件的文件夹`,
      }),
    );
    return result;
  }
  let realDir: string;
  let entries: string[];
  try {
    realDir = await realpath(absDir);
    entries = (await readdir(absDir)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    result.problems.push(problem('submission.unreadable', {
      en: `cannot read the submission folder ${shownDir} (${code})`,
      'zh-cn': `无法读取提交文件夹 ${shownDir}（${code}）`,
    }));
    return result;
  }
  const candidates: { abs: string; file: string; size: number }[] = [];
  const subfolders: string[] = [];
  for (const name of entries) {
    if (name.startsWith('.')) continue;
    const abs = path.join(absDir, name);
    const file = displayPath(abs, cwd);
    const entry = await classify(abs, realDir);
    if (entry.kind === 'dir') subfolders.push(name);
    if (!YAML_NAME.test(name) || entry.kind === 'dir') continue;
    if (entry.kind === 'file') candidates.push({ abs, file, size: entry.size });
    else result.problems.push(entryProblem(entry.kind, file));
  }
  if (subfolders.length > 0) {
    const list = subfolders.map((s) => `${s}/`).join(', ');
    result.notes.push({
      en: `ignored subfolders of ${shownDir}: ${list} (only .yaml and .yml files directly in the folder are graded)`,
      'zh-cn': `已忽略 ${shownDir} 中的子文件夹：${list}（只评分直接放在该文件夹里的 .yaml 和 .yml 文件）`,
    });
  }
  if (candidates.length === 0 && result.problems.length === 0) {
    result.problems.push(
      problem('submission.noYaml', {
        en: `${shownDir} has no .yaml or .yml files; put your manifests directly in this folder`,
        'zh-cn': `${shownDir} 中没有 .yaml 或 .yml 文件；请把你的清单文件直接放在这个文件夹里`,
      }),
    );
    return result;
  }
  if (candidates.length > limits.maxFiles) {
    result.problems.push(
      problem('limits.files', {
        en: `${shownDir} has ${candidates.length} YAML files; the grader reads at most ${limits.maxFiles}. Remove the files that are not part of your answer`,
        'zh-cn': `${shownDir} 中有 ${candidates.length} 个 YAML 文件，评分程序最多读取 ${limits.maxFiles} 个。请删除不属于答案的文件`,
      }),
    );
    return result;
  }
  const total = candidates.reduce((sum, c) => sum + c.size, 0);
  if (total > limits.maxTotalBytes) {
    result.problems.push(
      problem('limits.totalSize', {
        en: `the YAML files in ${shownDir} add up to ${formatBytes(total)}; the limit is ${formatBytes(limits.maxTotalBytes)}. A course answer is a few KiB`,
        'zh-cn': `${shownDir} 中的 YAML 文件共 ${formatBytes(total)}，超过了 ${formatBytes(limits.maxTotalBytes)} 的上限。课程答案通常只有几 KiB`,
      }),
    );
    return result;
  }
  for (const c of candidates) {
    const bytes = c.size > limits.maxFileBytes ? undefined : await readCapped(c.abs, limits.maxFileBytes);
    if (bytes === undefined) {
      result.problems.push(fileSizeProblem(c.file, c.size > limits.maxFileBytes ? c.size : undefined, limits));
    } else if (bytes instanceof Error) {
      result.problems.push(entryProblem('unreadable', c.file));
    } else {
      result.files.push({ abs: c.abs, file: c.file, bytes });
    }
  }
  return result;
}

type EntryKind = { kind: 'file'; size: number } | { kind: 'dir' } | { kind: 'outside' | 'special' | 'unreadable' };

/** What an entry is, following a link only when its target stays inside the folder. */
async function classify(abs: string, realDir: string): Promise<EntryKind> {
  try {
    let st = await lstat(abs);
    if (st.isSymbolicLink()) {
      const target = await realpath(abs);
      const rel = path.relative(realDir, target);
      if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { kind: 'outside' };
      st = await stat(target);
    }
    if (st.isDirectory()) return { kind: 'dir' };
    if (st.isFile()) return { kind: 'file', size: st.size };
    return { kind: 'special' };
  } catch {
    return { kind: 'unreadable' };
  }
}

/** Reads at most max bytes; undefined when the file is longer, an Error when it cannot be read. */
async function readCapped(abs: string, max: number): Promise<Uint8Array | undefined | Error> {
  // O_NONBLOCK: a FIFO swapped in after classify() must not block the open.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
  let handle;
  try {
    handle = await open(abs, flags);
    const st = await handle.stat();
    if (!st.isFile()) return new Error('not a regular file');
    const buf = new Uint8Array(max + 1);
    let length = 0;
    while (length < buf.length) {
      const { bytesRead } = await handle.read(buf, length, buf.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return length > max ? undefined : buf.subarray(0, length);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  } finally {
    await handle?.close();
  }
}

/** size is undefined when the file grew past the limit while being read. */
function fileSizeProblem(file: string, size: number | undefined, limits: Limits): Problem {
  const max = formatBytes(limits.maxFileBytes);
  const en = size === undefined ? `over ${max}` : formatBytes(size);
  const zh = size === undefined ? `超过 ${max}` : `有 ${formatBytes(size)}`;
  return problem(
    'limits.fileSize',
    {
      en: `this file is ${en}; each YAML file may be at most ${max}. A course manifest is a few KiB`,
      'zh-cn': `这个文件${zh}，而每个 YAML 文件最大 ${max}。课程的清单文件通常只有几 KiB`,
    },
    { file, line: 1, col: 1 },
  );
}

function entryProblem(kind: 'outside' | 'special' | 'unreadable', file: string): Problem {
  const at = { file, line: 1, col: 1 };
  if (kind === 'outside') {
    return problem(
      'file.linkOutside',
      {
        en: 'this is a link to a file outside the submission folder; the grader does not follow it. Copy the file into the folder instead',
        'zh-cn': '这是指向提交文件夹之外的链接，评分程序不会跟随它。请把文件复制到该文件夹中',
      },
      at,
    );
  }
  if (kind === 'special') {
    return problem(
      'file.notRegular',
      {
        en: 'this is not a regular file (a pipe, socket or device); the grader does not read it',
        'zh-cn': '这不是普通文件（而是管道、套接字或设备），评分程序不会读取它',
      },
      at,
    );
  }
  return problem(
    'file.unreadable',
    {
      en: 'this file cannot be read (check that it exists and that you have permission to read it)',
      'zh-cn': '无法读取这个文件（请检查它是否存在，以及你是否有读取权限）',
    },
    at,
  );
}
