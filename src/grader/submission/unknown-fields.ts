/**
 * Messages for unknown fields: a typo gets "did you mean", and a real field written at the wrong
 * level (volumeMounts on the pod, mountPath on a volume, storage straight under a PVC's spec) gets
 * "it belongs in ...". The place is recognised by the fields its schema knows, so one table works
 * for Pods and for the pod templates of Deployments and StatefulSets.
 */
import type { Localized } from '../../i18n/lang.ts';
import type { SourcePos } from '../cluster/cluster.ts';
import type { Problem } from '../report/model.ts';
import { didYouMean } from './did-you-mean.ts';
import type { Locator } from './locator.ts';
import { formatPath, problem } from './problem.ts';
import type { UnknownField } from './track-reads.ts';

interface Misplaced {
  /** The place, recognised by fields its schema knows. */
  place: string[];
  fields: string[];
  hint: Localized;
}

const CONTAINER_FIELDS = ['image', 'command', 'args', 'volumeMounts', 'ports', 'env', 'envFrom', 'resources', 'imagePullPolicy', 'workingDir', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'stdin', 'tty'];
const VOLUME_TYPES = ['emptyDir', 'hostPath', 'persistentVolumeClaim', 'nfs', 'configMap', 'secret', 'local'];

const MISPLACED: Misplaced[] = [
  { place: ['containers', 'volumes'], fields: CONTAINER_FIELDS, hint: { en: 'it belongs to a container: move it under containers, into the container that uses it', 'zh-cn': '它属于容器：请把它移到 containers 下、使用它的那个容器里' } },
  { place: ['image', 'volumeMounts'], fields: ['volumes', 'nodeSelector', 'restartPolicy', 'affinity', 'tolerations', 'nodeName', 'initContainers', 'hostNetwork', 'serviceAccountName', 'containers'], hint: { en: 'it belongs to the pod spec, next to containers:, not inside a container', 'zh-cn': '它属于 Pod 的 spec，应与 containers: 同级，而不是写在容器里面' } },
  { place: ['emptyDir', 'hostPath'], fields: ['mountPath', 'subPath', 'mountPropagation'], hint: { en: "it goes in the container's volumeMounts (name + mountPath); spec.volumes only says what the volume is", 'zh-cn': '它应写在容器的 volumeMounts 中（name + mountPath）；spec.volumes 只说明卷是什么' } },
  { place: ['emptyDir', 'hostPath'], fields: ['claimName'], hint: { en: 'it goes under persistentVolumeClaim:', 'zh-cn': '它应写在 persistentVolumeClaim: 下面' } },
  { place: ['emptyDir', 'hostPath'], fields: ['path', 'type', 'server', 'medium', 'sizeLimit'], hint: { en: 'it goes one level deeper, under the volume type (hostPath:, nfs: or emptyDir:)', 'zh-cn': '它应再缩进一层，写在卷类型（hostPath:、nfs: 或 emptyDir:）下面' } },
  { place: ['mountPath', 'subPath'], fields: VOLUME_TYPES, hint: { en: 'the volume type goes in spec.volumes; a volumeMount only names the volume and says where to mount it', 'zh-cn': '卷类型应写在 spec.volumes 中；volumeMounts 只写卷的名称和挂载位置' } },
  { place: ['template', 'replicas'], fields: ['containers', 'volumes', 'nodeSelector', 'restartPolicy'], hint: { en: 'it belongs in the pod template: spec.template.spec', 'zh-cn': '它属于 Pod 模板：spec.template.spec' } },
  { place: ['accessModes', 'volumeName'], fields: ['storage', 'requests'], hint: { en: 'a claim asks for space with resources: requests: storage: (e.g. 1Gi)', 'zh-cn': '持久卷申领通过 resources: requests: storage: 申请空间（例如 1Gi）' } },
  { place: ['accessModes', 'volumeName'], fields: ['capacity'], hint: { en: 'capacity is for a PersistentVolume; a claim uses resources: requests: storage:', 'zh-cn': 'capacity 用于 PersistentVolume；持久卷申领要用 resources: requests: storage:' } },
  { place: ['requests', 'limits'], fields: ['storage', 'cpu', 'memory'], hint: { en: 'it goes one level deeper, under requests: (or limits:)', 'zh-cn': '它应再缩进一层，写在 requests:（或 limits:）下面' } },
  { place: ['apiVersion', 'kind', 'metadata'], fields: ['containers', 'volumes', 'replicas', 'accessModes', 'resources', 'storageClassName', 'selector', 'template', 'capacity'], hint: { en: 'it belongs under spec:', 'zh-cn': '它应写在 spec: 下面' } },
  { place: ['apiVersion', 'kind', 'metadata'], fields: ['name', 'labels', 'namespace', 'annotations'], hint: { en: 'it belongs under metadata:', 'zh-cn': '它应写在 metadata: 下面' } },
];

/** The problems built, and how many more unknown fields there were. */
export interface UnknownFieldReport {
  problems: Problem[];
  /** Unknown fields past `max`: counted, not turned into problems. */
  hidden: number;
}

/**
 * One Problem per unknown field, pointing at the field's key, in file order. Only the first `max`
 * are built (positions are cheap, did-you-mean is not); the rest are counted in `hidden`. The
 * loader shows at most `max` problems in all, so the ones left out could never be shown.
 */
export function unknownFieldProblems(fields: UnknownField[], loc: Locator, max = Number.POSITIVE_INFINITY): UnknownFieldReport {
  const placed = fields.map((f) => ({ f, at: loc.keyAt([...f.parent, f.field]) }));
  placed.sort((a, b) => a.at.line - b.at.line || a.at.col - b.at.col);
  const kept = placed.slice(0, Math.max(0, max));
  return { problems: kept.map(({ f, at }) => unknownFieldProblem(f, at)), hidden: placed.length - kept.length };
}

function unknownFieldProblem({ parent, field, known }: UnknownField, at: SourcePos): Problem {
  const where = formatPath(parent);
  const head = where
    ? { en: `unknown field "${field}" in ${where}`, zh: `${where} 中有未知字段 "${field}"` }
    : { en: `unknown field "${field}" at the top level`, zh: `顶层有未知字段 "${field}"` };
  const moved = MISPLACED.find((m) => m.fields.includes(field) && m.place.every((p) => known.includes(p)));
  if (moved) {
    return problem('schema.unknownField', { en: `${head.en}: ${moved.hint.en}`, 'zh-cn': `${head.zh}：${moved.hint['zh-cn']}` }, at);
  }
  const guess = didYouMean(field, known);
  return problem('schema.unknownField', {
    en: `${head.en}${guess ? ` (did you mean "${guess}"?)` : ''}`,
    'zh-cn': `${head.zh}${guess ? `（你是不是想写 "${guess}"？）` : ''}`,
  }, at);
}
