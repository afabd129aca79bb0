/**
 * The Pod-level safety rules: whatever in a pod spec (a Pod's or a controller's template) would let
 * a container reach past its own sandbox into the node, which on kind is a container with full
 * access to the grading machine. The set is the Pod Security Standard "baseline" (host namespaces,
 * privileged, added capabilities, host ports, unconfined seccomp/AppArmor, unmasked /proc, custom
 * SELinux, sysctls, Windows host processes) plus the volume types that run code on the node
 * (gitRepo, flexVolume). No exercise needs any of them, so each is refused on every cluster.
 * Host paths are judged in safety.ts, since they depend on the lesson.
 */
import { fill, type Localized } from '../../i18n/lang.ts';
import type { SubmittedObject } from '../define.ts';
import type { Problem } from '../report/model.ts';
import { containersOf, getIn, isObject, objectItems, podSpecOf, type Json } from './pod-specs.ts';
import { problem, type FieldPath } from './problem.ts';

/** Why the grader refuses such a spec, and what to do instead; ends every Pod-level message. */
export const NODE_ACCESS_WHY: Localized = {
  en: 'a kind node is a container with full access to the machine that grades, so a Pod with this could take that machine over; the grader refuses it on every cluster. Remove it: no exercise needs it',
  'zh-cn': 'kind 节点是一个对评分机器拥有完全访问权限的容器，带有这一设置的 Pod 可能借此控制那台机器，因此评分程序在任何集群上都拒绝它。请删除它：没有练习需要它',
};

/** SELinux types the baseline standard allows (the container runtime's own). */
const SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

const HOST_NAMESPACE: Record<string, Localized> = {
  hostNetwork: { en: 'network', 'zh-cn': '网络' },
  hostPID: { en: 'processes', 'zh-cn': '进程' },
  hostIPC: { en: 'shared memory', 'zh-cn': '共享内存' },
};

/** Volume types whose plugin runs a program on the node as root with the user's arguments. */
const NODE_CODE_VOLUMES: Record<string, Localized> = {
  gitRepo: { en: 'runs git on the node as root', 'zh-cn': '会在节点上以 root 身份运行 git' },
  flexVolume: { en: 'runs a driver program on the node as root', 'zh-cn': '会在节点上以 root 身份运行驱动程序' },
};

const MSG = {
  hostNamespace: { en: '{field}: true lets the Pod see the node\'s own {what}', 'zh-cn': '{field}: true 会让 Pod 看到节点自身的{what}' },
  privileged: { en: 'Container "{name}" runs privileged, with full access to the node', 'zh-cn': '容器 "{name}" 以特权模式运行，可以完全访问节点' },
  capabilities: { en: 'Container "{name}" adds Linux capabilities ({caps})', 'zh-cn': '容器 "{name}" 添加了 Linux 能力（{caps}）' },
  hostPort: { en: 'Container "{name}" opens port {port} on the node itself (hostPort), where a Service would do', 'zh-cn': '容器 "{name}" 在节点本身上开放端口 {port}（hostPort），而用 Service 就足够了' },
  seccomp: { en: '{who} turns seccomp off (seccompProfile type Unconfined), so every system call reaches the node\'s kernel', 'zh-cn': '{who} 关闭了 seccomp（seccompProfile 的 type 为 Unconfined），所有系统调用都会直达节点内核' },
  appArmor: { en: '{who} turns AppArmor off (Unconfined)', 'zh-cn': '{who} 关闭了 AppArmor（Unconfined）' },
  procMount: { en: 'Container "{name}" asks for an unmasked /proc (procMount: Unmasked), which shows the node\'s kernel settings', 'zh-cn': '容器 "{name}" 要求不加屏蔽的 /proc（procMount: Unmasked），会暴露节点的内核设置' },
  seLinux: { en: '{who} sets its own SELinux label ({label})', 'zh-cn': '{who} 设置了自己的 SELinux 标签（{label}）' },
  sysctls: { en: 'The Pod sets kernel parameters (sysctls: {names})', 'zh-cn': 'Pod 设置了内核参数（sysctls：{names}）' },
  hostProcess: { en: '{who} asks to run as a process of the host itself (hostProcess)', 'zh-cn': '{who} 要求作为主机本身的进程运行（hostProcess）' },
  nodeCodeVolume: { en: 'Volume "{name}" is of type {type}, which {what}', 'zh-cn': '卷 "{name}" 的类型是 {type}，它{what}' },
  pvCodeVolume: { en: 'PersistentVolume "{name}" is of type flexVolume, which {what}', 'zh-cn': 'PersistentVolume "{name}" 的类型是 flexVolume，它{what}' },
} satisfies Record<string, Localized>;

type Param = string | number | Localized;

/** fill() whose parameters may differ by language (a Localized value is taken per language). */
function fillEach(message: Localized, params: Record<string, Param>): Localized {
  const pick = (lang: keyof Localized) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]));
  return { en: fill(message, pick('en')).en, 'zh-cn': fill(message, pick('zh-cn'))['zh-cn'] };
}

/** One refusal at `at`: the situation (`what` filled with `params`), then NODE_ACCESS_WHY. */
function refuse(code: string, what: Localized, params: Record<string, Param>, o: SubmittedObject, at: FieldPath): Problem {
  const said = fillEach(what, params);
  return problem(`safety.${code}`, { en: `${said.en}; ${NODE_ACCESS_WHY.en}`, 'zh-cn': `${said['zh-cn']}；${NODE_ACCESS_WHY['zh-cn']}` }, o.at(at));
}

