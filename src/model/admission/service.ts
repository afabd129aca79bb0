/**
 * Admission of Service (type ClusterIP only; NodePort, LoadBalancer and ExternalName are not
 * modelled), ConfigMap (text data only) and Namespace. A Service gets a fixed clusterIP if it
 * names one inside the service CIDR 10.96.0.0/16 and it is free, none if it is headless
 * (clusterIP: None), or a free random one.
 */
import { SERVICE_CIDR, inServiceCidr, isIPv4 } from '../cluster-facts.ts';
import type { ModelState } from '../state.ts';
import type { K8sObject } from '../types.ts';
import { L, rejectFor } from './common.ts';

const RESERVED = ['10.96.0.0', '10.96.255.255'];

function allocated(state: ModelState, except?: string): Set<string> {
  const ips = new Set<string>(RESERVED);
  for (const s of state.store.list('Service')) if (s.metadata.uid !== except && s.spec?.clusterIP && s.spec.clusterIP !== 'None') ips.add(s.spec.clusterIP);
  return ips;
}

/** Admits a Service; on create allocates or checks its clusterIP. */
export function admitService(state: ModelState, svc: K8sObject, existing?: K8sObject): void {
  const r = rejectFor(svc);
  const spec = (svc.spec ??= {});
  spec.type ??= 'ClusterIP';
  if (spec.type !== 'ClusterIP') throw r.notModelled(L(`Services of type ${spec.type}`, `${spec.type} 类型的 Service`));
  const headless = spec.clusterIP === 'None';
  if (!headless && !(spec.ports ?? []).length) throw r.invalid('spec.ports', L('Required value', '必填值'));
  for (const p of spec.ports ?? []) p.protocol ??= 'TCP';
  if (existing) {
    spec.clusterIP ??= existing.spec.clusterIP;
    if (spec.clusterIP !== existing.spec.clusterIP) {
      throw r.invalid('spec.clusterIPs[0]', L(`Invalid value: ["${spec.clusterIP}"]: may not change once set`, `无效值 ["${spec.clusterIP}"]：设置后不能再修改`));
    }
    spec.clusterIPs = existing.spec.clusterIPs;
    return;
  }
  if (spec.clusterIP && !headless) {
    const ip = String(spec.clusterIP);
    const fail = (why: Localized2) => r.invalid('spec.clusterIPs', L(`Invalid value: ["${ip}"]: failed to allocate IP ${ip}: ${why.en}`, `无效值 ["${ip}"]：无法分配 IP ${ip}：${why.zh}`));
    if (!isIPv4(ip) || !inServiceCidr(ip)) throw fail({ en: `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`, zh: `该 IP 不在有效范围内，有效范围是 ${SERVICE_CIDR}` });
    if (allocated(state).has(ip)) throw fail({ en: 'provided IP is already allocated', zh: '该 IP 已被占用' });
  } else if (!headless) {
    const used = allocated(state);
    let ip: string;
    do ip = `10.96.${Math.floor(state.ids.random() * 256)}.${1 + Math.floor(state.ids.random() * 254)}`;
    while (used.has(ip) || ip === '10.96.0.1' || ip === '10.96.0.10');
    spec.clusterIP = ip;
  }
  spec.clusterIPs = [spec.clusterIP];
}

type Localized2 = { en: string; zh: string };

/** Admits a ConfigMap (binaryData is not modelled). */
export function admitConfigMap(cm: K8sObject): void {
  const r = rejectFor(cm);
  if (cm.binaryData && Object.keys(cm.binaryData as object).length) throw r.notModelled(L('ConfigMap binaryData', 'ConfigMap 的 binaryData'));
  for (const [k, v] of Object.entries((cm.data as Record<string, unknown>) ?? {})) {
    if (typeof v !== 'string') throw r.invalid(`data[${k}]`, L('Invalid value: must be a string', '无效值：必须是字符串'));
  }
}

/** Admits a Namespace. */
export function admitNamespace(ns: K8sObject): void {
  ns.status = { phase: 'Active' };
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name };
}
