/**
 * Kubernetes resource quantities ("500Mi", "1Gi", "1G", "1.5Gi", "100m", "1e3") as numbers of
 * base units. Only what storage requests need: binary and decimal suffixes, milli, exponents.
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Parses a quantity; undefined when it is not a valid quantity. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([eE][+-]?\d+)|(m|k|M|G|T|P|E))?$/.exec(value.trim());
  if (!m) return undefined;
  const num = Number(m[1]);
  if (m[2]) return num * BINARY[m[2]]!;
  if (m[3]) return Number(`${m[1]}${m[3]}`);
  return num * DECIMAL[m[4] ?? '']!;
}

/** True if quantity a is at least quantity b (both valid). */
export function quantityAtLeast(a: unknown, b: unknown): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x !== undefined && y !== undefined && x >= y;
}

/**
 * A whole number of bytes the way resource.NewQuantity(bytes, BinarySI).String() prints it: the
 * largest binary suffix that divides it exactly (1073741824 -> "1Gi", 314572800 -> "300Mi"),
 * else plain digits. The sidecars write PV capacities and snapshot restore sizes like this.
 */
export function formatBinaryQuantity(bytes: number): string {
  if (!Number.isSafeInteger(bytes) || bytes === 0) return String(bytes);
  const suffixes = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const;
  for (const s of suffixes) {
    const unit = BINARY[s]!;
    if (Math.abs(bytes) >= unit && bytes % unit === 0) return `${bytes / unit}${s}`;
  }
  return String(bytes);
}
