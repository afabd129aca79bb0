/**
 * Name rules the API server enforces and the OpenAPI schema does not: every object needs
 * metadata.name (kubectl apply refuses generateName), object names must be DNS-1123 subdomains
 * (Service: DNS-1035 label, StatefulSet and Namespace: DNS-1123 label), and container and volume
 * names must be DNS-1123 labels (core/validation ValidateContainers, validateVolumes).
 */
import type { Problem } from '../report/model.ts';
import type { Locator } from './locator.ts';
import { containersOf, isObject, objectItems, podSpecOf, type Json } from './pod-specs.ts';
import { formatPath, problem, type FieldPath } from './problem.ts';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

type NameRule = 'subdomain' | 'label' | 'label1035';

const OBJECT_NAME_RULE: Record<string, NameRule> = { Service: 'label1035', StatefulSet: 'label', Namespace: 'label' };

/** Why name breaks the rule, or undefined when it is fine. */
export function nameError(name: string, rule: NameRule): { en: string; 'zh-cn': string } | undefined {
  const max = rule === 'subdomain' ? 253 : 63;
  if (name.length > max) return { en: `it is longer than ${max} characters`, 'zh-cn': `它超过了 ${max} 个字符` };
  const shape = rule === 'subdomain' ? SUBDOMAIN : rule === 'label' ? LABEL : LABEL_1035;
  if (shape.test(name)) return undefined;
  const allowed = rule === 'subdomain' ? { en: 'lowercase letters, digits, "-" and "."', zh: '小写字母、数字、"-" 和 "."' } : { en: 'lowercase letters, digits and "-"', zh: '小写字母、数字和 "-"' };
  const start = rule === 'label1035' ? { en: 'start with a letter and end with a letter or digit', zh: '以字母开头、以字母或数字结尾' } : { en: 'start and end with a letter or digit', zh: '以字母或数字开头和结尾' };
  return { en: `use only ${allowed.en}, and ${start.en}`, 'zh-cn': `只能使用${allowed.zh}，并且要${start.zh}` };
}

/** A valid name close to `name`, e.g. "My_Claim" -> "my-claim". */
export function suggestName(name: string, rule: NameRule): string | undefined {
  let s = name.toLowerCase().replace(rule === 'subdomain' ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  if (rule === 'label1035') s = s.replace(/^[^a-z]+/, '');
  s = s.slice(0, rule === 'subdomain' ? 253 : 63).replace(/[-.]+$/, '');
  return s && s !== name && nameError(s, rule) === undefined ? s : undefined;
}

function nameProblem(what: { en: string; zh: string }, path: FieldPath, name: string, rule: NameRule, loc: Locator): Problem | undefined {
  const why = nameError(name, rule);
  if (!why) return undefined;
  const guess = suggestName(name, rule);
  return problem('server.invalidName', {
    en: `${formatPath(path)}: ${JSON.stringify(name)} is not a valid ${what.en}: ${why.en}${guess ? ` (for example "${guess}")` : ''}`,
    'zh-cn': `${formatPath(path)} 的值 ${JSON.stringify(name)} 不是合法的${what.zh}：${why['zh-cn']}${guess ? `（例如 "${guess}"）` : ''}`,
  }, loc.valueAt(path));
}

/** metadata.name present and well-formed; container and volume names well-formed. */
export function nameProblems(obj: Json, loc: Locator): Problem[] {
  const out: Problem[] = [];
  const meta = obj.metadata;
  const name = isObject(meta) ? meta.name : undefined;
  if (typeof name !== 'string' || name === '') {
    out.push(problem('object.missingName', {
      en: `this ${String(obj.kind)} has no metadata.name; every object needs a name (kubectl apply cannot use generateName)`,
      'zh-cn': `这个 ${String(obj.kind)} 缺少 metadata.name；每个对象都需要名称（kubectl apply 不能使用 generateName）`,
    }, isObject(meta) ? loc.keyAt(['metadata']) : loc.pos));
  } else {
    const kind = String(obj.kind);
    const rule = Object.hasOwn(OBJECT_NAME_RULE, kind) ? OBJECT_NAME_RULE[kind]! : 'subdomain';
    const p = nameProblem({ en: `${kind} name`, zh: ` ${kind} 名称` }, ['metadata', 'name'], name, rule, loc);
    if (p) out.push(p);
  }
  const pod = podSpecOf(obj);
  if (!pod) return out;
  for (const { container, path } of containersOf(pod.spec, pod.path)) {
    if (typeof container.name !== 'string') continue;
    const p = nameProblem({ en: 'container name', zh: '容器名称' }, [...path, 'name'], container.name, 'label', loc);
    if (p) out.push(p);
  }
  for (const { item, index } of objectItems(pod.spec.volumes)) {
    if (typeof item.name !== 'string') continue;
    const p = nameProblem({ en: 'volume name', zh: '卷名称' }, [...pod.path, 'volumes', index, 'name'], item.name, 'label', loc);
    if (p) out.push(p);
  }
  return out;
}
