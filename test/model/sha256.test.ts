/** The model names CSI volumes as the driver does, after sha256 of the request name (src/model/sha256.ts). */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/model/sha256.ts';

describe('sha256Hex', () => {
  it('equals `printf %s s | sha256sum`, for ASCII, UTF-8 and empty names', () => {
    for (const s of ['pvc-0b3c9f2e-8a41-4d5e-9c7a-1f2e3d4c5b6a', 'snapshot-数据', '']) {
      const want = execFileSync('sha256sum', { input: s }).toString().split(' ')[0];
      expect(sha256Hex(s), s).toBe(want);
    }
  });
});
