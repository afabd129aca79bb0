/**
 * Why a claim is not Bound, read from the objects in the cluster. Each explainer answers only
 * when the cause is certain from the specs (a class, size or access-mode mismatch; a class that
 * provisions before a node is known; a claim no provisioner serves), and says what to change.
 */
import type { K8sObject } from '../../src/grader/cluster/cluster.ts';
import type { Localized } from '../../src/i18n/lang.ts';
import { bytesOf } from './quantity.ts';
import { fill, t } from './text.ts';

export const LOCAL_PATH = 'rancher.io/local-path';

const MSG = {
  boundElsewhere: t(
    'PersistentVolumeClaim {pvc} was bound to {volume} (class "{class}"), not to {pv}: the claim got a volume of its own from the class instead of your PersistentVolume',
    'PersistentVolumeClaim {pvc} 绑定到了 {volume}（存储类“{class}”），而不是 {pv}：申领从存储类得到了一个新卷，没有使用你的 PersistentVolume',
  ),
  noPv: t('PersistentVolume {pv} does not exist in the cluster', '集群中不存在 PersistentVolume {pv}'),
  classMismatch: t(
    'PersistentVolumeClaim {pvc} has storageClassName "{claimClass}" but PersistentVolume {pv} has "{pvClass}": a claim binds only to a volume of the same class',
    'PersistentVolumeClaim {pvc} 的 storageClassName 是“{claimClass}”，而 PersistentVolume {pv} 的是“{pvClass}”：申领只会绑定到同一存储类的卷',
  ),
  takenBy: t(
    'PersistentVolume {pv} is already bound to the claim {other}, so {pvc} cannot have it',
    'PersistentVolume {pv} 已经绑定到申领 {other}，{pvc} 无法再使用它',
  ),
  modes: t(
    'PersistentVolumeClaim {pvc} asks for access mode {wanted}, but PersistentVolume {pv} offers only {offered}; ask only for modes the volume offers',
    'PersistentVolumeClaim {pvc} 请求的访问模式是 {wanted}，而 PersistentVolume {pv} 只提供 {offered}；请只请求卷提供的访问模式',
  ),
  tooBig: t(
    'PersistentVolumeClaim {pvc} asks for {request}, but PersistentVolume {pv} offers only {capacity}; a claim binds only to a volume at least as large as its request',
    'PersistentVolumeClaim {pvc} 请求 {request}，而 PersistentVolume {pv} 只提供 {capacity}；申领只会绑定到容量不小于请求的卷',
  ),
  volumeMode: t(
    'PersistentVolumeClaim {pvc} has volumeMode {claimMode} but PersistentVolume {pv} has {pvMode}',
    'PersistentVolumeClaim {pvc} 的 volumeMode 是 {claimMode}，而 PersistentVolume {pv} 的是 {pvMode}',
  ),
  selector: t(
    'PersistentVolumeClaim {pvc} has a selector that the labels of PersistentVolume {pv} do not match; remove spec.selector or label the volume',
    'PersistentVolumeClaim {pvc} 设置了 selector，而 PersistentVolume {pv} 的标签与之不匹配；请删除 spec.selector 或给卷加上对应标签',
  ),
  emptyClass: t(
    'PersistentVolumeClaim {pvc} has storageClassName "" (no class): no provisioner creates a volume for it and no matching PersistentVolume exists, so it stays Pending; leave storageClassName out to get the default class',
    'PersistentVolumeClaim {pvc} 的 storageClassName 是 ""（不使用存储类）：没有制备器会为它创建卷，也没有匹配的 PersistentVolume，所以它一直处于 Pending；请去掉 storageClassName，使用默认存储类',
  ),
  noClass: t(
    'PersistentVolumeClaim {pvc} asks for the StorageClass "{class}", which does not exist',
    'PersistentVolumeClaim {pvc} 请求的存储类“{class}”不存在',
  ),
  localPathModes: t(
    'PersistentVolumeClaim {pvc} asks for {wanted}, but the local-path provisioner ({provisioner}) only makes ReadWriteOnce (or ReadWriteOncePod) volumes, so provisioning fails; ask for ReadWriteOnce',
    'PersistentVolumeClaim {pvc} 请求 {wanted}，但 local-path 制备器（{provisioner}）只能制备 ReadWriteOnce（或 ReadWriteOncePod）的卷，因此制备失败；请改为 ReadWriteOnce',
  ),
  immediate: t(
    'StorageClass {class} has volumeBindingMode {mode}: the claim is provisioned as soon as it is created, before any Pod is scheduled, and local-path cannot make a volume without knowing the node ("configuration error, no node was specified"); set volumeBindingMode: WaitForFirstConsumer',
    'StorageClass {class} 的 volumeBindingMode 是 {mode}：申领一创建就要制备，此时还没有调度任何 Pod，而 local-path 不知道节点就无法创建卷（“configuration error, no node was specified”）；请设置 volumeBindingMode: WaitForFirstConsumer',
  ),
  immediateDefault: t('Immediate (the default when the field is missing)', 'Immediate（不写这个字段时的默认值）'),
  nodeName: t(
    'Pod {pod} sets spec.nodeName, which skips the scheduler; with WaitForFirstConsumer the claim waits for the scheduler to choose a node, so it stays Pending and the Pod never starts. Remove nodeName (use a nodeSelector if you must pin the Pod)',
    'Pod {pod} 设置了 spec.nodeName，会跳过调度器；而在 WaitForFirstConsumer 模式下，申领要等调度器选定节点，所以它一直处于 Pending，Pod 也无法启动。请删除 nodeName（如果必须固定节点，请使用 nodeSelector）',
  ),
};

