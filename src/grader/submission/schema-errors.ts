/**
 * Turns kubernetes-models' ajv errors into friendly Problems: one per field, oneOf/anyOf noise
 * dropped, int-or-string and quantity branches merged ("must be an integer or a string"), quoting
 * hints for YAML 1.1 surprises (`yes` is a boolean), and did-you-mean for enum values.
 */
import type { Problem } from '../report/model.ts';
import { describeActual, describeExpected, short } from './describe-value.ts';
import { didYouMean } from './did-you-mean.ts';
import type { Locator } from './locator.ts';
import { getIn, ownValue } from './pod-specs.ts';
import { formatPath, problem, type FieldPath } from './problem.ts';

/** The fields of an ajv ErrorObject this module reads. */
export interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** JSON pointer ("/spec/containers/0/name") to a field path (['spec','containers',0,'name']). */
export function pointerToPath(pointer: string, root: unknown): FieldPath {
  const out: FieldPath = [];
  let node: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index = Array.isArray(node) && /^\d+$/.test(seg) ? Number(seg) : undefined;
    out.push(index ?? seg);
    node = ownValue(node, seg);
  }
  return out;
}

/** The value at a field path (own properties only), or undefined. */
export function valueAtPath(root: unknown, path: FieldPath): unknown {
  return getIn(root, path);
}

/** Problems for one object's validation errors. */
export function schemaProblems(errors: AjvError[], value: unknown, loc: Locator): Problem[] {
  const groups = new Map<string, AjvError[]>();
  for (const e of errors) groups.set(e.instancePath, [...(groups.get(e.instancePath) ?? []), e]);
  const out: Problem[] = [];
  for (const [pointer, group] of groups) {
    const path = pointerToPath(pointer, value);
    for (const e of group.filter((g) => g.keyword === 'required')) out.push(requiredProblem(path, String(e.params.missingProperty), loc));
    const rest = group.filter((g) => !['required', 'oneOf', 'anyOf', 'if'].includes(g.keyword));
    if (rest.length > 0) out.push(fieldProblem(path, rest, valueAtPath(value, path), loc));
  }
  return out;
}

function requiredProblem(parent: FieldPath, field: string, loc: Locator): Problem {
  const where = formatPath(parent);
  return problem('schema.required', {
    en: where ? `missing required field "${field}" in ${where}` : `missing required field "${field}"`,
    'zh-cn': where ? `${where} 缺少必填字段 "${field}"` : `缺少必填字段 "${field}"`,
  }, parent.length > 0 ? loc.keyAt(parent) : loc.pos);
}

function fieldProblem(path: FieldPath, group: AjvError[], value: unknown, loc: Locator): Problem {
  const at = loc.valueAt(path);
  const name = formatPath(path) || '(document)';
  const types = group.filter((g) => g.keyword === 'type');
  const formats = group.filter((g) => g.keyword === 'format').map((g) => String(g.params.format));
  if (formats.includes('quantity')) return quantityProblem(name, value, at);
  if (types.length > 0) {
    const expected = new Set(types.flatMap((t) => ([] as unknown[]).concat(t.params.type).map(String)));
    const want = describeExpected(expected);
    const got = describeActual(value);
    const hint = quoteHint(expected, value, loc.sourceText(path));
    return problem('schema.type', {
      en: `${name} must be ${want.en}, got ${got.en}${hint.en}`,
      'zh-cn': `${name} 必须是${want['zh-cn']}，但这里是${got['zh-cn']}${hint['zh-cn']}`,
    }, at);
  }
  const enumError = group.find((g) => g.keyword === 'enum');
  if (enumError) {
    const allowed = ((enumError.params.allowedValues as unknown[]) ?? []).filter((v): v is string => typeof v === 'string' && v !== '');
    const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
    const shown = JSON.stringify(typeof value === 'string' ? short(value) : value);
    return problem('schema.enum', {
      en: `${name}: ${shown} is not allowed; use one of ${allowed.join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`,
      'zh-cn': `${name} 的值 ${shown} 不被允许，请使用 ${allowed.join('、')} 之一${guess ? `（你是不是想写 "${guess}"？）` : ''}`,
    }, at);
  }
  if (formats.length > 0) return formatProblem(name, formats[0]!, value, at);
  const keywords = [...new Set(group.map((g) => g.keyword))].join(', ');
  return problem('schema.invalid', {
    en: `${name} has a value the Kubernetes schema does not allow (rule: ${keywords})`,
    'zh-cn': `${name} 的值不符合 Kubernetes 的 schema（规则：${keywords}）`,
  }, at);
}

