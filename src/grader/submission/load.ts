/**
 * loadSubmission: the static front of the grading pipeline. Reads a submission folder (read-only,
 * within limits), parses every YAML document with positions, validates each object against the
 * Kubernetes schema and the API server's own rules, and returns either the Submission or every
 * problem found, sorted by file:line:col. Positions use paths relative to the process's working
 * directory (see read-dir.ts). Never throws for anything in the folder.
 */
import path from 'node:path';
import type { Localized } from '../../i18n/lang.ts';
import type { Submission } from '../define.ts';
import type { Problem } from '../report/model.ts';
import { decodeYamlBytes } from './decode.ts';
import { resolveLimits, type Limits } from './limits.ts';
import { parseYamlFile, type ParsedDoc } from './parse-file.ts';
import { problem, sortProblems } from './problem.ts';
import { displayPath, readSubmissionDir } from './read-dir.ts';
import { namespaceNote } from './scope.ts';
import { createSubmission, submittedObject } from './submission.ts';
import { validateDocuments } from './validate.ts';

/** ok: the validated Submission plus notes to show once; otherwise every problem, sorted by position. */
export type LoadResult = { ok: true; submission: Submission; notes: Localized[] } | { ok: false; problems: Problem[] };

/** Codes after which nothing else in the folder is read. */
const FATAL = new Set(['submission.missing', 'submission.notDir', 'submission.unreadable', 'submission.noYaml', 'limits.files', 'limits.totalSize']);

/** Loads and validates the YAML files directly in `dir`; `limits` overrides DEFAULT_LIMITS. */
export async function loadSubmission(dir: string, limits?: Partial<Limits>): Promise<LoadResult> {
  const max = resolveLimits(limits);
  const read = await readSubmissionDir(dir, max);
  if (read.problems.some((p) => FATAL.has(p.code))) return { ok: false, problems: read.problems };
  const problems = [...read.problems];
  const docs: ParsedDoc[] = [];
  let documents = 0;
  for (const file of read.files) {
    const decoded = decodeYamlBytes(file.bytes, file.file);
    if (!decoded.ok) {
      problems.push(decoded.problem);
      continue;
    }
    const parsed = parseYamlFile(decoded.text, file.file, max, max.maxDocuments - documents);
    documents += parsed.documents;
    docs.push(...parsed.docs);
    problems.push(...parsed.problems);
    if (parsed.overBudget) break;
  }
  if (problems.length === 0 && docs.length === 0) {
    const shown = displayPath(path.resolve(dir));
    problems.push(problem('submission.empty', {
      en: `the YAML files in ${shown} contain no objects (only comments or empty documents); write your manifests in them`,
      'zh-cn': `${shown} 中的 YAML 文件不含任何对象（只有注释或空文档）；请在其中写好你的清单`,
    }));
  }
  const validated = await validateDocuments(docs, max.maxProblems);
  problems.push(...validated.problems);
  if (problems.length > 0) return { ok: false, problems: capProblems(sortProblems(problems), max.maxProblems, validated.hidden) };
  const objects = validated.valid.map((v) => submittedObject(v.object, v.locator));
  const notes = [...read.notes, ...validated.valid.flatMap((v) => namespaceNote(v.object, v.locator) ?? [])];
  return { ok: true, submission: createSubmission(dir, objects), notes };
}

/** Keeps the first `max` problems and says how many more there were (`hidden`: found but never built). */
function capProblems(problems: Problem[], max: number, hidden: number): Problem[] {
  if (problems.length + hidden <= max) return problems;
  const rest = problems.length + hidden - Math.min(max, problems.length);
  return [
    ...problems.slice(0, max),
    problem('limits.problems', {
      en: `${rest} more problems are not shown; fix the ones above and run the grader again`,
      'zh-cn': `还有 ${rest} 个问题没有显示；请先修复上面的问题，再重新运行评分程序`,
    }),
  ];
}
