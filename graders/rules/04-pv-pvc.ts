/** Static checks of lesson 04-pv-pvc: the rules that need no cluster, with file:line for every finding. */
import type { Finding, Submission } from '../../src/grader/define.ts';
import { claimContainer, claimMountFindings } from '../common/claim-pod.ts';
import { DATA_LABEL_KEY, DATA_LABEL_VALUE } from '../common/nodes.ts';
import { normPath, requireObject, termsRequireLabel } from '../common/spec.ts';
import { fill, t } from '../common/text.ts';

export const PV = 'course-pv';
export const PVC = 'course-pvc';
export const POD = 'pv-pod';
export const MOUNT = '/data';
export const NODE_DIR = '/var/local/course-pv';

/** Findings for missing course-pv, course-pvc or pv-pod, and for a pv-pod that does not mount the claim at /data. */
export function objectFindings(sub: Submission): Finding[] {
  const findings: Finding[] = [];
  for (const [kind, name] of [['PersistentVolume', PV], ['PersistentVolumeClaim', PVC], ['Pod', POD]] as const) {
    const found = requireObject(sub, kind, name);
    if ('finding' in found) findings.push(found.finding);
  }
  const pod = sub.find('Pod', POD);
  if (pod) findings.push(...claimMountFindings(pod, PVC, MOUNT));
  return findings;
}

/** The class rule: storageClassName "" on the claim, and "" or nothing on the volume. */
export function classFindings(sub: Submission): Finding[] {
  const findings: Finding[] = [];
  const pvc = sub.find('PersistentVolumeClaim', PVC);
  const pv = sub.find('PersistentVolume', PV);
  if (!pvc || !pv) {
    return [{ message: t('course-pv and course-pvc are both needed to check their storageClassName', '需要同时有 course-pv 和 course-pvc，才能检查它们的 storageClassName') }];
  }
  const claimClass = pvc.object.spec?.storageClassName;
  if (claimClass === undefined || claimClass === null) {
    findings.push({
      message: t(
        'the claim course-pvc has no storageClassName, so on kind it gets the default class `standard` and will never bind to course-pv; set storageClassName: "" on both',
        '申领 course-pvc 没有写 storageClassName，在 kind 上它会被赋予默认存储类 `standard`，永远不会绑定到 course-pv；请在两者上都设置 storageClassName: ""',
      ),
      at: pvc.at(['spec']),
    });
  } else if (claimClass !== '') {
    findings.push({
      message: fill(
        t(
          'the claim course-pvc asks for the class "{class}"; this exercise binds a hand-made volume without any class: set storageClassName: "" on both',
          '申领 course-pvc 请求的存储类是“{class}”；本练习要在不使用存储类的情况下绑定手工创建的卷：请在两者上都设置 storageClassName: ""',
        ),
        { class: String(claimClass) },
      ),
      at: pvc.at(['spec', 'storageClassName']),
    });
  }
  const pvClass = pv.object.spec?.storageClassName;
  if (typeof pvClass === 'string' && pvClass !== '') {
    findings.push({
      message: fill(
        t(
          'course-pv has storageClassName "{class}", so only claims of that class can bind to it; set storageClassName: "" on both',
          'course-pv 的 storageClassName 是“{class}”，只有同一存储类的申领才能绑定它；请在两者上都设置 storageClassName: ""',
        ),
        { class: pvClass },
      ),
      at: pv.at(['spec', 'storageClassName']),
    });
  }
  return findings;
}

/** The local-volume rules: local.path /var/local/course-pv and node affinity to storage-course/role=data. */
export function localFindings(sub: Submission): Finding[] {
  const found = requireObject(sub, 'PersistentVolume', PV);
  if ('finding' in found) return [found.finding];
  const { obj } = found;
  const spec = obj.object.spec ?? {};
  const findings: Finding[] = [];
  if (!spec.local) {
    const type = ['hostPath', 'nfs', 'csi'].find((k) => spec[k]) ?? '?';
    findings.push({
      message: fill(
        t(
          'course-pv is a {type} volume; the exercise asks for a local volume (spec.local), which the scheduler ties to its node through nodeAffinity',
          'course-pv 是 {type} 类型的卷；练习要求的是 local 卷（spec.local），调度器会通过 nodeAffinity 把它和所在节点绑在一起',
        ),
        { type },
      ),
      at: obj.at(['spec', type]),
    });
  } else if (normPath(spec.local.path) !== NODE_DIR) {
    findings.push({
      message: fill(
        t(
          'local.path is {path}; the grader creates {dir} on the labelled node, so the volume must use that path',
          'local.path 是 {path}；评分程序会在带标签的节点上创建 {dir}，卷必须使用这个路径',
        ),
        { path: String(spec.local.path), dir: NODE_DIR },
      ),
      at: obj.at(['spec', 'local', 'path']),
    });
  }
  const terms = spec.nodeAffinity?.required?.nodeSelectorTerms;
  if (!termsRequireLabel(terms, DATA_LABEL_KEY, DATA_LABEL_VALUE)) {
    findings.push({
      message: t(
        'the nodeAffinity of course-pv must select the label storage-course/role=data (key storage-course/role, operator In, values [data]): that is the node where the grader creates /var/local/course-pv; a node name would not match the node the grader picks',
        'course-pv 的 nodeAffinity 必须选择标签 storage-course/role=data（key 为 storage-course/role，operator 为 In，values 为 [data]）：评分程序会在这个节点上创建 /var/local/course-pv；写节点名称则不一定与评分程序选中的节点一致',
      ),
      at: obj.at(spec.nodeAffinity ? ['spec', 'nodeAffinity'] : ['spec']),
    });
  }
  return findings;
}

/** The container of pv-pod that mounts course-pvc at /data ("?" if none). */
export function container(sub: Submission): string {
  return claimContainer(sub.find('Pod', POD)!, PVC, MOUNT) ?? '?';
}
