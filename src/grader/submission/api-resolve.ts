/**
 * Decides whether a document's apiVersion/kind is a Kubernetes API a current cluster serves (or one
 * the course cluster's snapshot CRDs add), with the message a student needs when it is not:
 * missing fields, removed APIs ("Deployment in apps/v1beta2 was removed in Kubernetes 1.16; use
 * apps/v1", "VolumeSnapshot in snapshot.storage.k8s.io/v1beta1 was removed in external-snapshotter
 * 6.0"), kinds in the wrong group ("StorageClass is in storage.k8s.io/v1"), and typos ("did you
 * mean Deployment?").
 */
import type { Problem } from '../report/model.ts';
import { allServedKinds, allServedVersions, removedIn, removedVersion, servedKinds, servedVersionsOf } from './api-table.ts';
import { didYouMean } from './did-you-mean.ts';
import type { Locator } from './locator.ts';
import { problem } from './problem.ts';

/** A served apiVersion/kind pair, or the problems that say why the document's pair is not one. */
export type Resolved = { ok: true; apiVersion: string; kind: string } | { ok: false; problems: Problem[] };

/** The CRD API the course cluster adds (api-table.ts CRD_SERVED), named in the unknown-version message. */
const SNAPSHOT_API = 'snapshot.storage.k8s.io/v1';
const KIND_SHAPE = /^[A-Za-z][A-Za-z0-9]{0,62}$/;
const API_VERSION_SHAPE = /^(?:[a-z0-9][a-z0-9.-]{0,252}\/)?v[0-9][a-z0-9]{0,20}$/;

