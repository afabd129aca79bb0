/**
 * Pod-spec rules the API server enforces (k8s.io/kubernetes pkg/apis/core/validation) that the
 * OpenAPI schema cannot express: a container needs an image; a volume has exactly one type (a
 * bare `emptyDir:` is null, i.e. no type); volume and container names are unique; a volumeMount
 * names an existing volume; mount paths in one container are unique; container ports are 1-65535.
 * Pods and the templates of Deployments, ReplicaSets, DaemonSets and Jobs are refused on apply.
 * A StatefulSet's template is not validated on apply, but every Pod its controller creates from
 * it is refused the same way, so the rules apply to it too (its volumeClaimTemplates count as
 * volumes, because the controller adds them to each Pod).
 */
import type { Problem } from '../report/model.ts';
import { didYouMean } from './did-you-mean.ts';
import type { Locator } from './locator.ts';
import { containersOf, isObject, objectItems, podSpecOf, type Json } from './pod-specs.ts';
import { formatPath, problem } from './problem.ts';

/** Every field of core/v1 VolumeSource: the possible types of a volume. */
export const VOLUME_SOURCES = ['awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs', 'hostPath', 'image', 'iscsi', 'nfs', 'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume', 'projected', 'quobyte', 'rbd', 'scaleIO', 'secret', 'storageos', 'vsphereVolume'];

const label = (name: unknown) => (typeof name === 'string' ? ` ("${name}")` : '');
const labelZh = (name: unknown) => (typeof name === 'string' ? `（"${name}"）` : '');
/** `"cache"` for a named volume, its field path otherwise. */
const volumeName = (name: unknown, path: (string | number)[]) => (typeof name === 'string' ? `"${name}"` : formatPath(path));

