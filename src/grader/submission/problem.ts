/**
 * Small helpers shared by the loader and the validators: building Problems, printing field paths
 * kubectl-style (spec.containers[0].name) and ordering problems by file position.
 */
import type { Localized } from '../../i18n/lang.ts';
import type { SourcePos } from '../cluster/cluster.ts';
import type { Problem } from '../report/model.ts';

/** A path into an object: keys and list indexes, e.g. ['spec','containers',0,'name']. */
export type FieldPath = (string | number)[];

/** Builds a Problem; `at` is left out when unknown. */
export function problem(code: string, message: Localized, at?: SourcePos): Problem {
  return at ? { code, message, at } : { code, message };
}

/** "path:line:col", the clickable form editors and terminals understand. */
export function formatPos(at: SourcePos): string {
  return `${at.file}:${at.line}:${at.col}`;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** kubectl-style field path: ['spec','containers',0,'name'] -> "spec.containers[0].name"; odd keys are quoted. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Sorts problems by file, line, column; problems without a position come first. Stable. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => {
      const x = a.p.at;
      const y = b.p.at;
      if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0) || a.i - b.i;
      if (x.file !== y.file) return x.file < y.file ? -1 : 1;
      return x.line - y.line || x.col - y.col || a.i - b.i;
    })
    .map(({ p }) => p);
}
