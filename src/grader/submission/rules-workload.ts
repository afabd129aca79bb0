/**
 * Controller rules the API server enforces (pkg/apis/apps/validation, pkg/apis/batch/validation):
 * a Deployment, ReplicaSet, DaemonSet or StatefulSet needs a non-empty selector that matches its
 * template's labels; their templates must use restartPolicy Always; a Job's template must say
 * OnFailure or Never.
 */
import type { Problem } from '../report/model.ts';
import type { Locator } from './locator.ts';
import { getIn, isObject, ownValue, podSpecOf, type Json } from './pod-specs.ts';
import { formatPath, problem } from './problem.ts';

const SELECTING = ['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'];

/** True when labels satisfy a LabelSelector (matchLabels and matchExpressions); only own label keys count. */
export function selectorMatches(selector: Json, labels: Record<string, unknown>): boolean {
  const match = isObject(selector.matchLabels) ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(match)) if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    if (!isObject(e) || typeof e.key !== 'string') continue;
    const has = Object.hasOwn(labels, e.key);
    const value = ownValue(labels, e.key);
    const values = Array.isArray(e.values) ? e.values : [];
    const ok =
      e.operator === 'In' ? has && values.includes(value)
        : e.operator === 'NotIn' ? !has || !values.includes(value)
          : e.operator === 'Exists' ? has
            : e.operator === 'DoesNotExist' ? !has
              : true;
    if (!ok) return false;
  }
  return true;
}

const show = (labels: Record<string, unknown>) => Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`).join(', ');

/** Selector and restartPolicy problems of a controller object. */
export function workloadProblems(obj: Json, loc: Locator): Problem[] {
  const kind = String(obj.kind);
  const out: Problem[] = [];
  const pod = podSpecOf(obj);
  if (SELECTING.includes(kind) && isObject(obj.spec) && isObject(obj.spec.selector)) {
    const selector = obj.spec.selector;
    const matchLabels = isObject(selector.matchLabels) ? selector.matchLabels : {};
    const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
    const labelsValue = getIn(obj, ['spec', 'template', 'metadata', 'labels']);
    const labels = isObject(labelsValue) ? labelsValue : {};
    if (Object.keys(matchLabels).length + expressions.length === 0) {
      out.push(problem('server.emptySelector', {
        en: `spec.selector of a ${kind} must not be empty; add matchLabels with the labels of spec.template.metadata.labels`,
        'zh-cn': `${kind} 的 spec.selector 不能为空；请添加 matchLabels，写上 spec.template.metadata.labels 中的标签`,
      }, loc.keyAt(['spec', 'selector'])));
    } else if (!selectorMatches(selector, labels)) {
      const hasEn = Object.keys(labels).length > 0 ? show(labels) : 'no labels';
      const hasZh = Object.keys(labels).length > 0 ? show(labels) : '没有标签';
      const wants = show(matchLabels) || 'matchExpressions';
      out.push(problem('server.selectorMismatch', {
        en: `spec.selector does not match the pod template's labels (selector: ${wants}; template: ${hasEn}). The ${kind} could never find its own pods: make spec.template.metadata.labels contain the selector's labels`,
        'zh-cn': `spec.selector 与 Pod 模板的标签不匹配（selector：${wants}；模板：${hasZh}）。这样 ${kind} 永远找不到自己的 Pod：请让 spec.template.metadata.labels 包含 selector 中的标签`,
      }, labelsValue !== undefined ? loc.keyAt(['spec', 'template', 'metadata', 'labels']) : loc.keyAt(['spec', 'selector'])));
    }
  }
  if (pod && SELECTING.includes(kind) && pod.spec.restartPolicy !== undefined && pod.spec.restartPolicy !== 'Always') {
    out.push(problem('server.restartPolicy', {
      en: `${formatPath([...pod.path, 'restartPolicy'])} must be Always in a ${kind} (it restarts its pods' containers); remove the line or write Always`,
      'zh-cn': `${kind} 中的 ${formatPath([...pod.path, 'restartPolicy'])} 必须是 Always（它会重启 Pod 的容器）；请删除这一行或写成 Always`,
    }, loc.valueAt([...pod.path, 'restartPolicy'])));
  }
  if (pod && (kind === 'Job' || kind === 'CronJob') && pod.spec.restartPolicy !== 'OnFailure' && pod.spec.restartPolicy !== 'Never') {
    out.push(problem('server.restartPolicy', {
      en: `${formatPath([...pod.path, 'restartPolicy'])} of a ${kind} must be OnFailure or Never`,
      'zh-cn': `${kind} 的 ${formatPath([...pod.path, 'restartPolicy'])} 必须是 OnFailure 或 Never`,
    }, 'restartPolicy' in pod.spec ? loc.valueAt([...pod.path, 'restartPolicy']) : loc.keyAt(pod.path)));
  }
  return out;
}
