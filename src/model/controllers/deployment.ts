/**
 * The Deployment controller: one ReplicaSet per pod template (named <deployment>-<template
 * hash>, pods labelled pod-template-hash) scaled to spec.replicas; a changed template scales the
 * old ReplicaSet to 0 and the new one up at once (rollout pacing - maxSurge / maxUnavailable -
 * is not modelled). Status counts the pods of all its ReplicaSets.
 */
import { createObject, ownedBy, ownerRef } from '../objects.ts';
import { templateHash } from '../random.ts';
import type { ModelState } from '../state.ts';
import { emit } from '../state.ts';
import type { K8sObject } from '../types.ts';

const SOURCE = 'deployment-controller';

function scale(state: ModelState, d: K8sObject, rs: K8sObject, replicas: number): void {
  const from = rs.spec.replicas ?? 0;
  if (from === replicas) return;
  rs.spec.replicas = replicas;
  state.store.put(rs);
  const verb = replicas > from ? 'up' : 'down';
  emit(state, d, 'Normal', 'ScalingReplicaSet', `Scaled ${verb} replica set ${rs.metadata.name} from ${from} to ${replicas}`, SOURCE);
}

/** One pass of the Deployment controller. */
export function syncDeployments(state: ModelState): void {
  for (const d of state.store.list('Deployment')) {
    const ns = d.metadata.namespace!;
    const hash = templateHash(JSON.stringify(d.spec.template));
    const owned = state.store.list('ReplicaSet', ns).filter((rs) => ownedBy(rs, d.metadata.uid));
    const desired = d.spec.replicas ?? 1;
    let current = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    if (!current) {
      const labels = { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash };
      const revision = owned.length + 1;
      current = createObject(state, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: `${d.metadata.name}-${hash}`, namespace: ns, labels, annotations: { 'deployment.kubernetes.io/revision': String(revision) }, ownerReferences: [ownerRef(d)] },
        spec: {
          replicas: 0,
          selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash } },
          template: { metadata: { ...(d.spec.template.metadata ?? {}), labels }, spec: structuredClone(d.spec.template.spec) },
        },
      });
    }
    for (const rs of owned) if (rs.metadata.uid !== current.metadata.uid) scale(state, d, rs, 0);
    scale(state, d, state.store.get('ReplicaSet', ns, current.metadata.name)!, desired);
    const sets = state.store.list('ReplicaSet', ns).filter((rs) => ownedBy(rs, d.metadata.uid));
    const sum = (f: (rs: K8sObject) => number) => sets.reduce((n, rs) => n + f(rs), 0);
    const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
    const updated = state.store.get('ReplicaSet', ns, current.metadata.name)?.status?.replicas ?? 0;
    state.store.put({
      ...d,
      status: {
        observedGeneration: d.metadata.generation,
        replicas: sum((rs) => rs.status?.replicas ?? 0),
        updatedReplicas: updated,
        readyReplicas: ready,
        availableReplicas: ready,
        unavailableReplicas: Math.max(0, desired - ready),
        conditions: [{ type: 'Available', status: ready >= desired ? 'True' : 'False', reason: ready >= desired ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable' }],
      },
    });
  }
}
