/**
 * Which plain YAML scalars are numbers, decided the way kubectl decides. kubectl turns YAML into
 * JSON with sigs.k8s.io/yaml, which is go-yaml v2: its resolve() treats a plain scalar as a number
 * only when the first character is a digit, a sign or a dot, and then
 *   - `.inf`, `+.Inf`, `-.INF`, `.nan` (and the other spellings in its table) are floats;
 *   - starting with a dot: strconv.ParseFloat of the text (`.5`, `.5e3`; `.`, `.e5` stay text);
 *   - starting with a digit or sign: all `_` are removed, then strconv.ParseInt(text, 0, 64)
 *     (`0x1F`, `0X1F`, `0o17`, `0b101`, `0644` octal, `+1`), then ParseUint, then a float if the
 *     text matches ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ and is in range.
 * Everything else stays a string: `E1`, `e5`, `+e5`, `.`, `0x`, `1e400`, `0x` past 64 bits.
 * yaml's own YAML 1.1 tags differ (`E1` becomes NaN, `0o17` stays text), so yaml-options.ts uses
 * the two tags below instead of yaml's int and float tags. Timestamps and `1:30` never reach
 * here as numbers: neither matches the number shapes.
 */
import type { ScalarTag } from 'yaml';

/** A number as go-yaml v2 resolves it, with the YAML tag it gets. */
export interface GoNumber {
  tag: 'int' | 'float';
  value: number;
}

const SPECIAL: ReadonlyMap<string, number> = new Map([
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, Number.NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Number.POSITIVE_INFINITY] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, Number.NEGATIVE_INFINITY] as const),
]);

/** strconv.ParseFloat on text starting with a dot: digits, `_` only between digits, optional exponent. */
const DOT_FLOAT = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;
/** go-yaml's yamlStyleFloat, applied after `_` is removed. */
const YAML_STYLE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** strconv.ParseInt(s, 0, 64) syntax: sign, then 0b/0o/0x (any case) digits, 0-prefixed octal, or decimal. */
const GO_INT = /^([-+]?)(?:0([bBoOxX])([0-9a-fA-F]+)|0([0-7]*)|([1-9][0-9]*))$/;
const BIN = /^[01]+$/;
const OCT = /^[0-7]+$/;

const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The integer ParseInt/ParseUint would accept, or undefined (syntax error or out of 64-bit range). */
function goInt(plain: string): number | undefined {
  const m = GO_INT.exec(plain);
  if (!m) return undefined;
  const [, sign, prefix, prefixed, octal, decimal] = m;
  let n: bigint;
  if (prefix !== undefined) {
    const p = prefix.toLowerCase();
    if ((p === 'b' && !BIN.test(prefixed!)) || (p === 'o' && !OCT.test(prefixed!))) return undefined;
    n = BigInt(`0${p}${prefixed!}`);
  } else if (octal !== undefined) {
    n = octal === '' ? 0n : BigInt(`0o${octal}`);
  } else {
    n = BigInt(decimal!);
  }
  // ParseInt takes -2^63..2^63-1; ParseUint (no sign allowed) takes 0..2^64-1.
  const fits = sign === '-' ? n <= INT64_MAX + 1n : n <= INT64_MAX || (sign === '' && n <= UINT64_MAX);
  if (!fits) return undefined;
  return Number(sign === '-' ? -n : n);
}

/** The number kubectl reads from a plain scalar, or undefined when it reads a string (or a bool/null). */
export function goYamlNumber(text: string): GoNumber | undefined {
  const special = SPECIAL.get(text);
  if (special !== undefined) return { tag: 'float', value: special };
  const first = text[0];
  if (first === '.') {
    if (!DOT_FLOAT.test(text)) return undefined;
    const value = Number(text.replace(/_/g, ''));
    return Number.isFinite(value) ? { tag: 'float', value } : undefined;
  }
  if (first === undefined || !/[-+0-9]/.test(first)) return undefined;
  const plain = text.replace(/_/g, '');
  const int = goInt(plain);
  if (int !== undefined) return { tag: 'int', value: int };
  if (!YAML_STYLE_FLOAT.test(plain)) return undefined;
  const value = Number(plain);
  return Number.isFinite(value) ? { tag: 'float', value } : undefined;
}

/**
 * yaml chooses a plain scalar's tag with `tag.test.test(text)`; this RegExp answers with a
 * predicate instead of a pattern, because go-yaml's rules (64-bit ranges, `_` removed before
 * parsing) are not a regular language worth spelling out.
 */
class Predicate extends RegExp {
  readonly #accepts: (text: string) => boolean;
  constructor(accepts: (text: string) => boolean) {
    super('(?!)');
    this.#accepts = accepts;
  }
  override test(text: string): boolean {
    return this.#accepts(text);
  }
}

const numberResolve = (text: string): number => goYamlNumber(text)?.value ?? Number.NaN;

/**
 * Replacements for yaml's YAML 1.1 int and float tags. `base` is yaml's plain int or float tag,
 * kept for identify/stringify. The float tag also accepts integers, for an explicit `!!float 1`;
 * the int tag must come first so plain integers resolve as int.
 */
export function goYamlNumberTags(baseInt: ScalarTag, baseFloat: ScalarTag): { int: ScalarTag; float: ScalarTag } {
  const { format: _intFormat, ...intRest } = baseInt;
  const { format: _floatFormat, ...floatRest } = baseFloat;
  return {
    int: { ...intRest, test: new Predicate((t) => goYamlNumber(t)?.tag === 'int'), resolve: numberResolve },
    float: { ...floatRest, test: new Predicate((t) => goYamlNumber(t) !== undefined), resolve: numberResolve },
  };
}
