/**
 * Safety rules applied before anything reaches a cluster. 'always': refused on every cluster,
 * because it is hostile or outside the course (RBAC, Namespaces, other cluster-wide kinds, host
 * paths that expose the node's system files, workloads with more than MAX_REPLICAS replicas).
 * 'shared-cluster': refused on a cluster that is not the grader's own throwaway kind cluster
 * unless the user passes --allow-unsafe (privileged containers, host namespaces, added
 * capabilities, host paths outside /var/local/).
 */
import type { SubmittedObject, Submission } from '../define.ts';
import type { Problem } from '../report/model.ts';
import { isCourseHostPath, normaliseHostPath, systemPathHit } from './host-paths.ts';
import { containersOf, getIn, isObject, objectItems, podSpecOf, type Json } from './pod-specs.ts';
import { problem, type FieldPath } from './problem.ts';
import { isNamespaced } from './scope.ts';

/** always: refused on every cluster; shared-cluster: refused on --cluster current unless --allow-unsafe. */
export type UnsafeScope = 'always' | 'shared-cluster';
export interface Unsafe {
  problem: Problem;
  scope: UnsafeScope;
}

const CLUSTER_KINDS_ALLOWED = new Set(['PersistentVolume', 'StorageClass']);
/** The most replicas a workload may ask for: the exercises need a few; the model creates every pod at once. */
export const MAX_REPLICAS = 10;
/** Kinds whose spec.replicas makes a controller create that many pods. */
const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

const ALLOW_UNSAFE = { en: 'on a shared cluster (--cluster current) the grader refuses it unless you pass --allow-unsafe', 'zh-cn': '在共享集群上（--cluster current），除非你加上 --allow-unsafe，否则评分程序会拒绝它' };

/** Every unsafe thing in the submission, with where it is and how widely it is refused. */
export function findUnsafe(sub: Submission): Unsafe[] {
  return sub.objects.flatMap((o) => [...kindRules(o), ...replicaRules(o), ...hostPathRules(o), ...podRules(o)]);
}

/** A workload asking for more than MAX_REPLICAS pods (it would hang the model and flood a real API server). */
function replicaRules(o: SubmittedObject): Unsafe[] {
  const { kind, metadata } = o.object;
  const replicas = getIn(o.object, ['spec', 'replicas']);
  if (!REPLICATED.has(kind) || typeof replicas !== 'number' || !(replicas > MAX_REPLICAS)) return [];
  return [{ scope: 'always', problem: problem('safety.replicas', {
    en: `spec.replicas is ${replicas}; the grader runs at most ${MAX_REPLICAS} replicas of a workload, so it refuses ${kind} "${metadata.name}". No exercise needs more than a few`,
    'zh-cn': `spec.replicas 是 ${replicas}；评分程序最多为一个工作负载运行 ${MAX_REPLICAS} 个副本，因此拒绝应用 ${kind} "${metadata.name}"。没有练习需要超过几个副本`,
  }, o.at(['spec', 'replicas'])) }];
}

