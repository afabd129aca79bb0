/**
 * Admission of Deployment and StatefulSet (apps/v1): a selector is required and must match the
 * template's labels, the template is a valid pod spec with restartPolicy Always, replicas
 * default to 1; a StatefulSet's volumeClaimTemplates are valid claims and count as volumes for
 * the template's volumeMounts (a mount naming neither a volume nor a template is refused, as
 * v1.35 does: `spec.template.spec.containers[0].volumeMounts[0].name: Not found: "www"`, captured
 * in lesson 6's walk-through), and its policies take their documented defaults.
 */
import { matchSelector } from '../selectors.ts';
import type { K8sObject } from '../types.ts';
import { L, checkEnum, checkLabelValue, rejectFor, type Reject } from './common.ts';
import { admitPodSpec } from './pod.ts';
import { checkClaimSpec } from './storage.ts';

function checkSelectorAndTemplate(r: Reject, obj: K8sObject, extraVolumes: string[]): void {
  const spec = obj.spec;
  if (!spec || typeof spec !== 'object') throw r.invalid('spec', L('Required value', '必填值'));
  const sel = spec.selector;
  if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) {
    throw r.invalid('spec.selector', L('Required value', '必填值'));
  }
  const labels = spec.template?.metadata?.labels ?? {};
  if (!matchSelector(sel, labels)) {
    throw r.invalid('spec.template.metadata.labels', L(`Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\``, `无效值 ${JSON.stringify(labels)}：\`selector\` 与模板的 \`labels\` 不匹配`));
  }
  admitPodSpec(r, spec.template?.spec, 'spec.template.spec', extraVolumes);
  if (spec.template.spec.restartPolicy !== 'Always') checkEnum(r, 'spec.template.spec.restartPolicy', spec.template.spec.restartPolicy, ['Always']);
  spec.replicas ??= 1;
  if (!Number.isInteger(spec.replicas) || spec.replicas < 0) throw r.invalid('spec.replicas', L(`Invalid value: ${spec.replicas}: must be greater than or equal to 0`, `无效值 ${spec.replicas}：必须大于或等于 0`));
}

/** Admits a Deployment. */
export function admitDeployment(d: K8sObject): void {
  const r = rejectFor(d);
  checkSelectorAndTemplate(r, d, []);
  d.spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  d.spec.revisionHistoryLimit ??= 10;
}

/** Admits a StatefulSet. */
export function admitStatefulSet(sts: K8sObject): void {
  const r = rejectFor(sts);
  const templates: any[] = sts.spec?.volumeClaimTemplates ?? [];
  templates.forEach((t, i) => {
    checkLabelValue(r, `spec.volumeClaimTemplates[${i}].metadata.name`, t?.metadata?.name);
    checkClaimSpec(r, t.spec, `spec.volumeClaimTemplates[${i}].spec`);
  });
  checkSelectorAndTemplate(r, sts, templates.map((t) => t.metadata.name));
  sts.spec.podManagementPolicy ??= 'OrderedReady';
  checkEnum(r, 'spec.podManagementPolicy', sts.spec.podManagementPolicy, ['OrderedReady', 'Parallel']);
  sts.spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
  checkEnum(r, 'spec.updateStrategy.type', sts.spec.updateStrategy.type, ['RollingUpdate', 'OnDelete']);
  const policy = (sts.spec.persistentVolumeClaimRetentionPolicy ??= {});
  policy.whenDeleted ??= 'Retain';
  policy.whenScaled ??= 'Retain';
  checkEnum(r, 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', policy.whenDeleted, ['Retain', 'Delete']);
  checkEnum(r, 'spec.persistentVolumeClaimRetentionPolicy.whenScaled', policy.whenScaled, ['Retain', 'Delete']);
  if (sts.spec.ordinals?.start !== undefined && (!Number.isInteger(sts.spec.ordinals.start) || sts.spec.ordinals.start < 0)) {
    throw r.invalid('spec.ordinals.start', L('Invalid value: must be greater than or equal to 0', '无效值：必须大于或等于 0'));
  }
  sts.spec.revisionHistoryLimit ??= 10;
}