/** Hints for values YAML typed differently from what the author meant. */
function quoteHint(expected: Set<string>, value: unknown, source: string | undefined): { en: string; 'zh-cn': string } {
  const wantsString = expected.has('string') && !expected.has('integer') && !expected.has('number');
  if (wantsString && (typeof value === 'number' || typeof value === 'boolean')) {
    const written = source ?? String(value);
    const why = typeof value === 'boolean' && !/^(true|false)$/i.test(written)
      ? { en: `YAML reads ${written} as a boolean; `, zh: `YAML 会把 ${written} 读成布尔值；` }
      : { en: '', zh: '' };
    return { en: ` (${why.en}put it in quotes: "${written}")`, 'zh-cn': `（${why.zh}请加上引号："${written}"）` };
  }
  const wantsNumber = expected.has('integer') || expected.has('number');
  if (wantsNumber && !expected.has('string') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    return { en: ` (write it without quotes: ${value.trim()})`, 'zh-cn': `（请去掉引号：${value.trim()}）` };
  }
  return { en: '', 'zh-cn': '' };
}

const QUANTITY = /^[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+))?$/;

/** "1GB" -> "1Gi", "500 mb" -> "500Mi", "1gi" -> "1Gi"; undefined when no close valid quantity exists. */
export function suggestQuantity(text: string): string | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([kKmMgGtTpPeE])(i?)[bB]?$/.exec(text.trim());
  if (!m) return undefined;
  const guess = `${m[1]}${m[2]!.toUpperCase()}i`;
  return guess !== text && QUANTITY.test(guess) ? guess : undefined;
}

function quantityProblem(name: string, value: unknown, at: ReturnType<Locator['valueAt']>) {
  const shown = JSON.stringify(typeof value === 'string' ? short(value) : value);
  const guess = typeof value === 'string' ? suggestQuantity(value) : undefined;
  return problem('schema.quantity', {
    en: `${name}: ${shown} is not a valid quantity${guess ? ` (did you mean "${guess}"?)` : ''}. Write a number with an optional unit: Ki, Mi, Gi, Ti (powers of 1024) or k, M, G, T (powers of 1000), e.g. 1Gi or 500Mi; there is no "B"`,
    'zh-cn': `${name} 的值 ${shown} 不是合法的数量${guess ? `（你是不是想写 "${guess}"？）` : ''}。数量（quantity）要写成数字加可选单位：Ki、Mi、Gi、Ti（1024 的幂）或 k、M、G、T（1000 的幂），例如 1Gi 或 500Mi；单位里没有 "B"`,
  }, at);
}

function formatProblem(name: string, format: string, value: unknown, at: ReturnType<Locator['valueAt']>) {
  const texts: Record<string, { en: string; 'zh-cn': string }> = {
    int32: { en: `${name} must be a whole number that fits in 32 bits (at most 2147483647)`, 'zh-cn': `${name} 必须是 32 位范围内的整数（最大 2147483647）` },
    int64: { en: `${name} must be a whole number that fits in 64 bits`, 'zh-cn': `${name} 必须是 64 位范围内的整数` },
    byte: { en: `${name} must be base64-encoded (put plain text in stringData instead of data)`, 'zh-cn': `${name} 必须是 base64 编码（明文请写在 stringData 而不是 data 中）` },
    'date-time': { en: `${name} must be a date and time such as 2024-01-31T12:00:00Z`, 'zh-cn': `${name} 必须是日期时间，例如 2024-01-31T12:00:00Z` },
  };
  const text = texts[format] ?? {
    en: `${name}: ${JSON.stringify(value)} is not in the "${format}" format`,
    'zh-cn': `${name} 的值 ${JSON.stringify(value)} 不符合 "${format}" 格式`,
  };
  return problem('schema.format', text, at);
}
