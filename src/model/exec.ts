/**
 * File access through a container, like `kubectl exec POD -c C -- sh -c 'cat > PATH'`. A path is
 * resolved through the container's volumeMounts (the longest mountPath that contains it wins,
 * subPath honoured): under a mount it lands in that volume's storage, anything else lands in the
 * container's own writable layer, which a restart throws away. The container must be running and
 * its image must have a shell; a missing parent directory and a read-only mount are errors.
 */
import { NODE_DISK_BYTES } from './cluster-facts.ts';
import { ModelExecError } from './errors.ts';
import { fileSystemBytes } from './expansion.ts';
import { FsError, type MemFs, isUnder, normalizePath } from './filesystem.ts';
import type { ContainerRuntime, ModelState, PodRuntime } from './state.ts';
import type { Localized } from './types.ts';

const L = (en: string, zh: string): Localized => ({ en, 'zh-cn': zh });

/** Where a container path lives. */
export interface ResolvedPath {
  fs: MemFs;
  path: string;
  readOnly: boolean;
  /** The volume name, or undefined for the container's own layer. */
  volume?: string;
}

/** A running container of a pod; throws ModelExecError if the pod, container or running instance is missing. */
export function runningContainer(state: ModelState, namespace: string, podName: string, container: string): { rt: PodRuntime; c: ContainerRuntime; spec: any } {
  const pod = state.store.get('Pod', namespace, podName);
  if (!pod) throw new ModelExecError(L(`pods "${podName}" not found`, `找不到 Pod "${podName}"`));
  const idx = (pod.spec.containers as any[]).findIndex((c) => c.name === container);
  if (idx < 0) throw new ModelExecError(L(`container ${container} is not valid for pod ${podName}`, `Pod ${podName} 中没有名为 ${container} 的容器`));
  const rt = state.pods.get(pod.metadata.uid!);
  const c = rt?.containers[idx];
  if (!rt || !c?.current) {
    const why = c?.waiting.reason || (c?.final ? 'Terminated' : 'ContainerCreating');
    throw new ModelExecError(L(`unable to upgrade connection: container not found ("${container}") - the container is not running (${why})`, `无法连接：容器 "${container}" 没有在运行（${why}）`));
  }
  return { rt, c, spec: pod.spec.containers[idx] };
}

/** The running container a shell command would run in; also needs a shell in the image. */
export function execTarget(state: ModelState, namespace: string, podName: string, container: string): { rt: PodRuntime; c: ContainerRuntime; spec: any } {
  const target = runningContainer(state, namespace, podName, container);
  const c = target.c;
  if (!state.rules.image(c.image).hasShell) {
    throw new ModelExecError(L(`OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown (image ${c.image} has no shell)`, `OCI 运行时 exec 失败：镜像 ${c.image} 中没有 shell（找不到 "sh"），无法在容器里读写文件`));
  }
  return target;
}

/** Resolves a container path through the mounts. */
export function resolvePath(rt: PodRuntime, c: ContainerRuntime, spec: any, rawPath: string): ResolvedPath {
  const path = normalizePath(rawPath);
  let best: { mountPath: string; m: any } | undefined;
  for (const m of spec.volumeMounts ?? []) {
    const mp = normalizePath(m.mountPath);
    if (isUnder(path, mp) && (!best || mp.length > best.mountPath.length)) best = { mountPath: mp, m };
  }
  if (!best) return { fs: c.current!.layer, path, readOnly: false };
  const src = rt.mounts!.find((s) => s.volume === best!.m.name)!;
  const rest = path.slice(best.mountPath.length);
  const base = best.m.subPath ? normalizePath(`${src.path}/${best.m.subPath}`) : src.path;
  return { fs: src.fs, path: normalizePath(base + rest), readOnly: src.readOnly || !!best.m.readOnly, volume: src.volume };
}

