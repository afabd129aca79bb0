import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSubmission } from '../../../src/grader/submission/load.ts';
import { expectOk, expectProblem, fixture, FIXTURES, problemsOf, tempDir, where } from './helpers.ts';

const F = (name: string, file: string) => `${FIXTURES}/${name}/${file}`;

describe('YAML syntax errors', () => {
  it('reports one tab error with a spaces hint, not the cascade of follow-up errors', async () => {
    const problems = await problemsOf('yaml-tab');
    expect(problems).toHaveLength(1);
    expectProblem(problems, 'yaml.tab', `${F('yaml-tab', 'pod.yaml')}:7:1`, ['tab', 'spaces'], ['Tab', '空格']);
  });

  it('reports bad indentation at the misaligned key', async () => {
    const problems = await problemsOf('yaml-indent');
    expect(problems).toHaveLength(1);
    expectProblem(problems, 'yaml.indent', `${F('yaml-indent', 'pod.yaml')}:5:1`, ['same column'], ['对齐']);
  });

  it('points an unclosed quote at its opening quote, not at the end of the file', async () => {
    const problems = await problemsOf('yaml-quote');
    expectProblem(problems, 'yaml.unclosedQuote', `${F('yaml-quote', 'pod.yaml')}:4:9`, ['never closed', 'closing "'], ['没有结束']);
  });

  it('reports every duplicate key with the line of the first one', async () => {
    const problems = await problemsOf('yaml-duplicate');
    expect(problems.map((p) => p.code)).toEqual(['yaml.duplicateKey', 'yaml.duplicateKey']);
    expectProblem(problems, 'yaml.duplicateKey', `${F('yaml-duplicate', 'pod.yaml')}:5:3`, ['"name"', '(line 4)'], ['"name"', '第 4 行']);
    expectProblem(problems, 'yaml.duplicateKey', `${F('yaml-duplicate', 'pod.yaml')}:10:5`, ['"image"', '(line 9)'], ['"image"']);
  });

  it('explains a key without a colon', async () => {
    const problems = await problemsOf('yaml-colon');
    expectProblem(problems, 'yaml.missingColon', `${F('yaml-colon', 'pod.yaml')}:2:1`, ['colon'], ['冒号']);
  });

  it('reports an alias to an anchor that does not exist', async () => {
    const problems = await problemsOf('yaml-anchor');
    expectProblem(problems, 'yaml.unknownAnchor', `${F('yaml-anchor', 'pod.yaml')}:5:11`, ['&common'], ['&common', '锚点']);
  });

  it('explains text after a value and nested "key: value" on one line', async () => {
    const t = tempDir();
    try {
      writeFileSync(path.join(t.dir, 'a.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "p" extra\n');
      writeFileSync(path.join(t.dir, 'b.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: name: p\n');
      const result = await loadSubmission(t.dir);
      const problems = result.ok ? [] : result.problems;
      expectProblem(problems, 'yaml.syntax', `${path.join(t.dir, 'a.yaml')}:4:13`, ['more text after the end of a value'], ['值结束之后']);
      expectProblem(problems, 'yaml.syntax', `${path.join(t.dir, 'b.yaml')}:3:11`, ['": " must be in quotes'], ['必须加引号']);
    } finally {
      t.cleanup();
    }
  });

  it('keeps validating the other documents of a file with a broken document', async () => {
    const problems = await problemsOf('yaml-multi');
    expect(problems.map((p) => `${p.code}@${where(p)}`)).toEqual([
      `yaml.tab@${F('yaml-multi', 'all.yaml')}:7:1`,
      `schema.unknownField@${F('yaml-multi', 'all.yaml')}:17:5`,
    ]);
  });

  it('reads YAML 1.1 like kubectl: octal modes, merge keys, and timestamps stay strings', async () => {
    const t = tempDir();
    try {
      writeFileSync(path.join(t.dir, 'cm.yaml'), [
        'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations: &a', '    when: 2024-01-01T00:00:00Z', '    clock: 22:22',
        'spec:', '  containers:', '  - name: c', '    image: busybox:1.36', '  volumes:', '  - name: v', '    configMap:', '      name: cm', '      defaultMode: 0644', '',
      ].join('\n'));
      const sub = expectOk(await loadSubmission(t.dir)).submission;
      const pod = sub.find('Pod', 'p')!.object;
      expect(pod.spec.volumes[0].configMap.defaultMode).toBe(420);
      expect(pod.metadata.annotations).toEqual({ when: '2024-01-01T00:00:00Z', clock: '22:22' });
    } finally {
      t.cleanup();
    }
  });
});

describe('a realistic valid submission', () => {
  it('loads every object, in file order, with no problems', async () => {
    const { submission, notes } = expectOk(await loadSubmission(fixture('valid-course')));
    expect(submission.dir).toBe(fixture('valid-course'));
    expect(submission.objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`)).toEqual([
      'Pod/cache-pod', 'PersistentVolume/course-pv', 'PersistentVolumeClaim/course-pvc', 'StorageClass/course-fast',
      'Service/web', 'StatefulSet/web', 'Deployment/nfs-web', 'ConfigMap/web-config', 'Deployment/dry-web',
    ]);
    expect(submission.all('Service')).toHaveLength(1);
    expect(submission.find('StatefulSet', 'web')?.object.spec.replicas).toBe(2);
    expect(submission.find('Pod', 'missing')).toBeUndefined();
    expect(notes).toHaveLength(2);
    expect(notes[0]!.en).toContain('old/');
    expect(notes[0]!['zh-cn']).toContain('子文件夹');
    expect(notes[1]!.en).toContain(`${F('valid-course', '01-pod.yaml')}:7: metadata.namespace "homework"`);
    expect(notes[1]!['zh-cn']).toContain('会被忽略');
  });

  it('maps field paths to file:line:col (keys for fields, items for indexes, deepest node otherwise)', async () => {
    const { submission } = expectOk(await loadSubmission(fixture('valid-course')));
    const pod = submission.find('Pod', 'cache-pod')!;
    const file = F('valid-course', '01-pod.yaml');
    expect(pod.pos).toEqual({ file, line: 2, col: 1 });
    expect(pod.at(['spec', 'volumes', 0, 'emptyDir'])).toEqual({ file, line: 10, col: 5 });
    expect(pod.at(['spec', 'containers', 1])).toEqual({ file, line: 19, col: 5 });
    expect(pod.at(['spec', 'containers', 1, 'volumeMounts', 0, 'mountPath'])).toEqual({ file, line: 28, col: 21 });
    expect(pod.at(['spec', 'containers', 0, 'nothing', 'here'])).toEqual({ file, line: 13, col: 5 });
    expect(pod.at(['spec', 'containers', 9])).toEqual({ file, line: 12, col: 3 });
    expect(pod.at([])).toEqual(pod.pos);
    const pv = submission.find('PersistentVolume', 'course-pv')!;
    expect(pv.pos).toEqual({ file: F('valid-course', '02-storage.yml'), line: 2, col: 1 });
    expect(pv.at(['metadata', 'labels', 'app.kubernetes.io/part-of'])).toEqual({ file: F('valid-course', '02-storage.yml'), line: 7, col: 5 });
  });

  it('ignores hidden files, subfolders and non-YAML files (their broken content never shows)', async () => {
    const result = await loadSubmission(fixture('valid-course'));
    expect(result.ok).toBe(true);
  });

  it('never modifies the folder: every file is byte-identical afterwards and nothing is added', async () => {
    const dirs = ['valid-course', 'yaml-tab', 'schema-unknown-field', 'server-rules'].map(fixture);
    const snapshot = () => dirs.flatMap((d) => walk(d).map((f) => `${f} ${statSync(f).mtimeMs} ${createHash('sha256').update(readFileSync(f)).digest('hex')}`));
    const before = snapshot();
    for (const d of dirs) await loadSubmission(d);
    expect(snapshot()).toEqual(before);
  });
});

describe('positions with CRLF line endings and a UTF-8 BOM', () => {
  it('gives the same line:col as an editor', async () => {
    const t = tempDir();
    try {
      const lines = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:', '  - name: c', '    image: busybox:1.36', '    volumeMount: []', ''];
      writeFileSync(path.join(t.dir, 'a-bom-crlf.yaml'), `\ufeff${lines.join('\r\n')}`);
      writeFileSync(path.join(t.dir, 'b-crlf.yaml'), lines.join('\r\n').replace('name: p', 'name: q'));
      const result = await loadSubmission(t.dir);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems.map(where)).toEqual([
        `${path.join(t.dir, 'a-bom-crlf.yaml')}:9:5`,
        `${path.join(t.dir, 'b-crlf.yaml')}:9:5`,
      ]);
      const fixed = lines.filter((l) => !l.includes('volumeMount')).join('\r\n');
      writeFileSync(path.join(t.dir, 'a-bom-crlf.yaml'), `\ufeff${fixed}`);
      writeFileSync(path.join(t.dir, 'b-crlf.yaml'), fixed.replace('name: p', 'name: q'));
      const { submission } = expectOk(await loadSubmission(t.dir));
      const p = submission.find('Pod', 'p')!;
      expect(p.pos).toEqual({ file: path.join(t.dir, 'a-bom-crlf.yaml'), line: 1, col: 1 });
      expect(p.at(['spec', 'containers', 0, 'image'])).toEqual({ file: path.join(t.dir, 'a-bom-crlf.yaml'), line: 8, col: 5 });
      expect(p.object.metadata.name).toBe('p');
    } finally {
      t.cleanup();
    }
  });
});

describe('folders that hold no submission', () => {
  it('missing folder: submission.missing', async () => {
    const problems = await problemsOf('does-not-exist');
    expect(problems.map((p) => p.code)).toEqual(['submission.missing']);
    expect(problems[0]!.message.en).toContain(fixture('does-not-exist'));
    expect(problems[0]!.message['zh-cn']).toContain('不存在');
  });

  it('a file instead of a folder: submission.notDir', async () => {
    const problems = await problemsOf('valid-course/01-pod.yaml');
    expect(problems.map((p) => p.code)).toEqual(['submission.notDir']);
  });

  it('no YAML files: submission.noYaml', async () => {
    expect((await problemsOf('no-yaml')).map((p) => p.code)).toEqual(['submission.noYaml']);
  });

  it('an empty folder: submission.noYaml', async () => {
    const t = tempDir();
    try {
      const result = await loadSubmission(t.dir);
      expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['submission.noYaml']);
    } finally {
      t.cleanup();
    }
  });

  it('only comments and empty documents: submission.empty', async () => {
    const problems = await problemsOf('only-comments');
    expect(problems.map((p) => p.code)).toEqual(['submission.empty']);
    expect(problems[0]!.message['zh-cn']).toContain('不含任何对象');
  });

  it('a subfolder alone does not count as YAML', async () => {
    const t = tempDir();
    try {
      mkdirSync(path.join(t.dir, 'nested'));
      writeFileSync(path.join(t.dir, 'nested', 'pod.yaml'), 'apiVersion: v1\n');
      const result = await loadSubmission(t.dir);
      expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['submission.noYaml']);
    } finally {
      t.cleanup();
    }
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
