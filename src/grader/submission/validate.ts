/**
 * Validates parsed documents as Kubernetes objects, in layers like the API server: apiVersion and
 * kind first, then the OpenAPI schema (kubernetes-models; for the snapshot CRDs, their own schema,
 * crd-models.ts) plus unknown fields, then the server's own rules (names, pod specs, controllers,
 * storage, the snapshot CRDs' CEL rules) for objects that passed the schema. Also
 * refuses two objects of the same kind and name: kubectl apply would silently keep only the last.
 */
import type { K8sObject } from '../cluster/cluster.ts';
import type { Problem } from '../report/model.ts';
import { resolveApi } from './api-resolve.ts';
import type { Locator } from './locator.ts';
import { schemaErrors } from './models.ts';
import type { ParsedDoc } from './parse-file.ts';
import { problem } from './problem.ts';
import { nameProblems } from './rules-names.ts';
import { podSpecProblems } from './rules-pod.ts';
import { storageProblems } from './rules-storage.ts';
import { workloadProblems } from './rules-workload.ts';
import { snapshotProblems } from './rules-snapshot.ts';
import { schemaProblems } from './schema-errors.ts';
import { trackReads } from './track-reads.ts';
import { unknownFieldProblems } from './unknown-fields.ts';
import type { Json } from './pod-specs.ts';

/** A document that passed every check, as a Kubernetes object. */
export interface ValidDoc {
  object: K8sObject;
  locator: Locator;
}

/** A document's problems (none: it is a valid object of a served kind), and how many more were only counted. */
export interface DocumentCheck {
  problems: Problem[];
  /** Problems found but not built, because the loader could never show them (see unknownFieldProblems). */
  hidden: number;
}

const found = (problems: Problem[], hidden = 0): DocumentCheck => ({ problems, hidden });

/** Every problem of one document; of its unknown fields, only the first `maxProblems` become Problems. */
export async function validateDocument(value: unknown, loc: Locator, maxProblems = Number.POSITIVE_INFINITY): Promise<DocumentCheck> {
  const api = resolveApi(value, loc);
  if (!api.ok) return found(api.problems);
  // The API server ignores status on create (kubectl --dry-run output has `status: {}`), so it is not checked.
  const { status: _ignored, ...checked } = value as Json;
  const tracker = trackReads(checked);
  let errors;
  try {
    errors = await schemaErrors(api.apiVersion, api.kind, tracker.proxy);
  } catch (err) {
    return found([problem('schema.unavailable', {
      en: `the schema for ${api.kind} in ${api.apiVersion} could not be loaded (${err instanceof Error ? err.message : String(err)}); reinstall with npm ci`,
      'zh-cn': `无法加载 ${api.apiVersion} 中 ${api.kind} 的 schema（${err instanceof Error ? err.message : String(err)}）；请用 npm ci 重新安装依赖`,
    }, loc.pos)]);
  }
  const unknown = unknownFieldProblems(tracker.unknownFields(), loc, maxProblems);
  const problems = [...schemaProblems(errors, checked, loc), ...unknown.problems];
  if (problems.length > 0) return found(problems, unknown.hidden);
  const obj = value as Json;
  return found([...nameProblems(obj, loc), ...podSpecProblems(obj, loc), ...workloadProblems(obj, loc), ...storageProblems(obj, loc), ...snapshotProblems(obj, loc)]);
}

/**
 * Validates all documents; objects are returned only for documents without problems. `hidden`
 * counts problems that were found but not built (at most `maxProblems` are built per document).
 */
export async function validateDocuments(docs: ParsedDoc[], maxProblems = Number.POSITIVE_INFINITY): Promise<{ valid: ValidDoc[]; problems: Problem[]; hidden: number }> {
  const results = await Promise.all(docs.map((d) => validateDocument(d.value, d.locator, maxProblems).catch((err: unknown) => found([internalProblem(err, d.locator)]))));
  const valid: ValidDoc[] = [];
  const problems: Problem[] = [];
  let hidden = 0;
  const seen = new Map<string, Locator>();
  docs.forEach((doc, i) => {
    const result = results[i]!;
    hidden += result.hidden;
    if (result.problems.length > 0) {
      problems.push(...result.problems);
      return;
    }
    const object = doc.value as K8sObject;
    const key = `${object.kind}/${object.metadata.name}`;
    const first = seen.get(key);
    if (first) {
      problems.push(problem('object.duplicate', {
        en: `a second ${object.kind} named "${object.metadata.name}" (the first is at ${first.file}:${first.pos.line}); kubectl apply would keep only the last one, so rename or remove one`,
        'zh-cn': `第二个名为 "${object.metadata.name}" 的 ${object.kind}（第一个在 ${first.file}:${first.pos.line}）；kubectl apply 只会保留最后一个，请改名或删除其中一个`,
      }, doc.locator.keyAt(['metadata', 'name'])));
      return;
    }
    seen.set(key, doc.locator);
    valid.push({ object, locator: doc.locator });
  });
  return { valid, problems, hidden };
}

/** A bug in the validator must not crash the grader: it becomes a problem that says so. */
function internalProblem(err: unknown, loc: Locator): Problem {
  const detail = err instanceof Error ? err.message : String(err);
  return problem('internal.validator', {
    en: `the grader failed while checking this object (${detail}); this is a bug in the grader, please report it`,
    'zh-cn': `评分程序在检查这个对象时出错（${detail}）；这是评分程序的缺陷，请报告它`,
  }, loc.pos);
}
