/**
 * The errors the model throws, each carrying an en + zh-cn message. NotModelledError and
 * InvalidObjectError are ApplyErrors (the API refused the object); ModelExecError is an
 * ExecError (a command in a container failed); ModelError is any other refused operation
 * (unknown node, object not found).
 */
import { ApplyError, ExecError } from './vocabulary.ts';
import type { Localized } from '../i18n/lang.ts';

type Named = { kind: string; name: string };

/** apply was given something the model does not simulate (unknown kind, volume type outside the course). */
export class NotModelledError extends ApplyError {
  constructor(
    readonly localized: Localized,
    readonly object: Named,
  ) {
    super(localized.en, object);
    this.name = 'NotModelledError';
  }
}

/** The API would refuse the object (validation, immutable field, conflict). */
export class InvalidObjectError extends ApplyError {
  constructor(
    readonly localized: Localized,
    readonly object: Named,
  ) {
    super(localized.en, object);
    this.name = 'InvalidObjectError';
  }
}

/** A command run through a container failed (not running, no shell, missing directory, read-only). */
export class ModelExecError extends ExecError {
  constructor(readonly localized: Localized) {
    super(localized.en);
    this.name = 'ModelExecError';
  }
}

/** Any other refused model operation (not found, unknown node, bad argument). */
export class ModelError extends Error {
  constructor(readonly localized: Localized) {
    super(localized.en);
    this.name = 'ModelError';
  }
}

/** Builds a NotModelledError for `what` (already localized) found on object. */
export function notModelled(object: Named, what: Localized): NotModelledError {
  return new NotModelledError(
    {
      en: `Not modelled: ${what.en} (${object.kind} "${object.name}"). The offline model only simulates what the course teaches; run this on a real cluster (--cluster kind) to see what Kubernetes does.`,
      'zh-cn': `离线模型未模拟：${what['zh-cn']}（${object.kind} "${object.name}"）。离线模型只模拟课程讲到的行为；请在真实集群上运行（--cluster kind），看看 Kubernetes 的实际表现。`,
    },
    object,
  );
}

/** Builds an InvalidObjectError shaped like the API's `<Kind> "<name>" is invalid: <field>: <detail>`. */
export function invalid(object: Named, field: string, detail: Localized): InvalidObjectError {
  return new InvalidObjectError(
    {
      en: `${object.kind} "${object.name}" is invalid: ${field}: ${detail.en}`,
      'zh-cn': `${object.kind} "${object.name}" 无效：${field}：${detail['zh-cn']}`,
    },
    object,
  );
}

/**
 * Builds the error an admission plugin answers with (HTTP 403), worded as the API server does:
 * `persistentvolumeclaims "demo-dyn-pvc" is forbidden: ...` (recorded in lesson 5's walk-through).
 * `resource` is the lower-case plural of the kind.
 */
export function forbidden(object: Named, resource: string, detail: Localized): InvalidObjectError {
  return new InvalidObjectError(
    {
      en: `${resource} "${object.name}" is forbidden: ${detail.en}`,
      'zh-cn': `${resource} "${object.name}" 被禁止：${detail['zh-cn']}`,
    },
    object,
  );
}