/** Checks apiVersion and kind of a document's value (anything YAML produced). */
export function resolveApi(value: unknown, loc: Locator): Resolved {
  const fail = (p: Problem): Resolved => ({ ok: false, problems: [p] });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? { en: 'a list', zh: '一个列表' } : { en: `the plain value ${JSON.stringify(value)}`, zh: `普通值 ${JSON.stringify(value)}` };
    return fail(problem('object.notMapping', {
      en: `this document is ${what.en}, not a Kubernetes object. Each document must be a mapping with apiVersion, kind and metadata`,
      'zh-cn': `这个文档是${what.zh}，而不是 Kubernetes 对象。每个文档都必须是包含 apiVersion、kind 和 metadata 的映射`,
    }, loc.pos));
  }
  const obj = value as Record<string, unknown>;
  const kind = obj.kind;
  const apiVersion = obj.apiVersion;
  if (typeof kind !== 'string' || kind === '') {
    const present = kind !== undefined && kind !== null && kind !== '';
    return fail(problem('object.missingKind', present
      ? { en: '"kind" must be a name such as Pod or PersistentVolumeClaim', 'zh-cn': '"kind" 必须是一个名称，例如 Pod 或 PersistentVolumeClaim' }
      : { en: 'this object has no "kind" (for example kind: Pod or kind: PersistentVolumeClaim)', 'zh-cn': '这个对象缺少 "kind"（例如 kind: Pod 或 kind: PersistentVolumeClaim）' },
    'kind' in obj ? loc.keyAt(['kind']) : loc.pos));
  }
  if (!KIND_SHAPE.test(kind)) {
    return fail(problem('api.unknownKind', {
      en: `${JSON.stringify(kind)} is not a valid kind; a kind is one word such as Pod or StatefulSet`,
      'zh-cn': `${JSON.stringify(kind)} 不是合法的 kind；kind 是一个单词，例如 Pod 或 StatefulSet`,
    }, loc.valueAt(['kind'])));
  }
  const served = servedVersionsOf(kind);
  const use = served.join(' or ');
  const useZh = served.join(' 或 ');
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    const example = served.length > 0 ? { en: `a ${kind} needs apiVersion: ${served[0]}`, zh: `${kind} 需要 apiVersion: ${served[0]}` } : { en: 'for example apiVersion: v1 for a Pod', zh: '例如 Pod 的 apiVersion 是 v1' };
    const present = apiVersion !== undefined && apiVersion !== null && apiVersion !== '';
    return fail(problem('object.missingApiVersion', present
      ? { en: `"apiVersion" must be text such as v1 or apps/v1 (${example.en})`, 'zh-cn': `"apiVersion" 必须是文本，例如 v1 或 apps/v1（${example.zh}）` }
      : { en: `this object has no "apiVersion" (${example.en})`, 'zh-cn': `这个对象缺少 "apiVersion"（${example.zh}）` },
    'apiVersion' in obj ? loc.keyAt(['apiVersion']) : loc.pos));
  }
  const versionAt = loc.valueAt(['apiVersion']);
  const kindAt = loc.valueAt(['kind']);
  if (kind.endsWith('List') && (kind === 'List' || servedVersionsOf(kind.slice(0, -4)).length > 0)) {
    return fail(problem('api.list', {
      en: `a ${kind} is not supported here; write each object as its own YAML document, separated by a line with ---`,
      'zh-cn': `这里不支持 ${kind}；请把每个对象写成单独的 YAML 文档，文档之间用一行 --- 分隔`,
    }, kindAt));
  }
  // apiVersion and kind are the user's text: tables are read through servedKinds/removedVersion,
  // which ignore Object.prototype ("__proto__", "constructor", "toString" are not versions).
  const removed = removedVersion(apiVersion);
  if (removed?.kinds.includes(kind)) {
    const release = removedIn(removed, kind);
    const instead = served.length > 0
      ? { en: `use apiVersion: ${use}`, zh: `请改用 apiVersion: ${useZh}` }
      : kind === 'PodSecurityPolicy'
        ? { en: 'Pod Security Admission (namespace labels) replaced it', zh: '它已被 Pod 安全准入（Pod Security Admission，名字空间标签）取代' }
        : { en: 'there is no replacement', zh: '它没有替代品' };
    // A CRD's versions are removed by the project that ships the CRD, not by a Kubernetes release.
    const by = removed.project
      ? { en: `${removed.project} ${release} (the project whose CRDs add this API to the cluster)`, zh: `${removed.project} ${release} 中移除（${removed.project} 是为集群添加这个 API 的 CRD 所属的项目）` }
      : { en: `Kubernetes ${release}`, zh: `Kubernetes ${release} 中移除` };
    return fail(problem('api.removed', {
      en: `${kind} in ${apiVersion} was removed in ${by.en}; ${instead.en}`,
      'zh-cn': `${apiVersion} 中的 ${kind} 已在 ${by.zh}；${instead.zh}`,
    }, versionAt));
  }
  const servedHere = servedKinds(apiVersion);
  if (servedHere?.includes(kind)) return { ok: true, apiVersion, kind };
  if (served.length > 0) {
    return fail(problem('api.wrongGroup', {
      en: `${kind} is in ${use}, not ${apiVersion}; write apiVersion: ${served[0]}`,
      'zh-cn': `${kind} 属于 ${useZh}，而不是 ${apiVersion}；请写 apiVersion: ${served[0]}`,
    }, versionAt));
  }
  const known = servedHere ?? removed?.kinds;
  if (known === undefined) return fail(unknownVersion(apiVersion, kind, versionAt));
  const local = didYouMean(kind, servedHere ?? []);
  const anywhere = local ?? didYouMean(kind, allServedKinds());
  const where = anywhere && !local ? servedVersionsOf(anywhere)[0] : undefined;
  const hintEn = anywhere ? ` (did you mean "${anywhere}"${where ? `, which is in ${where}` : ''}?)` : '';
  const hintZh = anywhere ? `（你是不是想写 "${anywhere}"${where ? `？它属于 ${where}` : '？'}）` : '';
  return fail(problem('api.unknownKind', {
    en: `unknown kind "${kind}" for apiVersion ${apiVersion}${hintEn}`,
    'zh-cn': `apiVersion ${apiVersion} 中没有 "${kind}" 这个 kind${hintZh}`,
  }, kindAt));
}

function unknownVersion(apiVersion: string, kind: string, at: ReturnType<Locator['valueAt']>): Problem {
  const versions = allServedVersions();
  const guess = API_VERSION_SHAPE.test(apiVersion) ? didYouMean(apiVersion, versions) : undefined;
  const hintEn = guess ? ` (did you mean ${guess}?)` : '';
  const hintZh = guess ? `（你是不是想写 ${guess}？）` : '';
  return problem('api.unknownApiVersion', {
    en: `"${apiVersion}" is not an API version that a default Kubernetes cluster serves${hintEn}; the grader knows only the built-in kinds and the course cluster's snapshot kinds (${SNAPSHOT_API}), and "${kind}" is not one of them`,
    'zh-cn': `"${apiVersion}" 不是默认 Kubernetes 集群提供的 API 版本${hintZh}；评分程序只认识内置的 kind 和课程集群的快照 kind（${SNAPSHOT_API}），而 "${kind}" 不在其中`,
  }, at);
}
