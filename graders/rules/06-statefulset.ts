/** Static checks of lesson 06-statefulset: the rules that need no cluster, with file:line for every finding. */
import type { Finding, Submission, SubmittedObject } from '../../src/grader/define.ts';
import { containers, getIn, mountAt, requireObject, selectorMatches, showLabels } from '../common/spec.ts';
import { fill, t } from '../common/text.ts';

export const NAME = 'web';
export const TEMPLATE = 'www';
export const MOUNT = '/data';

/** The pod template labels of the StatefulSet (none if it is missing). */
export const podLabels = (sts: SubmittedObject | undefined): Record<string, unknown> => getIn(sts?.object, ['spec', 'template', 'metadata', 'labels']) ?? {};

/** The headless-Service rules: Service web exists, has clusterIP: None and selects the StatefulSet's Pods. */
export function serviceFindings(sub: Submission): Finding[] {
  const found = requireObject(sub, 'Service', NAME, { ignoreKinds: ['StatefulSet', 'Deployment'] });
  if ('finding' in found) {
    const sts = sub.find('StatefulSet', NAME);
    const named = sts?.object.spec?.serviceName;
    if (!sts || typeof named !== 'string') return [found.finding];
    // Point at the line that names the missing Service.
    return [{ message: found.finding.message, at: sts.at(['spec', 'serviceName']) }];
  }
  const { obj } = found;
  const findings: Finding[] = [];
  if (obj.object.spec?.clusterIP !== 'None') {
    findings.push({
      message: t(
        'Service web is not headless (it has no clusterIP: None), so it gets a virtual IP instead of one DNS name per Pod; the Service a StatefulSet names in serviceName must be headless: write clusterIP: None',
        'Service web 不是无头服务（没有 clusterIP: None），它会得到一个虚拟 IP，而不是为每个 Pod 提供一个 DNS 名称；StatefulSet 在 serviceName 中指定的 Service 必须是无头服务：请写 clusterIP: None',
      ),
      at: obj.at(obj.object.spec?.clusterIP !== undefined ? ['spec', 'clusterIP'] : ['spec']),
    });
  }
  const sts = sub.find('StatefulSet', NAME);
  const labels = podLabels(sts);
  const selector: Record<string, unknown> = obj.object.spec?.selector ?? {};
  if (Object.keys(selector).length === 0) {
    findings.push({
      message: t(
        'Service web has no selector, so it finds no Pods and gives them no DNS names; select the labels of the StatefulSet\'s pod template',
        'Service web 没有 selector，找不到任何 Pod，也不会为它们提供 DNS 名称；请选择 StatefulSet Pod 模板中的标签',
      ),
      at: obj.at(['spec']),
    });
  } else if (sts && !selectorMatches({ matchLabels: selector }, labels)) {
    findings.push({
      message: fill(
        t(
          'the selector of Service web ({selector}) does not match the StatefulSet\'s Pods (labels {labels}); select the labels of the pod template',
          'Service web 的 selector（{selector}）与 StatefulSet 的 Pod 不匹配（Pod 标签：{labels}）；请选择 Pod 模板中的标签',
        ),
        { selector: showLabels(selector), labels: showLabels(labels) },
      ),
      at: obj.at(['spec', 'selector']),
    });
  }
  return findings;
}

