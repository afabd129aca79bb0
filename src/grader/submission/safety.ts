/**
 * Safety rules applied before anything reaches a cluster, the same on every back end (kind, the
 * user's own cluster, the model), so a verdict never depends on where it was graded. Refused:
 * objects outside the course (RBAC, Namespaces, other cluster-wide kinds), workloads with more
 * than MAX_REPLICAS replicas, Services with externalIPs, whatever lets a container reach the node
 * (safety-pod.ts), and every host path except the exact ones the lesson asks for (host-paths.ts).
 * A kind node is a privileged container on the grading machine: a Pod that reaches the node
 * reaches that machine, so nothing here depends on the cluster being "throwaway".
 */
import type { SubmittedObject, Submission } from '../define.ts';
import type { Problem } from '../report/model.ts';
import { isAllowedHostPath, normaliseHostPath, systemPathHit } from './host-paths.ts';
import { getIn, isObject, objectItems, podSpecOf, type Json } from './pod-specs.ts';
import { problem, type FieldPath } from './problem.ts';
import { podRules, pvCodeRules } from './safety-pod.ts';
import { isNamespaced } from './scope.ts';

/** What the lesson being graded allows. */
export interface SafetyPolicy {
  /** "lesson-2", for messages. */
  lesson: string;
  /** The exact node paths the exercise mounts (its grader's `hostPaths`); every other is refused. */
  hostPaths: readonly string[];
}

const CLUSTER_KINDS_ALLOWED = new Set(['PersistentVolume', 'StorageClass']);
/** The most replicas a workload may ask for: the exercises need a few; the model creates every pod at once. */
export const MAX_REPLICAS = 10;
/** Kinds whose spec.replicas makes a controller create that many pods. */
const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** Every unsafe thing in the submission, each with where it is; any one of them refuses the run. */
export function findUnsafe(sub: Submission, policy: SafetyPolicy): Problem[] {
  return sub.objects.flatMap((o) => [...kindRules(o), ...replicaRules(o), ...serviceRules(o), ...classRules(o), ...sharedClusterRules(o), ...hostPathRules(o, policy), ...podRules(o), ...pvCodeRules(o)]);
}

/** A workload asking for more than MAX_REPLICAS pods (it would hang the model and flood a real API server). */
function replicaRules(o: SubmittedObject): Problem[] {
  const { kind, metadata } = o.object;
  const replicas = getIn(o.object, ['spec', 'replicas']);
  if (!REPLICATED.has(kind) || typeof replicas !== 'number' || !(replicas > MAX_REPLICAS)) return [];
  return [problem('safety.replicas', {
    en: `spec.replicas is ${replicas}; the grader runs at most ${MAX_REPLICAS} replicas of a workload, so it refuses ${kind} "${metadata.name}". No exercise needs more than a few`,
    'zh-cn': `spec.replicas 是 ${replicas}；评分程序最多为一个工作负载运行 ${MAX_REPLICAS} 个副本，因此拒绝应用 ${kind} "${metadata.name}"。没有练习需要超过几个副本`,
  }, o.at(['spec', 'replicas']))];
}

/** A Service with externalIPs takes over traffic to those addresses on every node (CVE-2020-8554). */
function serviceRules(o: SubmittedObject): Problem[] {
  const ips = getIn(o.object, ['spec', 'externalIPs']);
  if (o.object.kind !== 'Service' || !Array.isArray(ips) || ips.length === 0) return [];
  return [problem('safety.externalIPs', {
    en: `Service "${o.object.metadata.name}" sets externalIPs (${ips.join(', ')}), which makes every node answer for those addresses; the grader refuses it on every cluster. Remove it: the course's Services are reached by their ClusterIP or their DNS name`,
    'zh-cn': `Service "${o.object.metadata.name}" 设置了 externalIPs（${ips.join('、')}），会让每个节点代为接收发往这些地址的流量；评分程序在任何集群上都拒绝它。请删除它：课程中的 Service 通过 ClusterIP 或 DNS 名称访问`,
  }, o.at(['spec', 'externalIPs']))];
}