const modesOf = (o: K8sObject | undefined): string[] => (Array.isArray(o?.spec?.accessModes) ? o!.spec.accessModes : []);

/** Why claim `pvcName` is not bound to the hand-made PersistentVolume `pvName`; undefined when bound or unsure. */
export function explainStaticBinding(pvName: string, pv: K8sObject | undefined, pvcName: string, pvc: K8sObject | undefined): Localized | undefined {
  if (!pvc) return undefined;
  const volume = pvc.spec?.volumeName as string | undefined;
  const p = { pv: pvName, pvc: pvcName };
  if (volume && volume !== pvName) return fill(MSG.boundElsewhere, { ...p, volume, class: String(pvc.spec?.storageClassName ?? '') });
  if (pvc.status?.phase === 'Bound') return undefined;
  if (!pv) return fill(MSG.noPv, p);
  const claimClass = String(pvc.spec?.storageClassName ?? '');
  const pvClass = String(pv.spec?.storageClassName ?? '');
  if (claimClass !== pvClass) return fill(MSG.classMismatch, { ...p, claimClass, pvClass });
  const ref = pv.spec?.claimRef;
  if (ref?.name && ref.name !== pvcName) return fill(MSG.takenBy, { ...p, other: ref.name });
  const offered = modesOf(pv);
  const wanted = modesOf(pvc);
  const missing = wanted.filter((m) => !offered.includes(m));
  if (missing.length > 0) return fill(MSG.modes, { ...p, wanted: missing.join(', '), offered: offered.join(', ') || '-' });
  const request = pvc.spec?.resources?.requests?.storage;
  const capacity = pv.spec?.capacity?.storage;
  const rb = bytesOf(request);
  const cb = bytesOf(capacity);
  if (rb !== undefined && cb !== undefined && rb > cb) return fill(MSG.tooBig, { ...p, request: String(request), capacity: String(capacity) });
  const claimMode = pvc.spec?.volumeMode ?? 'Filesystem';
  const pvMode = pv.spec?.volumeMode ?? 'Filesystem';
  if (claimMode !== pvMode) return fill(MSG.volumeMode, { ...p, claimMode, pvMode });
  const wantLabels: Record<string, string> = pvc.spec?.selector?.matchLabels ?? {};
  const labels: Record<string, string> = pv.metadata.labels ?? {};
  if (Object.entries(wantLabels).some(([k, v]) => labels[k] !== v)) return fill(MSG.selector, p);
  return undefined;
}

/**
 * Why a claim served by dynamic provisioning is not Bound: no class, a missing class, access
 * modes local-path cannot make, a class that binds Immediately, a consumer Pod with nodeName.
 * `sc` is the claim's class as found in the cluster; `pod` the consumer Pod as the student wrote
 * it (not as the cluster shows it: a scheduled Pod always has a nodeName).
 */
export function explainDynamicClaim(pvcName: string, pvc: K8sObject | undefined, sc: K8sObject | undefined, pod?: K8sObject): Localized | undefined {
  if (!pvc || pvc.status?.phase === 'Bound') return undefined;
  const cls = pvc.spec?.storageClassName;
  if (cls === '') return fill(MSG.emptyClass, { pvc: pvcName });
  if (typeof cls === 'string' && !sc) return fill(MSG.noClass, { pvc: pvcName, class: cls });
  if (!sc || sc.provisioner !== LOCAL_PATH) return undefined;
  const odd = modesOf(pvc).filter((m) => m !== 'ReadWriteOnce' && m !== 'ReadWriteOncePod');
  if (odd.length > 0) return fill(MSG.localPathModes, { pvc: pvcName, wanted: odd.join(', '), provisioner: LOCAL_PATH });
  const mode = sc.volumeBindingMode as string | undefined;
  if (mode !== 'WaitForFirstConsumer') {
    const shown: Localized = mode ? { en: mode, 'zh-cn': mode } : MSG.immediateDefault;
    return {
      en: fill(MSG.immediate, { class: sc.metadata.name, mode: shown.en }).en,
      'zh-cn': fill(MSG.immediate, { class: sc.metadata.name, mode: shown['zh-cn'] })['zh-cn'],
    };
  }
  if (pod?.spec?.nodeName) return fill(MSG.nodeName, { pod: pod.metadata.name });
  return undefined;
}
