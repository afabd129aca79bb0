import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../../../src/grader/submission/decode.ts';

describe('firstInvalidUtf8', () => {
  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(new TextEncoder().encode('ok 中文'))).toBe(9);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe4, 0xb8]))).toBe(1); // truncated
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
  });
});