function kindRules(o: SubmittedObject): Problem[] {
  const { kind, apiVersion, metadata } = o.object;
  const name = metadata.name;
  if (apiVersion.startsWith('rbac.authorization.k8s.io/')) {
    return [problem('safety.rbac', {
      en: `${kind} "${name}" changes who may do what in the cluster (RBAC); the course never needs it, so the grader refuses it`,
      'zh-cn': `${kind} "${name}" 会改变集群中的访问权限（RBAC）；本课程用不到它，因此评分程序拒绝应用`,
    }, o.pos)];
  }
  if (kind === 'Namespace') {
    return [problem('safety.namespace', {
      en: `Namespace "${name}": the grader makes its own namespace for each run and does not create others; remove this object`,
      'zh-cn': `Namespace "${name}"：评分程序每次运行都会创建自己的名字空间，不会创建别的名字空间；请删除这个对象`,
    }, o.pos)];
  }
  if (!isNamespaced(kind) && !CLUSTER_KINDS_ALLOWED.has(kind)) {
    return [problem('safety.clusterScoped', {
      en: `${kind} "${name}" changes the whole cluster and is outside this course; the only cluster-wide kinds the grader applies are PersistentVolume and StorageClass`,
      'zh-cn': `${kind} "${name}" 会影响整个集群，超出了本课程的范围；评分程序只应用 PersistentVolume 和 StorageClass 这两种集群级别的对象`,
    }, o.pos)];
  }
  return [];
}

/** Host paths from pod volumes and from PersistentVolumes (hostPath and local). */
function hostPathsOf(o: SubmittedObject): { path: string; at: FieldPath }[] {
  const obj = o.object as Json;
  const out: { path: string; at: FieldPath }[] = [];
  if (o.object.kind === 'PersistentVolume') {
    for (const type of ['hostPath', 'local']) {
      const p = getIn(obj, ['spec', type, 'path']);
      if (typeof p === 'string') out.push({ path: p, at: ['spec', type, 'path'] });
    }
  }
  const pod = podSpecOf(obj);
  for (const { item, index } of objectItems(pod?.spec.volumes)) {
    const p = isObject(item.hostPath) ? item.hostPath.path : undefined;
    if (typeof p === 'string') out.push({ path: p, at: [...pod!.path, 'volumes', index, 'hostPath', 'path'] });
  }
  return out;
}

/**
 * A StorageClass with parameters: a provisioner's parameters can choose where on the node it makes
 * and later deletes directories (local-path's nodePath and pathPattern reach any node path, with a
 * helper Pod of the provisioner's own), and no exercise needs any.
 */
function classRules(o: SubmittedObject): Problem[] {
  const params = getIn(o.object, ['parameters']);
  if (o.object.kind !== 'StorageClass' || !isObject(params) || Object.keys(params).length === 0) return [];
  const keys = Object.keys(params).join(', ');
  return [problem('safety.classParameters', {
    en: `StorageClass "${o.object.metadata.name}" sets parameters (${keys}); a provisioner's parameters can decide where on the node it creates and deletes directories, so the grader refuses them on every cluster. Remove them: no exercise needs any`,
    'zh-cn': `StorageClass "${o.object.metadata.name}" 设置了 parameters（${keys}）；制备器的参数可以决定它在节点的什么位置创建和删除目录，因此评分程序在任何集群上都拒绝它们。请删除：没有练习需要它们`,
  }, o.at(['parameters']))];
}

const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

/** Every field of an object whose name ends in "secretRef" (any case), with its path. */
function secretRefs(node: unknown, path: FieldPath = []): FieldPath[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => secretRefs(v, [...path, i]));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([k, v]) => (/secretref$/i.test(k) ? [[...path, k]] : secretRefs(v, [...path, k])));
}

/**
 * What would reach other people's objects on a shared cluster: a PersistentVolume reserved for a
 * claim in another namespace (claimRef), a StorageClass made the cluster's default, and a
 * reference to a Secret the run does not own (*SecretRef, e.g. a CSI volume's nodePublishSecretRef).
 */
