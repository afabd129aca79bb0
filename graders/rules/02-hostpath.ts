/** Static checks of lesson 02-hostpath: the rules that need no cluster, with file:line for every finding. */
import type { Finding, Submission } from '../../src/grader/define.ts';
import { DATA_LABEL_KEY, DATA_LABEL_VALUE } from '../common/nodes.ts';
import { containerNamed, containerNames, mountAt, normPath, requireObject, termsRequireLabel, volumeNamed } from '../common/spec.ts';
import { fill, t } from '../common/text.ts';

export const POD = 'hostpath-pod';
export const CONTAINER = 'app';
export const MOUNT = '/data';
export const HOST_DIR = '/var/local/course-data';

/** A finding when Pod hostpath-pod or its container app is missing. */
export function podFindings(sub: Submission): Finding[] {
  const found = requireObject(sub, 'Pod', POD);
  if ('finding' in found) return [found.finding];
  const spec = found.obj.object.spec;
  if (containerNamed(spec, CONTAINER)) return [];
  return [
    {
      message: fill(t('Pod {pod} has no container named app (it has: {names})', 'Pod {pod} 中没有名为 app 的容器（现有容器：{names}）'), {
        pod: POD,
        names: containerNames(spec),
      }),
      at: found.obj.at(['spec', 'containers']),
    },
  ];
}

const TYPE_MESSAGES: Record<string, ReturnType<typeof t>> = {
  missing: t(
    'the hostPath volume has no type, so the kubelet checks nothing about the path; write type: DirectoryOrCreate so the directory is created on the node when it is missing',
    'hostPath 卷没有写 type，kubelet 不会对路径做任何检查；请写上 type: DirectoryOrCreate，这样节点上缺少该目录时会自动创建',
  ),
  Directory: t(
    'type: Directory requires /var/local/course-data to exist on the node already; on a fresh node it does not, and the Pod hangs in ContainerCreating with a FailedMount event. Use DirectoryOrCreate',
    'type: Directory 要求节点上已经存在 /var/local/course-data；在全新的节点上它并不存在，Pod 会卡在 ContainerCreating，并出现 FailedMount 事件。请使用 DirectoryOrCreate',
  ),
  other: t(
    'type: {type} is not for a directory the Pod may create; /var/local/course-data is a directory, so use type: DirectoryOrCreate',
    'type: {type} 不适用于 Pod 可以自行创建的目录；/var/local/course-data 是一个目录，请使用 type: DirectoryOrCreate',
  ),
};

/** The hostPath rules: app mounts /var/local/course-data (DirectoryOrCreate) at /data, writable. */
export function volumeFindings(sub: Submission): Finding[] {
  const found = requireObject(sub, 'Pod', POD);
  if ('finding' in found) return [found.finding];
  const { obj } = found;
  const spec = obj.object.spec;
  const c = containerNamed(spec, CONTAINER);
  if (!c) return [{ message: t('there is no container app to mount /data in', '没有可以挂载 /data 的 app 容器'), at: obj.at(['spec', 'containers']) }];
  const m = mountAt(c.container, MOUNT);
  if (!m) {
    return [
      {
        message: t('container app mounts nothing at /data', '容器 app 没有在 /data 挂载任何卷'),
        at: obj.at(['spec', 'containers', c.index, 'volumeMounts']),
      },
    ];
  }
  const findings: Finding[] = [];
  if (m.mount.readOnly === true) {
    findings.push({
      message: t(
        'app mounts /data with readOnly: true, but the grader writes its token through app; remove readOnly',
        'app 以 readOnly: true 挂载 /data，但评分程序要通过 app 写入令牌；请删除 readOnly',
      ),
      at: obj.at(['spec', 'containers', c.index, 'volumeMounts', m.index, 'readOnly']),
    });
  }
  const vol = volumeNamed(spec, m.mount.name);
  if (!vol) return findings;
  const vPath = ['spec', 'volumes', vol.index];
  const hp = vol.volume.hostPath;
  if (!hp) {
    const type = Object.keys(vol.volume).find((k) => k !== 'name') ?? '?';
    findings.push({
      message: fill(
        t('the volume {volume} at /data is a {type} volume; this exercise needs a hostPath volume', '挂载在 /data 的卷 {volume} 是 {type} 类型；本练习需要 hostPath 卷'),
        { volume: String(m.mount.name), type },
      ),
      at: obj.at(vPath),
    });
    return findings;
  }
  if (normPath(hp.path) !== HOST_DIR) {
    findings.push({
      message: fill(
        t('hostPath.path is {path}; the exercise keeps the data in {dir} on the node', 'hostPath.path 是 {path}；练习要求把数据放在节点的 {dir} 中'),
        { path: String(hp.path), dir: HOST_DIR },
      ),
      at: obj.at([...vPath, 'hostPath', 'path']),
    });
  }
  const type = hp.type as string | undefined;
  if (type !== 'DirectoryOrCreate') {
    const msg = !type ? TYPE_MESSAGES.missing! : type === 'Directory' ? TYPE_MESSAGES.Directory! : fill(TYPE_MESSAGES.other!, { type });
    findings.push({ message: msg, at: obj.at([...vPath, 'hostPath', type === undefined ? 'path' : 'type']) });
  }
  return findings;
}

