/** Static checks of lesson 03-nfs: the rules that need no cluster, with file:line for every finding. */
import type { Finding, Submission, SubmittedObject } from '../../src/grader/define.ts';
import {
  containers,
  getIn,
  mountAt,
  normPath,
  podSpecOf,
  requireObject,
  selectorMatches,
  showLabels,
  volumeNamed,
} from '../common/spec.ts';
import { fill, t } from '../common/text.ts';

export const DEPLOYMENT = 'nfs-web';
const SERVER = '10.96.100.100';
const EXPORT = '/';
export const MOUNT = '/shared';
const HOSTNAME = 'kubernetes.io/hostname';

/** Deployment nfs-web, or the finding that it is missing. */
function deployment(sub: Submission): { obj: SubmittedObject } | { findings: Finding[] } {
  const found = requireObject(sub, 'Deployment', DEPLOYMENT);
  return 'finding' in found ? { findings: [found.finding] } : found;
}

/** A finding when Deployment nfs-web is missing or does not ask for exactly 2 replicas. */
export function deploymentFindings(sub: Submission): Finding[] {
  const d = deployment(sub);
  if ('findings' in d) return d.findings;
  const replicas = d.obj.object.spec?.replicas;
  if (replicas === 2) return [];
  return [
    {
      message:
        replicas === undefined
          ? t('replicas is not set, so the Deployment runs 1 replica; the exercise needs 2, one per worker', '没有设置 replicas，Deployment 只会运行 1 个副本；练习需要 2 个，每个工作节点一个')
          : fill(t('replicas is {n}; the exercise needs exactly 2, one per worker', 'replicas 是 {n}；练习需要正好 2 个，每个工作节点一个'), { n: String(replicas) }),
      at: d.obj.at(replicas === undefined ? ['spec'] : ['spec', 'replicas']),
    },
  ];
}

/** The container that mounts /shared in the template, with the nfs volume it mounts. */
export function sharedMount(obj: SubmittedObject): { container: any; cIndex: number; mount: any; mIndex: number; volume?: any; vIndex?: number } | undefined {
  const spec = podSpecOf(obj)?.spec;
  for (const { container, index } of containers(spec)) {
    const m = mountAt(container, MOUNT);
    if (!m) continue;
    const v = volumeNamed(spec, m.mount.name);
    return { container, cIndex: index, mount: m.mount, mIndex: m.index, volume: v?.volume, vIndex: v?.index };
  }
  return undefined;
}

const isIPv4 = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);

/** The NFS rules: an inline nfs volume 10.96.100.100:/ mounted writable at /shared. */
export function nfsFindings(sub: Submission): Finding[] {
  const d = deployment(sub);
  if ('findings' in d) return d.findings;
  const { obj } = d;
  const tpl = ['spec', 'template', 'spec'];
  const m = sharedMount(obj);
  if (!m) {
    return [{ message: t('no container of the pod template mounts anything at /shared', 'Pod 模板中没有任何容器在 /shared 挂载卷'), at: obj.at([...tpl, 'containers']) }];
  }
  const findings: Finding[] = [];
  if (m.mount.readOnly === true || m.volume?.nfs?.readOnly === true) {
    findings.push({
      message: t('/shared is mounted read-only, but the grader writes its token there; remove readOnly', '/shared 以只读方式挂载，但评分程序要在那里写入令牌；请删除 readOnly'),
      at: obj.at([...tpl, 'containers', m.cIndex, 'volumeMounts', m.mIndex]),
    });
  }
  if (!m.volume) return findings;
  const vPath = [...tpl, 'volumes', m.vIndex!];
  const nfs = m.volume.nfs;
  if (!nfs) {
    const type = Object.keys(m.volume).find((k) => k !== 'name') ?? '?';
    findings.push({
      message: fill(
        t(
          'the volume {volume} at /shared is a {type} volume; this exercise mounts the NFS export directly with an inline nfs volume in the pod template',
          '挂载在 /shared 的卷 {volume} 是 {type} 类型；本练习要求在 Pod 模板中用内联的 nfs 卷直接挂载 NFS 导出目录',
        ),
        { volume: String(m.mount.name), type },
      ),
      at: obj.at(vPath),
    });
    return findings;
  }
  const server = String(nfs.server ?? '');
  if (server !== SERVER) {
    findings.push({
      message: isIPv4(server)
        ? fill(t('nfs.server is {server}; the course NFS server listens on the ClusterIP {ip}', 'nfs.server 是 {server}；课程的 NFS 服务器监听在 ClusterIP {ip} 上'), { server, ip: SERVER })
        : fill(
            t(
              'nfs.server {server} is a DNS name: the kubelet mounts NFS from the node itself, and the node cannot resolve cluster DNS names, so the mount fails with "Name or service not known"; use the Service ClusterIP {ip}',
              'nfs.server {server} 是一个 DNS 名称：NFS 由 kubelet 在节点上直接挂载，而节点无法解析集群内部的 DNS 名称，挂载会失败并报“Name or service not known”；请使用 Service 的 ClusterIP {ip}',
            ),
            { server, ip: SERVER },
          ),
      at: obj.at([...vPath, 'nfs', 'server']),
    });
  }
  if (normPath(nfs.path) !== EXPORT) {
    findings.push({
      message: fill(
        t(
          'nfs.path is {path}; the course server publishes its export as "/" (the Pseudo path of its configuration), so any other path fails to mount',
          'nfs.path 是 {path}；课程的服务器以“/”（其配置中的 Pseudo 路径）公布它的导出目录，写其他路径都会挂载失败',
        ),
        { path: String(nfs.path) },
      ),
      at: obj.at([...vPath, 'nfs', 'path']),
    });
  }
  return findings;
}