/** Problems in the object's pod spec (none when it has no pod spec). */
export function podSpecProblems(obj: Json, loc: Locator): Problem[] {
  const pod = podSpecOf(obj);
  if (!pod) return [];
  const out: Problem[] = [];
  const volumeNames = new Map<string, number>();
  for (const { item, index } of objectItems(pod.spec.volumes)) {
    const path = [...pod.path, 'volumes', index];
    if (typeof item.name === 'string') {
      if (volumeNames.has(item.name)) out.push(duplicate('volume', item.name, loc.valueAt([...path, 'name'])));
      else volumeNames.set(item.name, index);
    }
    const present = VOLUME_SOURCES.filter((s) => s in item);
    const set = present.filter((s) => item[s] !== null && item[s] !== undefined);
    if (set.length === 0) {
      const nulls = present.filter((s) => item[s] === null);
      out.push(problem('server.volumeSource', nulls.length > 0
        ? {
            en: `the volume ${volumeName(item.name, path)} has "${nulls[0]}:" with nothing after it, so it has no type; write ${nulls[0]}: {} (with the braces)`,
            'zh-cn': `卷 ${volumeName(item.name, path)} 的 "${nulls[0]}:" 后面什么也没有，所以它没有类型；请写成 ${nulls[0]}: {}（带上花括号）`,
          }
        : {
            en: `the volume ${volumeName(item.name, path)} does not say what kind of volume it is; add a type such as emptyDir: {}, hostPath: or persistentVolumeClaim:`,
            'zh-cn': `卷 ${volumeName(item.name, path)} 没有说明是哪种卷；请添加一种类型，例如 emptyDir: {}、hostPath: 或 persistentVolumeClaim:`,
          }, nulls.length > 0 ? loc.keyAt([...path, nulls[0]!]) : loc.keyAt(path)));
    } else if (set.length > 1) {
      out.push(problem('server.volumeSource', {
        en: `the volume ${volumeName(item.name, path)} has more than one type (${set.join(', ')}); a volume has exactly one, so split it into separate volumes`,
        'zh-cn': `卷 ${volumeName(item.name, path)} 有不止一种类型（${set.join('、')}）；一个卷只能有一种类型，请拆成多个卷`,
      }, loc.keyAt([...path, set[1]!])));
    }
  }
  const claimTemplates = obj.kind === 'StatefulSet' && isObject(obj.spec) ? objectItems(obj.spec.volumeClaimTemplates) : [];
  const claimNames = claimTemplates.flatMap(({ item }) => (isObject(item.metadata) && typeof item.metadata.name === 'string' ? [item.metadata.name] : []));
  const mountable = [...volumeNames.keys(), ...claimNames];
  const containerNames = new Set<string>();
  for (const { container, path } of containersOf(pod.spec, pod.path)) {
    if (typeof container.name === 'string') {
      if (containerNames.has(container.name)) out.push(duplicate('container', container.name, loc.valueAt([...path, 'name'])));
      containerNames.add(container.name);
    }
    if (path.at(-2) !== 'ephemeralContainers' && (typeof container.image !== 'string' || container.image.trim() === '')) {
      out.push(problem('server.missingImage', {
        en: `${formatPath(path)}${label(container.name)} has no image; the API server refuses a container without one. Add for example image: busybox:1.36`,
        'zh-cn': `${formatPath(path)}${labelZh(container.name)}没有 image；API 服务器会拒绝没有镜像的容器。请添加例如 image: busybox:1.36`,
      }, 'image' in container ? loc.keyAt([...path, 'image']) : loc.keyAt(path)));
    }
    const mountPaths = new Set<string>();
    for (const { item: mount, index } of objectItems(container.volumeMounts)) {
      const mpath = [...path, 'volumeMounts', index];
      if (typeof mount.name === 'string' && !mountable.includes(mount.name)) {
        const guess = didYouMean(mount.name, mountable);
        const list = mountable.length > 0 ? mountable.join(', ') : 'none';
        const listZh = mountable.length > 0 ? mountable.join('、') : '没有';
        out.push(problem('server.volumeNotFound', {
          en: `${formatPath(mpath)} mounts the volume "${mount.name}", but the pod has no volume with that name (volumes: ${list})${guess ? `; did you mean "${guess}"?` : ''}`,
          'zh-cn': `${formatPath(mpath)} 挂载了卷 "${mount.name}"，但 Pod 中没有这个名称的卷（已有的卷：${listZh}）${guess ? `；你是不是想写 "${guess}"？` : ''}`,
        }, loc.valueAt([...mpath, 'name'])));
      }
      if (typeof mount.mountPath === 'string') {
        if (mountPaths.has(mount.mountPath)) {
          out.push(problem('server.duplicateMountPath', {
            en: `${formatPath(mpath)}: mountPath ${mount.mountPath} is used twice in the same container; each mount needs its own path`,
            'zh-cn': `${formatPath(mpath)}：同一个容器中 mountPath ${mount.mountPath} 用了两次；每个挂载都需要自己的路径`,
          }, loc.valueAt([...mpath, 'mountPath'])));
        }
        mountPaths.add(mount.mountPath);
      }
    }
    for (const { item: port, index } of objectItems(container.ports)) {
      const n = port.containerPort;
      if (typeof n === 'number' && (n < 1 || n > 65535)) {
        out.push(problem('server.port', {
          en: `${formatPath([...path, 'ports', index, 'containerPort'])} is ${n}; a port must be between 1 and 65535`,
          'zh-cn': `${formatPath([...path, 'ports', index, 'containerPort'])} 是 ${n}；端口必须在 1 到 65535 之间`,
        }, loc.valueAt([...path, 'ports', index, 'containerPort'])));
      }
    }
  }
  return out;
}

function duplicate(what: 'volume' | 'container', name: string, at: ReturnType<Locator['valueAt']>): Problem {
  const zh = what === 'volume' ? '卷' : '容器';
  return problem('server.duplicateName', {
    en: `there are two ${what}s named "${name}" in this pod; ${what} names must be unique`,
    'zh-cn': `这个 Pod 中有两个名为 "${name}" 的${zh}；${zh}名称必须唯一`,
  }, at);
}