/** True when a required node affinity admits only nodes labelled storage-course/role=data. */
function affinityPins(spec: any): boolean {
  return termsRequireLabel(spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms, DATA_LABEL_KEY, DATA_LABEL_VALUE);
}

/** The pinning rule: a nodeSelector (or required node affinity) on storage-course/role=data, no nodeName. */
export function pinnedFindings(sub: Submission): Finding[] {
  const found = requireObject(sub, 'Pod', POD);
  if ('finding' in found) return [found.finding];
  const { obj } = found;
  const spec = obj.object.spec;
  if (spec?.nodeName) {
    return [
      {
        message: fill(
          t(
            'spec.nodeName: {node} names a node directly; the grader chooses which worker holds the data and labels it storage-course/role=data, so select that label with a nodeSelector instead',
            'spec.nodeName: {node} 直接指定了节点；评分程序会自己选择存放数据的工作节点，并给它打上 storage-course/role=data 标签，所以请改用 nodeSelector 选择这个标签',
          ),
          { node: String(spec.nodeName) },
        ),
        at: obj.at(['spec', 'nodeName']),
      },
    ];
  }
  const selector: Record<string, unknown> = spec?.nodeSelector ?? {};
  if (selector[DATA_LABEL_KEY] === DATA_LABEL_VALUE || affinityPins(spec)) return [];
  if (DATA_LABEL_KEY in selector) {
    return [
      {
        message: fill(
          t(
            'nodeSelector asks for storage-course/role: {value}, but the grader labels the data worker storage-course/role=data',
            'nodeSelector 要求 storage-course/role: {value}，但评分程序给数据节点打的标签是 storage-course/role=data',
          ),
          { value: String(selector[DATA_LABEL_KEY]) },
        ),
        at: obj.at(['spec', 'nodeSelector', DATA_LABEL_KEY]),
      },
    ];
  }
  const keys = Object.keys(selector);
  return [
    {
      message: keys.length
        ? fill(
            t(
              'nodeSelector selects {labels}, which no worker carries; the grader labels the data worker storage-course/role=data',
              'nodeSelector 选择的是 {labels}，没有工作节点带这个标签；评分程序给数据节点打的标签是 storage-course/role=data',
            ),
            { labels: keys.map((k) => `${k}=${String(selector[k])}`).join(', ') },
          )
        : t(
            'the Pod is not pinned to a node: after a delete the new Pod may land on the other worker, where /var/local/course-data is a different, empty directory; add nodeSelector: {storage-course/role: data}',
            'Pod 没有固定到节点：删除后新的 Pod 可能被调度到另一个工作节点，而那里的 /var/local/course-data 是另一个空目录；请添加 nodeSelector: {storage-course/role: data}',
          ),
      at: obj.at(keys.length ? ['spec', 'nodeSelector'] : ['spec']),
    },
  ];
}
