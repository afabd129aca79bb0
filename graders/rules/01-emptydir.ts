/** Static checks of lesson 01-emptydir: the rules that need no cluster, with file:line for every finding. */
import type { Finding, Submission } from '../../src/grader/define.ts';
import { containerNamed, containerNames, mountAt, requireObject, volumeNamed, type FieldPath } from '../common/spec.ts';
import { fill, t } from '../common/text.ts';

export const POD = 'cache-pod';
export const WRITER = 'writer';
export const READER = 'reader';
export const MOUNT = '/cache';

/** A finding for a missing Pod cache-pod and for each of its two containers that is missing. */
export function podFindings(sub: Submission): Finding[] {
  const found = requireObject(sub, 'Pod', POD);
  if ('finding' in found) return [found.finding];
  const { obj } = found;
  const spec = obj.object.spec;
  const findings: Finding[] = [];
  for (const name of [WRITER, READER]) {
    if (!containerNamed(spec, name)) {
      findings.push({
        message: fill(
          t('Pod {pod} has no container named {name} (it has: {names})', 'Pod {pod} 中没有名为 {name} 的容器（现有容器：{names}）'),
          { pod: POD, name, names: containerNames(spec) },
        ),
        at: obj.at(['spec', 'containers']),
      });
    }
  }
  return findings;
}

/** The emptyDir rules: each container mounts a volume at /cache, it is an emptyDir, and it is the same one. */
export function emptyDirFindings(sub: Submission): Finding[] {
  const found = requireObject(sub, 'Pod', POD);
  if ('finding' in found) return [found.finding];
  const { obj } = found;
  const spec = obj.object.spec;
  const findings: Finding[] = [];
  const mounted: { container: string; volume: string; subPath: string; path: FieldPath }[] = [];
  for (const name of [WRITER, READER]) {
    const c = containerNamed(spec, name);
    if (!c) continue;
    const cPath: FieldPath = ['spec', 'containers', c.index];
    const m = mountAt(c.container, MOUNT);
    if (!m) {
      findings.push({
        message: fill(
          t(
            'container {name} mounts nothing at {mount}: a volume is only visible in the containers that mount it themselves',
            '容器 {name} 没有在 {mount} 挂载任何卷：只有自己挂载了卷的容器才能看到它',
          ),
          { name, mount: MOUNT },
        ),
        at: obj.at([...cPath, 'volumeMounts']),
      });
      continue;
    }
    const mPath: FieldPath = [...cPath, 'volumeMounts', m.index];
    const vol = volumeNamed(spec, m.mount.name);
    if (vol && !vol.volume.emptyDir) {
      const type = Object.keys(vol.volume).find((k) => k !== 'name') ?? '?';
      findings.push({
        message: fill(
          t(
            'the volume {volume} that {name} mounts at {mount} is a {type} volume, not an emptyDir; this exercise is about emptyDir, whose data lives exactly as long as the Pod',
            '{name} 挂载在 {mount} 的卷 {volume} 是 {type} 类型，而不是 emptyDir；本练习考查的是 emptyDir，它的数据与 Pod 的生命周期相同',
          ),
          { volume: String(m.mount.name), name, mount: MOUNT, type },
        ),
        at: obj.at(['spec', 'volumes', vol.index]),
      });
    }
    if (name === WRITER && m.mount.readOnly === true) {
      findings.push({
        message: t(
          'writer mounts /cache with readOnly: true, so nothing can be written there; the writer needs a writable mount',
          'writer 以 readOnly: true 挂载 /cache，无法写入任何内容；writer 需要可写的挂载',
        ),
        at: obj.at([...mPath, 'readOnly']),
      });
    }
    mounted.push({ container: name, volume: String(m.mount.name), subPath: String(m.mount.subPath ?? ''), path: mPath });
  }
  const [w, r] = mounted;
  if (w && r && (w.volume !== r.volume || w.subPath !== r.subPath)) {
    findings.push({
      message: fill(
        t(
          'writer mounts {wv} at /cache but reader mounts {rv}: two different volumes (or sub-paths) are two different directories, so the containers share nothing; mount the same emptyDir in both',
          'writer 在 /cache 挂载的是 {wv}，reader 挂载的却是 {rv}：不同的卷（或子路径）就是不同的目录，两个容器什么也共享不了；请在两个容器中挂载同一个 emptyDir',
        ),
        { wv: w.subPath ? `${w.volume} (subPath ${w.subPath})` : w.volume, rv: r.subPath ? `${r.volume} (subPath ${r.subPath})` : r.volume },
      ),
      at: obj.at(r.path),
    });
  }
  return findings;
}
