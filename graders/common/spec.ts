/**
 * Reading the student's objects for static checks: find an object by kind and name (with a
 * helpful finding when it is missing), reach the pod spec of a Pod or a controller's template,
 * and look up containers, volumes and mounts by the names and paths the exercise fixes.
 */
import { posix } from 'node:path';
import type { Finding, Submission, SubmittedObject } from '../../src/grader/define.ts';
import { t } from './text.ts';

export type FieldPath = (string | number)[];

/** Where a kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, FieldPath> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
};

/** A pod spec inside an object and the field path that leads to it. */
export interface PodSpecRef {
  spec: any;
  path: FieldPath;
}

/** "/cache/" and "/cache" and "//cache" are the same mount path. */
export function normPath(p: unknown): string | undefined {
  if (typeof p !== 'string' || p === '') return undefined;
  const n = posix.normalize(p);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

/** The pod spec of a Pod or a controller's template, if there is one. */
export function podSpecOf(o: SubmittedObject): PodSpecRef | undefined {
  const path = POD_SPEC_PATHS[o.object.kind];
  if (!path) return undefined;
  let node: any = o.object;
  for (const seg of path) node = node?.[seg];
  return node && typeof node === 'object' ? { spec: node, path } : undefined;
}

/** The named container of a pod spec and its index. */
export function containerNamed(spec: any, name: string): { container: any; index: number } | undefined {
  const list: any[] = Array.isArray(spec?.containers) ? spec.containers : [];
  const index = list.findIndex((c) => c?.name === name);
  return index < 0 ? undefined : { container: list[index], index };
}

/** The named volume of a pod spec and its index. */
export function volumeNamed(spec: any, name: unknown): { volume: any; index: number } | undefined {
  const list: any[] = Array.isArray(spec?.volumes) ? spec.volumes : [];
  const index = list.findIndex((v) => v?.name === name);
  return index < 0 ? undefined : { volume: list[index], index };
}

/** The container's mount at mountPath (trailing slashes ignored) and its index. */
export function mountAt(container: any, mountPath: string): { mount: any; index: number } | undefined {
  const list: any[] = Array.isArray(container?.volumeMounts) ? container.volumeMounts : [];
  const index = list.findIndex((m) => normPath(m?.mountPath) === mountPath);
  return index < 0 ? undefined : { mount: list[index], index };
}

/** Every container of a pod spec with its index (not init containers). */
export function containers(spec: any): { container: any; index: number }[] {
  const list: any[] = Array.isArray(spec?.containers) ? spec.containers : [];
  return list.map((container, index) => ({ container, index }));
}

/** Names of the containers of a pod spec, for messages. */
export function containerNames(spec: any): string {
  return containers(spec).map(({ container }) => String(container?.name ?? '?')).join(', ') || '-';
}

/**
 * Finds kind/name; when absent returns a finding that names what the files do have: other
 * objects of that kind, or an object of another kind with that name (except ignoreKinds, for
 * exercises where two kinds share a name on purpose).
 */
export function requireObject(
  sub: Submission,
  kind: string,
  name: string,
  opts: { ignoreKinds?: string[] } = {},
): { obj: SubmittedObject } | { finding: Finding } {
  const obj = sub.find(kind, name);
  if (obj) return { obj };
  const sameKind = sub.all(kind).map((o) => o.object.metadata.name);
  const ignored = opts.ignoreKinds ?? [];
  const otherKind = sub.objects.find((o) => o.object.metadata.name === name && o.object.kind !== kind && !ignored.includes(o.object.kind));
  let en = `your files have no ${kind} named ${name}`;
  let zh = `你的文件中没有名为 ${name} 的 ${kind}`;
  if (sameKind.length > 0) {
    en += ` (there is ${kind} ${sameKind.join(', ')}: the name must be exactly ${name})`;
    zh += `（现有的 ${kind}：${sameKind.join('、')}；名称必须正好是 ${name}）`;
  }
  if (otherKind) {
    en += `; there is a ${otherKind.object.kind} named ${name}, but the exercise needs a ${kind}`;
    zh += `；有一个名为 ${name} 的 ${otherKind.object.kind}，但练习要求的是 ${kind}`;
  }
  return { finding: { message: t(en, zh), at: (otherKind ?? sub.all(kind)[0])?.pos } };
}

/** The value at a field path of an object, or undefined. */
export function getIn(root: unknown, path: FieldPath): any {
  let node: any = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[seg];
  }
  return node;
}

/**
 * True when labels satisfy a LabelSelector (matchLabels and matchExpressions: In, NotIn, Exists,
 * DoesNotExist). A missing selector matches nothing; an empty one matches everything.
 */
export function selectorMatches(selector: any, labels: Record<string, unknown>): boolean {
  if (!selector || typeof selector !== 'object') return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    const has = typeof e?.key === 'string' && e.key in labels;
    const values: unknown[] = Array.isArray(e?.values) ? e.values : [];
    const value = has ? labels[e.key] : undefined;
    const ok =
      e?.operator === 'In' ? has && values.includes(value)
        : e?.operator === 'NotIn' ? !has || !values.includes(value)
          : e?.operator === 'Exists' ? has
            : e?.operator === 'DoesNotExist' ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}

/** "app=web, tier=data" for messages. */
export function showLabels(labels: Record<string, unknown> | undefined): string {
  return Object.entries(labels ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ') || '-';
}

/** True when nodeSelectorTerms admit only nodes labelled key=value: every term requires key In [value]. */
export function termsRequireLabel(terms: unknown, key: string, value: string): boolean {
  if (!Array.isArray(terms) || terms.length === 0) return false;
  return terms.every((term: any) =>
    (term?.matchExpressions ?? []).some(
      (e: any) => e?.key === key && e?.operator === 'In' && Array.isArray(e.values) && e.values.length > 0 && e.values.every((v: unknown) => v === value),
    ),
  );
}
