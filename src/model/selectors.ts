/**
 * Label selectors, node selector terms and taint tolerations, with the API's semantics:
 * matchLabels AND matchExpressions (In, NotIn, Exists, DoesNotExist; Gt, Lt for nodes);
 * node selector terms are ORed and an empty term matches nothing; a toleration with operator
 * Exists and no key tolerates every taint.
 */

export interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Requirement[];
}

/** One requirement against a label set (or node fields). */
export function matchRequirement(req: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false;
      const a = Number(value);
      const b = Number(values[0]);
      if (!Number.isInteger(a) || !Number.isInteger(b)) return false;
      return req.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** A label selector against labels. An absent selector matches `whenAbsent`; an empty one matches everything. */
export function matchSelector(selector: LabelSelector | null | undefined, labels: Record<string, string> = {}, whenAbsent = true): boolean {
  if (!selector) return whenAbsent;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  return (selector.matchExpressions ?? []).every((r) => matchRequirement(r, labels));
}

/** matchLabels-only selector, e.g. pods(labels). */
export function matchLabels(want: Record<string, string> | undefined, labels: Record<string, string> = {}): boolean {
  return Object.entries(want ?? {}).every(([k, v]) => labels[k] === v);
}

export interface NodeSelectorTerm {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

/** Required node affinity terms (ORed) against a node's name and labels. */
export function matchNodeSelectorTerms(terms: NodeSelectorTerm[] | undefined, nodeName: string, nodeLabels: Record<string, string>): boolean {
  return (terms ?? []).some((term) => {
    const exprs = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (exprs.length === 0 && fields.length === 0) return false;
    return (
      exprs.every((r) => matchRequirement(r, nodeLabels)) &&
      fields.every((r) => r.key === 'metadata.name' && matchRequirement(r, { 'metadata.name': nodeName }))
    );
  });
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/** True if one of the tolerations tolerates the taint. */
export function tolerates(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}