/** The StatefulSet rules: StatefulSet web exists with serviceName web and 2 replicas. */
export function statefulSetFindings(sub: Submission): Finding[] {
  const found = requireObject(sub, 'StatefulSet', NAME, { ignoreKinds: ['Service'] });
  if ('finding' in found) {
    const deployment = sub.find('Deployment', NAME);
    if (!deployment) return [found.finding];
    return [
      {
        message: t(
          'your files have no StatefulSet named web; there is a Deployment named web, but every replica of a Deployment shares the same claims: per-replica claims (www-web-0, www-web-1) come only from a StatefulSet\'s volumeClaimTemplates',
          '你的文件中没有名为 web 的 StatefulSet；有一个名为 web 的 Deployment，但 Deployment 的所有副本共用同样的申领：每个副本各自的申领（www-web-0、www-web-1）只能来自 StatefulSet 的 volumeClaimTemplates',
        ),
        at: deployment.pos,
      },
    ];
  }
  const { obj } = found;
  const spec = obj.object.spec ?? {};
  const findings: Finding[] = [];
  if (spec.serviceName !== NAME) {
    findings.push({
      message:
        spec.serviceName === undefined
          ? t('serviceName is not set; it must name the headless Service web', '没有设置 serviceName；它必须指定无头服务 web')
          : fill(t('serviceName is {name}; it must name the headless Service web', 'serviceName 是 {name}；它必须指定无头服务 web'), { name: String(spec.serviceName) }),
      at: obj.at(spec.serviceName === undefined ? ['spec'] : ['spec', 'serviceName']),
    });
  }
  if (spec.replicas !== 2) {
    findings.push({
      message:
        spec.replicas === undefined
          ? t('replicas is not set, so the StatefulSet runs 1 replica; the exercise needs 2', '没有设置 replicas，StatefulSet 只会运行 1 个副本；练习需要 2 个')
          : fill(t('replicas is {n}; the exercise needs exactly 2', 'replicas 是 {n}；练习需要正好 2 个'), { n: String(spec.replicas) }),
      at: obj.at(spec.replicas === undefined ? ['spec'] : ['spec', 'replicas']),
    });
  }
  return findings;
}

/** The container of the template that mounts the claim template www at /data. */
export function wwwContainer(sts: SubmittedObject): { name: string; index: number; mIndex: number; readOnly: boolean } | undefined {
  for (const { container, index } of containers(sts.object.spec?.template?.spec)) {
    const m = mountAt(container, MOUNT);
    if (m && m.mount.name === TEMPLATE) return { name: String(container.name), index, mIndex: m.index, readOnly: m.mount.readOnly === true };
  }
  return undefined;
}

/** The claim-template rules: a volumeClaimTemplate www mounted writable at /data. */
export function templateFindings(sub: Submission): Finding[] {
  const sts = sub.find('StatefulSet', NAME);
  if (!sts) return [{ message: t('there is no StatefulSet web, so there is no claim template www', '没有 StatefulSet web，也就没有申领模板 www') }];
  const templates: any[] = Array.isArray(sts.object.spec?.volumeClaimTemplates) ? sts.object.spec.volumeClaimTemplates : [];
  const names = templates.map((tpl) => String(tpl?.metadata?.name));
  if (!names.includes(TEMPLATE)) {
    return [
      {
        message: names.length
          ? fill(
              t(
                'the claim template is called {name}, so the claims would be {name}-web-0 and {name}-web-1; name it www (and mount www), so they are www-web-0 and www-web-1',
                '申领模板名为 {name}，生成的申领会是 {name}-web-0 和 {name}-web-1；请把它命名为 www（并挂载 www），这样申领才是 www-web-0 和 www-web-1',
              ),
              { name: names[0]! },
            )
          : t(
              'the StatefulSet has no volumeClaimTemplates: add one named www, so that each replica gets its own claim www-web-<ordinal>',
              'StatefulSet 没有 volumeClaimTemplates：请添加一个名为 www 的模板，让每个副本都得到自己的申领 www-web-<序号>',
            ),
        at: sts.at(names.length ? ['spec', 'volumeClaimTemplates', 0, 'metadata', 'name'] : ['spec']),
      },
    ];
  }
  const c = wwwContainer(sts);
  if (!c) {
    return [
      {
        message: t('no container of the pod template mounts the claim template www at /data', 'Pod 模板中没有任何容器把申领模板 www 挂载到 /data'),
        at: sts.at(['spec', 'template', 'spec', 'containers']),
      },
    ];
  }
  if (c.readOnly) {
    return [
      {
        message: t('/data is mounted read-only, but the grader writes its token there; remove readOnly', '/data 以只读方式挂载，但评分程序要在那里写入令牌；请删除 readOnly'),
        at: sts.at(['spec', 'template', 'spec', 'containers', c.index, 'volumeMounts', c.mIndex]),
      },
    ];
  }
  return [];
}