/** The spreading rule: a required pod anti-affinity on kubernetes.io/hostname that selects the Deployment's own Pods. */
export function antiAffinityFindings(sub: Submission): Finding[] {
  const d = deployment(sub);
  if ('findings' in d) return d.findings;
  const { obj } = d;
  const spec = podSpecOf(obj)?.spec;
  const aff = ['spec', 'template', 'spec', 'affinity'];
  const labels: Record<string, unknown> = getIn(obj.object, ['spec', 'template', 'metadata', 'labels']) ?? {};
  const anti = spec?.affinity?.podAntiAffinity;
  const required: any[] = anti?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  if (required.length === 0) {
    const preferred = (anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
    return [
      {
        message: preferred
          ? t(
              'the pod anti-affinity is only a preference (preferredDuringSchedulingIgnoredDuringExecution): the scheduler may still put both replicas on one node; use requiredDuringSchedulingIgnoredDuringExecution',
              'Pod 反亲和性只是一种偏好（preferredDuringSchedulingIgnoredDuringExecution）：调度器仍可能把两个副本放到同一个节点上；请使用 requiredDuringSchedulingIgnoredDuringExecution',
            )
          : t(
              'the pod template has no required pod anti-affinity, so nothing stops both replicas from running on one node; add affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution',
              'Pod 模板中没有必需的 Pod 反亲和性，没有什么能阻止两个副本运行在同一个节点上；请添加 affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution',
            ),
        at: obj.at(anti ? [...aff, 'podAntiAffinity'] : ['spec', 'template', 'spec']),
      },
    ];
  }
  const onHost = required.findIndex((term) => term?.topologyKey === HOSTNAME);
  if (onHost < 0) {
    return [
      {
        message: fill(
          t(
            'the required anti-affinity uses topologyKey {key}; to keep the replicas on different nodes use topologyKey: kubernetes.io/hostname',
            '必需的反亲和性使用的 topologyKey 是 {key}；要让副本分布在不同节点上，请使用 topologyKey: kubernetes.io/hostname',
          ),
          { key: String(required[0]?.topologyKey ?? '-') },
        ),
        at: obj.at([...aff, 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 0]),
      },
    ];
  }
  const term = required[onHost];
  if (!selectorMatches(term.labelSelector, labels)) {
    return [
      {
        message: fill(
          t(
            "the anti-affinity's labelSelector matches none of the Deployment's own Pods (their labels: {labels}), so the rule never applies; select the labels of spec.template.metadata.labels",
            '反亲和性的 labelSelector 匹配不到 Deployment 自己的任何 Pod（它们的标签：{labels}），这条规则永远不会生效；请选择 spec.template.metadata.labels 中的标签',
          ),
          { labels: showLabels(labels) },
        ),
        at: obj.at([...aff, 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', onHost, 'labelSelector']),
      },
    ];
  }
  return [];
}
