/** Static checks of lesson 05-storageclass: the rules that need no cluster, with file:line for every finding. */
import type { Finding, Submission } from '../../src/grader/define.ts';
import { claimContainer, claimMountFindings } from '../common/claim-pod.ts';
import { LOCAL_PATH } from '../common/claims.ts';
import { requireObject } from '../common/spec.ts';
import { fill, t } from '../common/text.ts';

export const CLASS = 'course-fast';
export const PVC = 'dyn-pvc';
export const POD = 'dyn-pod';
export const MOUNT = '/data';

/** Findings for missing course-fast, dyn-pvc or dyn-pod, a claim of another class, and a Pod that does not mount the claim at /data. */
export function objectFindings(sub: Submission): Finding[] {
  const findings: Finding[] = [];
  for (const [kind, name] of [['StorageClass', CLASS], ['PersistentVolumeClaim', PVC], ['Pod', POD]] as const) {
    const found = requireObject(sub, kind, name);
    if ('finding' in found) findings.push(found.finding);
  }
  const pvc = sub.find('PersistentVolumeClaim', PVC);
  const cls = pvc?.object.spec?.storageClassName;
  if (pvc && cls !== CLASS) {
    findings.push({
      message:
        cls === undefined || cls === null
          ? t('dyn-pvc has no storageClassName, so it gets the default class standard, not course-fast; write storageClassName: course-fast', 'dyn-pvc 没有写 storageClassName，会得到默认存储类 standard，而不是 course-fast；请写 storageClassName: course-fast')
          : fill(t('dyn-pvc asks for the class "{class}"; write storageClassName: course-fast', 'dyn-pvc 请求的存储类是“{class}”；请写 storageClassName: course-fast'), { class: String(cls) }),
      at: pvc.at(cls === undefined || cls === null ? ['spec'] : ['spec', 'storageClassName']),
    });
  }
  const pod = sub.find('Pod', POD);
  if (pod) findings.push(...claimMountFindings(pod, PVC, MOUNT));
  return findings;
}

/** The provisioner rule: course-fast uses rancher.io/local-path. */
export function provisionerFindings(sub: Submission): Finding[] {
  const found = requireObject(sub, 'StorageClass', CLASS);
  if ('finding' in found) return [found.finding];
  const provisioner = found.obj.object.provisioner;
  if (provisioner === LOCAL_PATH) return [];
  return [
    {
      message: fill(
        t(
          'provisioner is "{provisioner}", which no provisioner in the cluster answers to: the claim would wait forever ("waiting for a volume to be created"); kind\'s provisioner is rancher.io/local-path',
          'provisioner 是“{provisioner}”，集群中没有任何制备器响应这个名称：申领会一直等待（“waiting for a volume to be created”）；kind 的制备器是 rancher.io/local-path',
        ),
        { provisioner: String(provisioner) },
      ),
      at: found.obj.at(['provisioner']),
    },
  ];
}

/** The container of dyn-pod that mounts dyn-pvc at /data ("?" if none). */
export function container(sub: Submission): string {
  return claimContainer(sub.find('Pod', POD)!, PVC, MOUNT) ?? '?';
}