function sharedClusterRules(o: SubmittedObject): Problem[] {
  const out: Problem[] = [];
  const name = o.object.metadata.name;
  const claimNs = getIn(o.object, ['spec', 'claimRef', 'namespace']);
  if (o.object.kind === 'PersistentVolume' && typeof claimNs === 'string') {
    out.push(problem('safety.claimRefNamespace', {
      en: `PersistentVolume "${name}" reserves itself for a claim in namespace "${claimNs}"; the grader puts the claims of a run in a namespace of its own, and on a shared cluster that other namespace is someone else's, so it refuses this on every cluster. To pre-bind, set spec.volumeName on the claim instead`,
      'zh-cn': `PersistentVolume "${name}" 把自己预留给名字空间 "${claimNs}" 中的申领；评分程序把每次运行的申领放在它自己的名字空间里，而在共享集群上那个名字空间属于别人，因此在任何集群上都拒绝它。要预先绑定，请改为在申领上设置 spec.volumeName`,
    }, o.at(['spec', 'claimRef', 'namespace'])));
  }
  const annotations = getIn(o.object, ['metadata', 'annotations']);
  if (o.object.kind === 'StorageClass' && isObject(annotations)) {
    for (const key of DEFAULT_CLASS_ANNOTATIONS.filter((k) => Object.hasOwn(annotations, k))) {
      out.push(problem('safety.defaultClass', {
        en: `StorageClass "${name}" sets ${key}, which would change the default class of the whole cluster for everyone; the grader refuses it on every cluster. Remove the annotation: claims of this exercise name their class`,
        'zh-cn': `StorageClass "${name}" 设置了 ${key}，这会改变整个集群所有人的默认存储类；评分程序在任何集群上都拒绝它。请删除这个注解：本练习的申领会写明自己的存储类`,
      }, o.at(['metadata', 'annotations', key])));
    }
  }
  for (const at of secretRefs(o.object.spec ?? {}, ['spec'])) {
    out.push(problem('safety.secretRef', {
      en: `${o.object.kind} "${name}" refers to a Secret (${at.filter((x) => typeof x === 'string').join('.')}); the grader never hands a run's volumes a Secret it did not make, so it refuses this on every cluster. No exercise needs one`,
      'zh-cn': `${o.object.kind} "${name}" 引用了一个 Secret（${at.filter((x) => typeof x === 'string').join('.')}）；评分程序绝不会把不是它创建的 Secret 交给一次运行的卷，因此在任何集群上都拒绝它。没有练习需要 Secret`,
    }, o.at(at)));
  }
  return out;
}

/** What the lesson mounts, for messages: "/var/local/course-data" or "no host path". */
function allowedText(policy: SafetyPolicy): { en: string; 'zh-cn': string } {
  if (policy.hostPaths.length === 0) return { en: `${policy.lesson} mounts no host path`, 'zh-cn': `${policy.lesson} 不挂载任何主机路径` };
  return { en: `${policy.lesson} mounts only ${policy.hostPaths.join(', ')}`, 'zh-cn': `${policy.lesson} 只挂载 ${policy.hostPaths.join('、')}` };
}

function hostPathRules(o: SubmittedObject, policy: SafetyPolicy): Problem[] {
  return hostPathsOf(o).flatMap(({ path, at }): Problem[] => {
    const allowed = allowedText(policy);
    const hit = systemPathHit(path);
    if (hit) {
      return [problem('safety.hostPathSystem', {
        en: `host path ${path} exposes the node's system files (${hit}); the grader never mounts it. ${allowed.en}: use that`,
        'zh-cn': `主机路径 ${path} 会暴露节点的系统文件（${hit}）；评分程序绝不会挂载它。${allowed['zh-cn']}：请使用它`,
      }, o.at(at))];
    }
    if (isAllowedHostPath(path, policy.hostPaths)) return [];
    const fix = policy.hostPaths.length === 0
      ? { en: 'use the volume type the lesson teaches instead', 'zh-cn': '请改用本课讲授的卷类型' }
      : { en: `write exactly ${policy.hostPaths.join(' or ')}`, 'zh-cn': `请准确写成 ${policy.hostPaths.join(' 或 ')}` };
    return [problem('safety.hostPath', {
      en: `host path ${normaliseHostPath(path)}: ${allowed.en}, and the grader mounts no other node directory on any cluster, since a node directory can lead to the machine that grades (a kind node is a container with full access to it); ${fix.en}`,
      'zh-cn': `主机路径 ${normaliseHostPath(path)}：${allowed['zh-cn']}，评分程序在任何集群上都不会挂载节点上的其他目录，因为节点目录可能通向评分机器（kind 节点是一个对这台机器拥有完全访问权限的容器）；${fix['zh-cn']}`,
    }, o.at(at))];
  });
}
