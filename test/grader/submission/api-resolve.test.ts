import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removedIn, removedVersion, servedKinds } from '../../../src/grader/submission/api-table.ts';
import { expectProblem, problemsOfFiles } from './helpers.ts';

/** Names that live on Object.prototype: a plain `table[userText]` would find them. */
const PROTO_NAMES = ['__proto__', 'hasOwnProperty', 'constructor', 'toString', 'valueOf', 'isPrototypeOf'];

describe('the API tables, read with user text', () => {
  it('find only their own entries, never Object.prototype members', () => {
    for (const name of PROTO_NAMES) {
      expect(servedKinds(name), name).toBeUndefined();
      expect(removedVersion(name), name).toBeUndefined();
    }
    expect(servedKinds('apps/v1')).toContain('Deployment');
    expect(removedVersion('extensions/v1beta1')?.kinds).toContain('Ingress');
    const ext = removedVersion('extensions/v1beta1')!;
    expect(removedIn(ext, 'Ingress')).toBe('1.22');
    expect(removedIn(ext, 'Deployment')).toBe('1.16');
    expect(removedIn(ext, 'constructor')).toBe('1.16');
  });
});

describe('resolveApi with apiVersion or kind named like Object.prototype members', () => {
  it('gives the normal answers, never an internal error', async () => {
    const docs = PROTO_NAMES.flatMap((name, i) => [
      `apiVersion: ${name}\nkind: Pod\nmetadata: {name: p${i}}\n`,
      `apiVersion: ${name}\nkind: Widget\nmetadata: {name: w${i}}\n`,
    ]);
    docs.push('apiVersion: v1\nkind: constructor\nmetadata: {name: k}\n');
    docs.push('apiVersion: extensions/v1beta1\nkind: hasOwnProperty\nmetadata: {name: e}\n');
    const { problems, dir } = await problemsOfFiles({ 'all.yaml': docs.join('---\n') });
    const file = path.join(dir, 'all.yaml');
    expect(problems.filter((p) => p.code.startsWith('internal.'))).toEqual([]);
    // Known kind, unknown version: point at the version the kind lives in.
    expectProblem(problems, 'api.wrongGroup', `${file}:1:13`, ['Pod is in v1, not __proto__; write apiVersion: v1'], ['Pod 属于 v1，而不是 __proto__']);
    expectProblem(problems, 'api.wrongGroup', `${file}:9:13`, ['Pod is in v1, not hasOwnProperty'], ['而不是 hasOwnProperty']);
    // Unknown kind, unknown version: the unknown-apiVersion problem.
    expectProblem(problems, 'api.unknownApiVersion', `${file}:5:13`, ['"__proto__" is not an API version that a default Kubernetes cluster serves'], ['"__proto__" 不是默认 Kubernetes 集群提供的 API 版本']);
    expectProblem(problems, 'api.unknownApiVersion', `${file}:29:13`, ['"toString" is not an API version'], ['"toString"']);
    expectProblem(problems, 'api.unknownApiVersion', `${file}:37:13`, ['"valueOf" is not an API version'], ['"valueOf"']);
    // A kind named after a prototype member is just an unknown kind.
    expectProblem(problems, 'api.unknownKind', `${file}:50:7`, ['unknown kind "constructor" for apiVersion v1'], ['"constructor"']);
    expectProblem(problems, 'api.unknownKind', `${file}:54:7`, ['unknown kind "hasOwnProperty" for apiVersion extensions/v1beta1'], ['"hasOwnProperty"']);
    expect(problems).toHaveLength(PROTO_NAMES.length * 2 + 2);
  });
});
