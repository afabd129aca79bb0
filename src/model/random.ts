/**
 * The model's only source of randomness: a seeded PRNG (mulberry32) and the id shapes built from
 * it (uids, container ids, pod name suffixes). Same seed, same ids.
 */

/** Returns a deterministic generator of numbers in [0, 1) for the seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusable digits). */
export const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Id factory over one random source. */
export class Ids {
  constructor(readonly random: () => number) {}

  /** n characters from alphabet. */
  chars(n: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(this.random() * alphabet.length)];
    return out;
  }

  /** n lowercase hex digits. */
  hex(n: number): string {
    return this.chars(n, '0123456789abcdef');
  }

  /** A v4-shaped uid, e.g. "3f2a9c1e-...". */
  uid(): string {
    const v = this.hex(32).split('');
    v[12] = '4';
    v[16] = '89ab'[parseInt(v[16]!, 16) % 4]!;
    const s = v.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  /** A runtime container id, "containerd://" + 64 hex digits. */
  containerID(): string {
    return `containerd://${this.hex(64)}`;
  }

  /** A generated-name suffix of n characters, e.g. "x7k2p". */
  suffix(n = 5): string {
    return this.chars(n, SUFFIX_ALPHABET);
  }

  /** Picks one element of a non-empty array. */
  pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}

/** Stable short hash of a string (FNV-1a 32 bit) rendered in the suffix alphabet; used for template hashes. */
export function templateHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let out = '';
  for (let i = 0; i < 10; i++) {
    out += SUFFIX_ALPHABET[h % SUFFIX_ALPHABET.length];
    h = Math.floor(h / SUFFIX_ALPHABET.length) || (h ^ (0x9e3779b9 >>> i)) >>> 0;
  }
  return out;
}