const POD_WHO: Localized = { en: 'The Pod', 'zh-cn': 'Pod' };
const containerWho = (name: string): Localized => ({ en: `Container "${name}"`, 'zh-cn': `容器 "${name}"` });

/** The security-context rules shared by the Pod level and each container (`who` names which). */
function contextRules(sc: Json, at: FieldPath, who: Localized, o: SubmittedObject): Problem[] {
  const out: Problem[] = [];
  if (getIn(sc, ['seccompProfile', 'type']) === 'Unconfined') out.push(refuse('seccomp', MSG.seccomp, { who }, o, [...at, 'seccompProfile', 'type']));
  if (getIn(sc, ['appArmorProfile', 'type']) === 'Unconfined') out.push(refuse('appArmor', MSG.appArmor, { who }, o, [...at, 'appArmorProfile', 'type']));
  const se = getIn(sc, ['seLinuxOptions']);
  if (isObject(se)) {
    const bad: string[] = ['user', 'role'].filter((k) => typeof se[k] === 'string' && se[k] !== '');
    if (typeof se.type === 'string' && se.type !== '' && !SELINUX_TYPES.has(se.type)) bad.push('type');
    for (const k of bad) out.push(refuse('seLinux', MSG.seLinux, { who, label: `${k}: ${String(se[k])}` }, o, [...at, 'seLinuxOptions', k]));
  }
  if (getIn(sc, ['windowsOptions', 'hostProcess']) === true) out.push(refuse('hostProcess', MSG.hostProcess, { who }, o, [...at, 'windowsOptions', 'hostProcess']));
  return out;
}

/** AppArmor set through the older annotation: container.apparmor.security.beta.kubernetes.io/<name>: unconfined. */
function appArmorAnnotations(o: SubmittedObject, specPath: FieldPath): Problem[] {
  const metaPath = [...specPath.slice(0, -1), 'metadata', 'annotations'];
  const annotations = getIn(o.object as Json, metaPath);
  if (!isObject(annotations)) return [];
  const prefix = 'container.apparmor.security.beta.kubernetes.io/';
  return Object.entries(annotations)
    .filter(([k, v]) => k.startsWith(prefix) && v === 'unconfined')
    .map(([k]) => refuse('appArmor', MSG.appArmor, { who: containerWho(k.slice(prefix.length)) }, o, [...metaPath, k]));
}

/** Every Pod-level refusal in one submitted object (nothing for objects without a pod spec). */
export function podRules(o: SubmittedObject): Problem[] {
  const pod = podSpecOf(o.object as Json);
  if (!pod) return [];
  const out: Problem[] = [];
  for (const [field, what] of Object.entries(HOST_NAMESPACE)) {
    if (pod.spec[field] === true) out.push(refuse('hostNamespace', MSG.hostNamespace, { field, what }, o, [...pod.path, field]));
  }
  const psc = isObject(pod.spec.securityContext) ? pod.spec.securityContext : undefined;
  if (psc) {
    out.push(...contextRules(psc, [...pod.path, 'securityContext'], POD_WHO, o));
    const sysctls = objectItems(psc.sysctls).map(({ item }) => String(item.name ?? '?'));
    if (sysctls.length > 0) out.push(refuse('sysctls', MSG.sysctls, { names: sysctls.join(', ') }, o, [...pod.path, 'securityContext', 'sysctls']));
  }
  out.push(...appArmorAnnotations(o, pod.path));
  for (const { container, path } of containersOf(pod.spec, pod.path)) {
    const name = typeof container.name === 'string' ? container.name : '?';
    const sc = isObject(container.securityContext) ? container.securityContext : {};
    const scPath = [...path, 'securityContext'];
    if (sc.privileged === true) out.push(refuse('privileged', MSG.privileged, { name }, o, [...scPath, 'privileged']));
    const add = getIn(sc, ['capabilities', 'add']);
    if (Array.isArray(add) && add.length > 0) out.push(refuse('capabilities', MSG.capabilities, { name, caps: add.join(', ') }, o, [...scPath, 'capabilities', 'add']));
    if (sc.procMount === 'Unmasked') out.push(refuse('procMount', MSG.procMount, { name }, o, [...scPath, 'procMount']));
    out.push(...contextRules(sc, scPath, containerWho(name), o));
    for (const { item, index } of objectItems(container.ports)) {
      if (typeof item.hostPort === 'number' && item.hostPort !== 0) out.push(refuse('hostPort', MSG.hostPort, { name, port: item.hostPort }, o, [...path, 'ports', index, 'hostPort']));
    }
  }
  for (const { item, index } of objectItems(pod.spec.volumes)) {
    for (const [type, what] of Object.entries(NODE_CODE_VOLUMES)) {
      if (item[type] === undefined) continue;
      const name = typeof item.name === 'string' ? item.name : '?';
      out.push(refuse('nodeCodeVolume', MSG.nodeCodeVolume, { name, type, what }, o, [...pod.path, 'volumes', index, type]));
    }
  }
  return out;
}

/** A PersistentVolume of a type that runs code on the node (flexVolume). */
export function pvCodeRules(o: SubmittedObject): Problem[] {
  if (o.object.kind !== 'PersistentVolume' || getIn(o.object as Json, ['spec', 'flexVolume']) === undefined) return [];
  const what = NODE_CODE_VOLUMES.flexVolume!;
  return [refuse('nodeCodeVolume', MSG.pvCodeVolume, { name: o.object.metadata.name, what }, o, ['spec', 'flexVolume'])];
}
