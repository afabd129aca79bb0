/**
 * Turns a file's bytes into text the YAML parser can read: refuses binary files, UTF-16 and
 * invalid UTF-8 with the position of the first bad byte, and drops a UTF-8 byte-order mark so
 * columns on line 1 match what an editor shows.
 */
import type { Problem } from '../report/model.ts';
import { problem } from './problem.ts';

/** The file's text, or the problem that stops it being read as YAML. */
export type Decoded = { ok: true; text: string } | { ok: false; problem: Problem };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes bytes as UTF-8 without BOM; `file` is the display path used in positions. */
export function decodeYamlBytes(bytes: Uint8Array, file: string): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      problem: problem(
        'file.encoding',
        {
          en: 'this file is saved as UTF-16; Kubernetes YAML must be UTF-8. Save it again with the UTF-8 encoding',
          'zh-cn': '这个文件以 UTF-16 编码保存，而 Kubernetes 的 YAML 必须是 UTF-8。请用 UTF-8 编码重新保存',
        },
        { file, line: 1, col: 1 },
      ),
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      ok: false,
      problem: problem(
        'file.binary',
        {
          en: 'this file contains a NUL byte, so it is binary, not YAML text. Make sure it is a text file saved as UTF-8',
          'zh-cn': '这个文件含有 NUL 字节，是二进制文件而不是 YAML 文本。请确认它是以 UTF-8 保存的文本文件',
        },
        positionOfByte(bytes, nul, file),
      ),
    };
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return {
      ok: false,
      problem: problem(
        'file.encoding',
        {
          en: 'this file is not valid UTF-8 text (it may be saved as GBK or Latin-1). Save it again with the UTF-8 encoding',
          'zh-cn': '这个文件不是合法的 UTF-8 文本（可能以 GBK 或 Latin-1 编码保存）。请用 UTF-8 编码重新保存',
        },
        positionOfByte(bytes, bad, file),
      ),
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/** 1-based line and column (in characters) of byte `offset`, counting only the valid prefix. */
function positionOfByte(bytes: Uint8Array, offset: number, file: string) {
  const prefix = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes.subarray(0, offset));
  const lines = prefix.split('\n');
  return { file, line: lines.length, col: (lines.at(-1) ?? '').length + 1 };
}

/** Byte offset of the first byte that breaks UTF-8 (a well-formed input returns bytes.length). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte -> number of continuation bytes and the smallest code point that length may encode.
    const [need, min] = b >= 0xc2 && b <= 0xdf ? [1, 0x80] : b >= 0xe0 && b <= 0xef ? [2, 0x800] : b >= 0xf0 && b <= 0xf4 ? [3, 0x10000] : [0, 0];
    if (need === 0) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
