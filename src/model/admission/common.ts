/**
 * Helpers shared by the admission modules: bilingual detail messages, name rules, and the
 * "not modelled" / "invalid" error builders bound to one object.
 */
import { forbidden, invalid, notModelled, type InvalidObjectError, type NotModelledError } from '../errors.ts';
import type { K8sObject, Localized } from '../types.ts';

/** A bilingual message. */
export function L(en: string, zh: string): Localized {
  return { en, 'zh-cn': zh };
}

/** Error builders for one object. */
export interface Reject {
  invalid(field: string, detail: Localized): InvalidObjectError;
  /** Refused by an admission plugin (`<resource> "<name>" is forbidden: ...`). */
  forbidden(resource: string, detail: Localized): InvalidObjectError;
  notModelled(what: Localized): NotModelledError;
}

/** Error builders naming obj. */
export function rejectFor(obj: K8sObject): Reject {
  const named = { kind: obj.kind, name: obj.metadata?.name ?? '' };
  return { invalid: (field, detail) => invalid(named, field, detail), forbidden: (resource, detail) => forbidden(named, resource, detail), notModelled: (what) => notModelled(named, what) };
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Checks metadata.name for the kind's name rule; throws InvalidObjectError. */
export function checkName(obj: K8sObject, rule: 'subdomain' | 'label' | 'dns1035'): void {
  const r = rejectFor(obj);
  const name = obj.metadata?.name;
  if (!name) throw r.invalid('metadata.name', L('Required value: name or generateName is required', '必填值：必须提供 name 或 generateName'));
  const ok = rule === 'subdomain' ? SUBDOMAIN.test(name) && name.length <= 253 : (rule === 'label' ? LABEL_1123 : LABEL_1035).test(name) && name.length <= 63;
  if (ok) return;
  const what = {
    subdomain: L("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", "小写 RFC 1123 子域名只能包含小写字母、数字、'-' 或 '.'，并且必须以字母或数字开头和结尾"),
    label: L("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", "小写 RFC 1123 标签只能包含小写字母、数字或 '-'，并且必须以字母或数字开头和结尾"),
    dns1035: L("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", "DNS-1035 标签只能包含小写字母、数字或 '-'，必须以字母开头，以字母或数字结尾"),
  }[rule];
  throw r.invalid('metadata.name', L(`Invalid value: "${name}": ${what.en}`, `无效值 "${name}"：${what['zh-cn']}`));
}

/** Checks a name used inside a spec (container, volume) is an RFC 1123 label. */
export function checkLabelValue(r: Reject, field: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') throw r.invalid(field, L('Required value', '必填值'));
  if (!LABEL_1123.test(value) || value.length > 63) {
    throw r.invalid(field, L(`Invalid value: "${value}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'`, `无效值 "${value}"：小写 RFC 1123 标签只能包含小写字母、数字或 '-'`));
  }
}

/** Throws "Unsupported value" unless value is one of allowed. */
export function checkEnum(r: Reject, field: string, value: unknown, allowed: string[]): void {
  if (allowed.includes(value as string)) return;
  const list = allowed.map((a) => `"${a}"`).join(', ');
  throw r.invalid(field, L(`Unsupported value: "${String(value)}": supported values: ${list}`, `不支持的值 "${String(value)}"：支持的值为 ${list}`));
}

/** Removes fields only the server sets (status, uid, resourceVersion, timestamps). */
export function stripServerFields(obj: K8sObject): K8sObject {
  const copy = structuredClone(obj);
  delete copy.status;
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink']) delete copy.metadata[k];
  return copy;
}
