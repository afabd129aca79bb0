/**
 * The CEL rules (x-kubernetes-validations) of the snapshot CRDs that the API server checks when an
 * object is created, which ajv cannot run (crd-models.ts leaves them out). Of the rules in
 * crd-schemas/snapshot.storage.k8s.io-v1.json, these are the ones without oldSelf: a rule that
 * reads oldSelf is a transition rule (immutability, "required once set"), checked on updates only.
 * crd-schemas.test.ts fails when the CRDs have a create rule this table does not implement.
 * A field written as null counts as absent, as for the server (which prunes it before CEL runs).
 */
import type { Localized } from '../../i18n/lang.ts';
import type { Problem } from '../report/model.ts';
import type { Locator } from './locator.ts';
import { getIn, isObject, type Json } from './pod-specs.ts';
import { problem, type FieldPath } from './problem.ts';

/** One CEL rule of a CRD, as the CRD writes it, and its check. */
export interface CreateRule {
  kind: string;
  /** Where the rule sits in the schema (the object CEL calls `self`). */
  path: FieldPath;
  /** The rule's text in the CRD, to match it there. */
  rule: string;
  /** The CRD's message, which the API server prints when the rule fails. */
  message: string;
  /** Problems of `self` (an object that passed the schema). */
  check(self: unknown, path: FieldPath, loc: Locator): Problem[];
}

const has = (obj: unknown, field: string): boolean => isObject(obj) && Object.hasOwn(obj, field) && obj[field] !== null && obj[field] !== undefined;

/** "exactly one of a and b", with a message for none and one for both. */
function exactlyOne(code: string, a: string, b: string, none: Localized, both: Localized): CreateRule['check'] {
  return (self, path, loc) => {
    const set = [a, b].filter((f) => has(self, f));
    if (set.length === 1) return [];
    if (set.length === 0) return [problem(code, none, loc.keyAt(path))];
    // Point at the one written second: that is the one to remove, most often.
    const [x, y] = [loc.keyAt([...path, a]), loc.keyAt([...path, b])];
    const second = x.line > y.line || (x.line === y.line && x.col > y.col) ? a : b;
    return [problem(code, both, loc.keyAt([...path, second]))];
  };
}

export const CREATE_RULES: readonly CreateRule[] = [
  {
    kind: 'VolumeSnapshot',
    path: ['spec', 'source'],
    rule: '(has(self.volumeSnapshotContentName) && !has(self.persistentVolumeClaimName)) || (!has(self.volumeSnapshotContentName) && has(self.persistentVolumeClaimName))',
    message: 'exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set',
    check: exactlyOne('server.snapshotSource', 'persistentVolumeClaimName', 'volumeSnapshotContentName', {
      en: 'spec.source names nothing to snapshot; set exactly one of persistentVolumeClaimName (the claim to take a snapshot of) or volumeSnapshotContentName (an existing VolumeSnapshotContent). The API server says: "exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set"',
      'zh-cn': 'spec.source 没有指明要给什么拍快照；请在 persistentVolumeClaimName（要拍快照的申领）和 volumeSnapshotContentName（已有的 VolumeSnapshotContent）中设置且只设置一个。API 服务器的报错是："exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set"',
    }, {
      en: 'spec.source sets both persistentVolumeClaimName and volumeSnapshotContentName; keep exactly one: persistentVolumeClaimName to take a new snapshot of a claim, volumeSnapshotContentName to use a snapshot that already exists. The API server says: "exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set"',
      'zh-cn': 'spec.source 同时设置了 persistentVolumeClaimName 和 volumeSnapshotContentName；请只保留一个：给申领拍新快照用 persistentVolumeClaimName，使用已有的快照用 volumeSnapshotContentName。API 服务器的报错是："exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set"',
    }),
  },
  {
    kind: 'VolumeSnapshot',
    path: ['spec', 'volumeSnapshotClassName'],
    rule: 'size(self) > 0',
    message: 'volumeSnapshotClassName must not be the empty string when set',
    check: (self, path, loc) => (self === ''
      ? [problem('server.snapshotClassName', {
          en: 'spec.volumeSnapshotClassName must not be the empty string when set; write the name of a VolumeSnapshotClass (kubectl get volumesnapshotclass lists them), or leave the field out to use the driver\'s default class',
          'zh-cn': 'spec.volumeSnapshotClassName 一旦设置就不能是空字符串；请写一个 VolumeSnapshotClass 的名称（kubectl get volumesnapshotclass 会列出它们），或者去掉这个字段以使用驱动的默认快照类',
        }, loc.valueAt(path))]
      : []),
  },
  {
    kind: 'VolumeSnapshotContent',
    path: ['spec', 'source'],
    rule: '(has(self.volumeHandle) && !has(self.snapshotHandle)) || (!has(self.volumeHandle) && has(self.snapshotHandle))',
    message: 'exactly one of volumeHandle and snapshotHandle must be set',
    check: exactlyOne('server.contentSource', 'volumeHandle', 'snapshotHandle', {
      en: 'spec.source names no snapshot; set exactly one of snapshotHandle (a snapshot the storage system already has) or volumeHandle (a volume to take a snapshot of). The API server says: "exactly one of volumeHandle and snapshotHandle must be set"',
      'zh-cn': 'spec.source 没有指明快照；请在 snapshotHandle（存储系统中已有的快照）和 volumeHandle（要拍快照的卷）中设置且只设置一个。API 服务器的报错是："exactly one of volumeHandle and snapshotHandle must be set"',
    }, {
      en: 'spec.source sets both volumeHandle and snapshotHandle; keep exactly one. The API server says: "exactly one of volumeHandle and snapshotHandle must be set"',
      'zh-cn': 'spec.source 同时设置了 volumeHandle 和 snapshotHandle；请只保留一个。API 服务器的报错是："exactly one of volumeHandle and snapshotHandle must be set"',
    }),
  },
  {
    kind: 'VolumeSnapshotContent',
    path: ['spec', 'volumeSnapshotRef'],
    rule: 'has(self.name) && has(self.__namespace__)',
    message: 'both spec.volumeSnapshotRef.name and spec.volumeSnapshotRef.namespace must be set',
    check: (self, path, loc) => {
      const missing = ['name', 'namespace'].filter((f) => !has(self, f));
      if (missing.length === 0) return [];
      return [problem('server.contentSnapshotRef', {
        en: `spec.volumeSnapshotRef has no ${missing.join(' and no ')}; both spec.volumeSnapshotRef.name and spec.volumeSnapshotRef.namespace must be set: they name the VolumeSnapshot this content belongs to`,
        'zh-cn': `spec.volumeSnapshotRef 缺少 ${missing.join(' 和 ')}；spec.volumeSnapshotRef.name 和 spec.volumeSnapshotRef.namespace 都必须设置：它们指明这个快照内容属于哪个 VolumeSnapshot`,
      }, loc.keyAt(path))];
    },
  },
];

/** Problems of the snapshot kinds' create rules, for an object that passed the schema. */
export function snapshotProblems(obj: Json, loc: Locator): Problem[] {
  if (obj.apiVersion !== 'snapshot.storage.k8s.io/v1') return [];
  return CREATE_RULES.filter((r) => r.kind === obj.kind).flatMap((r) => {
    const self = getIn(obj, r.path);
    // CEL runs on a field only when it is there (a required one missing is the schema's error).
    return self === undefined || self === null ? [] : r.check(self, r.path, loc);
  });
}
