/**
 * The Pod-mounts-a-claim rule of lessons 4 and 5: a Pod whose volume points at a given
 * PersistentVolumeClaim and is mounted (writable) at /data in one of its containers.
 */
import type { Finding, SubmittedObject } from '../../src/grader/define.ts';
import { containers, mountAt, volumeNamed } from './spec.ts';
import { fill, t } from './text.ts';

/** The container (of a Pod object) that mounts the claim's volume at mountPath, if any. */
export function claimContainer(pod: SubmittedObject, claim: string, mountPath: string): string | undefined {
  const spec = pod.object.spec;
  for (const { container } of containers(spec)) {
    const m = mountAt(container, mountPath);
    if (m && volumeNamed(spec, m.mount.name)?.volume?.persistentVolumeClaim?.claimName === claim) return String(container.name);
  }
  return undefined;
}

/** Findings for a Pod that should mount PersistentVolumeClaim `claim` at mountPath, writable. */
export function claimMountFindings(pod: SubmittedObject, claim: string, mountPath: string): Finding[] {
  const spec = pod.object.spec;
  const name = pod.object.metadata.name;
  const vols: any[] = Array.isArray(spec?.volumes) ? spec.volumes : [];
  const vIndex = vols.findIndex((v) => v?.persistentVolumeClaim?.claimName === claim);
  if (vIndex < 0) {
    const other = vols.findIndex((v) => v?.persistentVolumeClaim);
    return [
      {
        message:
          other >= 0
            ? fill(t('Pod {pod} uses the claim {other}, not {claim}', 'Pod {pod} 使用的申领是 {other}，而不是 {claim}'), {
                pod: name,
                other: String(vols[other].persistentVolumeClaim.claimName),
                claim,
              })
            : fill(
                t('Pod {pod} has no volume with persistentVolumeClaim: {claimName: {claim}}', 'Pod {pod} 中没有 persistentVolumeClaim: {claimName: {claim}} 的卷'),
                { pod: name, claim },
              ),
        at: pod.at(other >= 0 ? ['spec', 'volumes', other, 'persistentVolumeClaim', 'claimName'] : ['spec']),
      },
    ];
  }
  const volume = vols[vIndex];
  for (const { container, index } of containers(spec)) {
    const m = mountAt(container, mountPath);
    if (!m || m.mount.name !== volume.name) continue;
    if (m.mount.readOnly === true || volume.persistentVolumeClaim.readOnly === true) {
      return [
        {
          message: fill(
            t('{path} is mounted read-only, but the grader writes its token there; remove readOnly', '{path} 以只读方式挂载，但评分程序要在那里写入令牌；请删除 readOnly'),
            { path: mountPath },
          ),
          at: pod.at(['spec', 'containers', index, 'volumeMounts', m.index]),
        },
      ];
    }
    return [];
  }
  return [
    {
      message: fill(
        t(
          'no container of Pod {pod} mounts the volume {volume} (claim {claim}) at {path}',
          'Pod {pod} 中没有任何容器把卷 {volume}（申领 {claim}）挂载到 {path}',
        ),
        { pod: name, volume: String(volume.name), claim, path: mountPath },
      ),
      at: pod.at(['spec', 'containers']),
    },
  ];
}
