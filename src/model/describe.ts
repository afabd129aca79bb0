/**
 * `kubectl describe`-like text for one object: the fields that explain storage behaviour
 * (pod node, phase, container states and restarts, volumes; claim and volume binding; workload
 * replicas), followed by the object's events. Used for grader diagnostics and the playground.
 */
import { eventObject } from './events.ts';
import { podProblem } from './pod-status.ts';
import type { ModelState } from './state.ts';
import type { K8sObject } from './types.ts';

function podLines(state: ModelState, pod: K8sObject): string[] {
  const out = [`Node:         ${pod.spec?.nodeName ?? '<none>'}`, `Status:       ${pod.metadata.deletionTimestamp ? 'Terminating' : (pod.status?.phase ?? 'Pending')}`];
  const problem = podProblem(state, pod);
  if (problem) out.push(`Reason:       ${problem.reason}`, ...(problem.message ? [`Message:      ${problem.message.split('\n').join('\n              ')}`] : []));
  out.push(`IP:           ${pod.status?.podIP ?? '<none>'}`, 'Containers:');
  for (const c of (pod.spec?.containers as any[]) ?? []) {
    const cs = ((pod.status?.containerStatuses as any[]) ?? []).find((s) => s.name === c.name) ?? {};
    const [stateName, detail] = Object.entries(cs.state ?? { waiting: { reason: 'ContainerCreating' } })[0] as [string, any];
    out.push(`  ${c.name}:`, `    Image:         ${c.image}`, `    Container ID:  ${cs.containerID ?? ''}`, `    State:         ${stateName[0]!.toUpperCase()}${stateName.slice(1)}`);
    if (detail?.reason) out.push(`      Reason:      ${detail.reason}`);
    if (detail?.exitCode !== undefined) out.push(`      Exit Code:   ${detail.exitCode}`);
    const last = cs.lastState?.terminated;
    if (last) out.push('    Last State:    Terminated', `      Reason:      ${last.reason}`, `      Exit Code:   ${last.exitCode}`);
    out.push(`    Ready:         ${cs.ready ? 'True' : 'False'}`, `    Restart Count: ${cs.restartCount ?? 0}`);
    if (c.command || c.args) out.push(`    Command:       ${JSON.stringify([...(c.command ?? []), ...(c.args ?? [])])}`);
    for (const m of c.volumeMounts ?? []) out.push(`    Mounts:        ${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path="${m.subPath}"` : ''})`);
  }
  out.push('Volumes:');
  for (const v of (pod.spec?.volumes as any[]) ?? []) {
    const [type, spec] = Object.entries(v).find(([k]) => k !== 'name') as [string, unknown];
    out.push(`  ${v.name}:`, `    Type:  ${type} ${JSON.stringify(spec)}`);
  }
  return out;
}

function claimLines(pvc: K8sObject, pods: K8sObject[]): string[] {
  const users = pods.filter((p) => ((p.spec?.volumes as any[]) ?? []).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name)).map((p) => p.metadata.name);
  return [
    `StorageClass:  ${pvc.spec?.storageClassName ?? '<unset>'}`,
    `Status:        ${pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? 'Pending')}`,
    `Volume:        ${pvc.spec?.volumeName ?? ''}`,
    `Finalizers:    ${JSON.stringify(pvc.metadata.finalizers ?? [])}`,
    `Capacity:      ${pvc.status?.capacity?.storage ?? ''}`,
    `Access Modes:  ${(pvc.spec?.accessModes ?? []).join(',')}`,
    `Requested:     ${pvc.spec?.resources?.requests?.storage ?? ''}`,
    `Used By:       ${users.join(', ') || '<none>'}`,
  ];
}

function volumeLines(pv: K8sObject): string[] {
  const src = pv.spec?.local ? `local ${pv.spec.local.path}` : pv.spec?.hostPath ? `hostPath ${pv.spec.hostPath.path}` : pv.spec?.nfs ? `nfs ${pv.spec.nfs.server}:${pv.spec.nfs.path}` : '?';
  const ref = pv.spec?.claimRef;
  return [
    `StorageClass:    ${pv.spec?.storageClassName ?? ''}`,
    `Status:          ${pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? 'Pending')}`,
    ...(pv.status?.message ? [`Message:         ${pv.status.message}`] : []),
    `Claim:           ${ref ? `${ref.namespace}/${ref.name}` : ''}`,
    `Reclaim Policy:  ${pv.spec?.persistentVolumeReclaimPolicy}`,
    `Access Modes:    ${(pv.spec?.accessModes ?? []).join(',')}`,
    `Capacity:        ${pv.spec?.capacity?.storage}`,
    `Node Affinity:   ${pv.spec?.nodeAffinity ? JSON.stringify(pv.spec.nodeAffinity.required) : '<none>'}`,
    `Source:          ${src}`,
  ];
}

/** Describe text for one object (or a "not found" line), with its events. */
export function describe(state: ModelState, kind: string, namespace: string, name: string): string {
  const obj = state.store.get(kind, namespace, name);
  const events = state.events.about(kind, name, namespace || undefined);
  const head = [`Name:         ${name}`, ...(namespace ? [`Namespace:    ${namespace}`] : []), `Kind:         ${kind}`];
  let body: string[];
  if (!obj) body = ['(not found: the object does not exist now)'];
  else if (kind === 'Pod') body = podLines(state, obj);
  else if (kind === 'PersistentVolumeClaim') body = claimLines(obj, state.store.list('Pod', namespace));
  else if (kind === 'PersistentVolume') body = volumeLines(obj);
  else body = [`Spec:         ${JSON.stringify(obj.spec ?? {})}`, `Status:       ${JSON.stringify(obj.status ?? {})}`];
  const ev = events.map((e) => {
    const o = eventObject(e, (t) => state.clock.iso(t)) as any;
    return `  ${e.type.padEnd(8)} ${e.reason.padEnd(22)} ${String(o.lastTimestamp)} (x${e.count})  ${e.source}  ${e.message.split('\n').join(' | ')}`;
  });
  return [...head, ...body, 'Events:', ...(ev.length ? ev : ['  <none>'])].join('\n');
}