function kindRules(o: SubmittedObject): Unsafe[] {
  const { kind, apiVersion, metadata } = o.object;
  const name = metadata.name;
  if (apiVersion.startsWith('rbac.authorization.k8s.io/')) {
    return [{ scope: 'always', problem: problem('safety.rbac', {
      en: `${kind} "${name}" changes who may do what in the cluster (RBAC); the course never needs it, so the grader refuses it`,
      'zh-cn': `${kind} "${name}" 会改变集群中的访问权限（RBAC）；本课程用不到它，因此评分程序拒绝应用`,
    }, o.pos) }];
  }
  if (kind === 'Namespace') {
    return [{ scope: 'always', problem: problem('safety.namespace', {
      en: `Namespace "${name}": the grader makes its own namespace for each run and does not create others; remove this object`,
      'zh-cn': `Namespace "${name}"：评分程序每次运行都会创建自己的命名空间，不会创建别的命名空间；请删除这个对象`,
    }, o.pos) }];
  }
  if (!isNamespaced(kind) && !CLUSTER_KINDS_ALLOWED.has(kind)) {
    return [{ scope: 'always', problem: problem('safety.clusterScoped', {
      en: `${kind} "${name}" changes the whole cluster and is outside this course; the only cluster-wide kinds the grader applies are PersistentVolume and StorageClass`,
      'zh-cn': `${kind} "${name}" 会影响整个集群，超出了本课程的范围；评分程序只应用 PersistentVolume 和 StorageClass 这两种集群级别的对象`,
    }, o.pos) }];
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

function hostPathRules(o: SubmittedObject): Unsafe[] {
  return hostPathsOf(o).flatMap(({ path, at }): Unsafe[] => {
    const hit = systemPathHit(path);
    if (hit) {
      return [{ scope: 'always', problem: problem('safety.hostPathSystem', {
        en: `host path ${path} exposes the node's system files (${hit}); the grader never mounts it. Use a directory under /var/local/, e.g. /var/local/course-data`,
        'zh-cn': `主机路径 ${path} 会暴露节点的系统文件（${hit}）；评分程序绝不会挂载它。请使用 /var/local/ 下的目录，例如 /var/local/course-data`,
      }, o.at(at)) }];
    }
    if (!isCourseHostPath(path)) {
      return [{ scope: 'shared-cluster', problem: problem('safety.hostPath', {
        en: `host path ${normaliseHostPath(path)} is outside /var/local/, where the course keeps node data; ${ALLOW_UNSAFE.en}`,
        'zh-cn': `主机路径 ${normaliseHostPath(path)} 不在 /var/local/ 下（课程把节点上的数据放在那里）；${ALLOW_UNSAFE['zh-cn']}`,
      }, o.at(at)) }];
    }
    return [];
  });
}

function podRules(o: SubmittedObject): Unsafe[] {
  const pod = podSpecOf(o.object as Json);
  if (!pod) return [];
  const out: Unsafe[] = [];
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (pod.spec[field] === true) {
      out.push({ scope: 'shared-cluster', problem: problem('safety.hostNamespace', {
        en: `${field}: true lets the pod see the node's own ${field === 'hostNetwork' ? 'network' : field === 'hostPID' ? 'processes' : 'shared memory'}; no exercise needs it, and ${ALLOW_UNSAFE.en}`,
        'zh-cn': `${field}: true 会让 Pod 看到节点自身的${field === 'hostNetwork' ? '网络' : field === 'hostPID' ? '进程' : '共享内存'}；没有练习需要它，并且${ALLOW_UNSAFE['zh-cn']}`,
      }, o.at([...pod.path, field])) });
    }
  }
  for (const { container, path } of containersOf(pod.spec, pod.path)) {
    const name = typeof container.name === 'string' ? container.name : '?';
    const sc = isObject(container.securityContext) ? container.securityContext : {};
    if (sc.privileged === true) {
      out.push({ scope: 'shared-cluster', problem: problem('safety.privileged', {
        en: `container "${name}" runs privileged, with full access to the node; no exercise needs it, and ${ALLOW_UNSAFE.en}`,
        'zh-cn': `容器 "${name}" 以特权模式运行，可以完全访问节点；没有练习需要它，并且${ALLOW_UNSAFE['zh-cn']}`,
      }, o.at([...path, 'securityContext', 'privileged'])) });
    }
    const add = getIn(sc, ['capabilities', 'add']);
    if (Array.isArray(add) && add.length > 0) {
      out.push({ scope: 'shared-cluster', problem: problem('safety.capabilities', {
        en: `container "${name}" adds Linux capabilities (${add.join(', ')}); no exercise needs them, and ${ALLOW_UNSAFE.en}`,
        'zh-cn': `容器 "${name}" 添加了 Linux 能力（${add.join('、')}）；没有练习需要它们，并且${ALLOW_UNSAFE['zh-cn']}`,
      }, o.at([...path, 'securityContext', 'capabilities', 'add'])) });
    }
  }
  return out;
}