function fsFailure(e: unknown, path: string, verb: 'create' | 'open'): never {
  if (e instanceof FsError) {
    const en = { ENOENT: 'nonexistent directory', ENOTDIR: 'Not a directory', EISDIR: 'Is a directory', EEXIST: 'File exists' }[e.code];
    const zh = { ENOENT: '上级目录不存在', ENOTDIR: '路径中有一段不是目录', EISDIR: '这是一个目录', EEXIST: '文件已存在' }[e.code];
    throw new ModelExecError(L(`sh: can't ${verb} ${path}: ${en}`, `sh：无法${verb === 'create' ? '创建' : '打开'} ${path}：${zh}`));
  }
  throw e;
}

/** Writes data to path inside the container (parent directory must exist). */
export function writeThrough(state: ModelState, namespace: string, pod: string, container: string, path: string, data: string): void {
  const { rt, c, spec } = execTarget(state, namespace, pod, container);
  const at = resolvePath(rt, c, spec, path);
  if (at.readOnly) throw new ModelExecError(L(`sh: can't create ${path}: Read-only file system`, `sh：无法创建 ${path}：只读文件系统`));
  try {
    at.fs.writeFile(at.path, data);
  } catch (e) {
    fsFailure(e, path, 'create');
  }
}

/** Reads a file inside the container; undefined if it does not exist. */
export function readThrough(state: ModelState, namespace: string, pod: string, container: string, path: string): string | undefined {
  const { rt, c, spec } = execTarget(state, namespace, pod, container);
  const at = resolvePath(rt, c, spec, path);
  try {
    return at.fs.readFile(at.path);
  } catch (e) {
    fsFailure(e, path, 'open');
  }
}

/**
 * The total bytes of the file system holding path inside the container, as `df -kP` reports it:
 * a course CSI volume's own XFS (expansion.ts fileSystemBytes), else the node's disk
 * (NODE_DISK_BYTES: the container's layer, emptyDir, hostPath, local-path and NFS all report
 * the disk they live on); undefined if path does not exist.
 */
export function fileSystemSizeThrough(state: ModelState, namespace: string, pod: string, container: string, path: string): number | undefined {
  const { rt, c, spec } = execTarget(state, namespace, pod, container);
  const at = resolvePath(rt, c, spec, path);
  if (at.fs.stat(at.path) === undefined) return undefined;
  const id = at.volume === undefined ? undefined : rt.mounts?.find((m) => m.volume === at.volume)?.csiVolume;
  const vol = id ? state.csi.volumes.get(id) : undefined;
  return vol ? fileSystemBytes(vol) : NODE_DISK_BYTES;
}

/** Lists a directory inside the container (sorted names); undefined if it does not exist. */
export function listThrough(state: ModelState, namespace: string, pod: string, container: string, path: string): string[] | undefined {
  const { rt, c, spec } = execTarget(state, namespace, pod, container);
  const p = normalizePath(path);
  const at = resolvePath(rt, c, spec, p);
  if (at.fs.stat(at.path) !== 'dir') return undefined;
  const names = new Set(at.fs.list(at.path));
  for (const m of spec.volumeMounts ?? []) {
    const mp = normalizePath(m.mountPath);
    if (mp !== p && isUnder(mp, p)) names.add(mp.slice(p === '/' ? 1 : p.length + 1).split('/')[0]!);
  }
  return [...names].sort();
}

/** Creates a directory and its parents inside the container (`mkdir -p`). */
export function mkdirThrough(state: ModelState, namespace: string, pod: string, container: string, path: string): void {
  const { rt, c, spec } = execTarget(state, namespace, pod, container);
  const at = resolvePath(rt, c, spec, path);
  if (at.readOnly) throw new ModelExecError(L(`mkdir: can't create directory '${path}': Read-only file system`, `mkdir：无法创建目录 '${path}'：只读文件系统`));
  try {
    at.fs.mkdirp(at.path);
  } catch (e) {
    fsFailure(e, path, 'create');
  }
}
