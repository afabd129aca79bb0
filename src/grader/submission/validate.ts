/**
 * Validates parsed documents as Kubernetes objects, in layers like the API server: apiVersion and
 * kind first, then the OpenAPI schema (kubernetes-models) plus unknown fields, then the server's
 * own rules (names, pod specs, controllers, storage) for objects that passed the schema. Also
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
import { schemaProblems } from './schema-errors.ts';
import { trackReads } from './track-reads.ts';
import { unknownFieldProblems } from './unknown-fields.ts';
import type { Json } from './pod-specs.ts';

/** A document that passed every check, as a Kubernetes object. */
export interface ValidDoc {
  object: K8sObject;
  locator: Locator;
}

/** Every problem of one document (empty: it is a valid object of a served kind). */
export async function validateDocument(value: unknown, loc: Locator): Promise<Problem[]> {
  const api = resolveApi(value, loc);
  if (!api.ok) return api.problems;
  // The API server ignores status on create (kubectl --dry-run output has `status: {}`), so it is not checked.
  const { status: _ignored, ...checked } = value as Json;
  const tracker = trackReads(checked);
  let errors;
  try {
    errors = await schemaErrors(api.apiVersion, api.kind, tracker.proxy);
  } catch (err) {
    return [problem('schema.unavailable', {
      en: `the schema for ${api.kind} in ${api.apiVersion} could not be loaded (${err instanceof Error ? err.message : String(err)}); reinstall with npm ci`,
      'zh-cn': `无法加载 ${api.apiVersion} 中 ${api.kind} 的 schema（${err instanceof Error ? err.message : String(err)}）；请用 npm ci 重新安装依赖`,
    }, loc.pos)];
  }
  const problems = [...schemaProblems(errors, checked, loc), ...unknownFieldProblems(tracker.unknownFields(), loc)];
  if (problems.length > 0) return problems;
  const obj = value as Json;
  return [...nameProblems(obj, loc), ...podSpecProblems(obj, loc), ...workloadProblems(obj, loc), ...storageProblems(obj, loc)];
}

/** Validates all documents; objects are returned only for documents without problems. */
export async function validateDocuments(docs: ParsedDoc[]): Promise<{ valid: ValidDoc[]; problems: Problem[] }> {
  const results = await Promise.all(docs.map((d) => validateDocument(d.value, d.locator).catch((err: unknown) => [internalProblem(err, d.locator)])));
  const valid: ValidDoc[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, Locator>();
  docs.forEach((doc, i) => {
    const found = results[i]!;
    if (found.length > 0) {
      problems.push(...found);
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
  return { valid, problems };
}

/** A bug in the validator must not crash the grader: it becomes a problem that says so. */
function internalProblem(err: unknown, loc: Locator): Problem {
  const detail = err instanceof Error ? err.message : String(err);
  return problem('internal.validator', {
    en: `the grader failed while checking this object (${detail}); this is a bug in the grader, please report it`,
    'zh-cn': `评分程序在检查这个对象时出错（${detail}）；这是评分程序的缺陷，请报告它`,
  }, loc.pos);
}
