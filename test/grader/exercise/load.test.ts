import { describe, expect, it } from 'vitest';
import { ExerciseFileError, explainExerciseIssues } from '../../../src/grader/exercise/errors.ts';
import { parseExercise } from '../../../src/grader/exercise/load.ts';
import { exerciseJsonSchema, type ExerciseInput } from '../../../src/grader/exercise/schema.ts';

const GOOD = `schemaVersion: 1
id: lesson-3
title: { en: "NFS", zh-cn: "NFS 卷" }
summary: { en: "Share files across nodes.", zh-cn: "跨节点共享文件。" }
task:
  en: |
    Write a Deployment.
  zh-cn: |
    编写一个 Deployment。
files: [nfs-web.yaml]
minutes: 25
`;

function problems(text: string, ctx: Partial<Parameters<typeof parseExercise>[1]> = {}): ExerciseFileError {
  try {
    parseExercise(text, { file: 'lessons/03-nfs/exercise.yaml', ...ctx });
  } catch (e) {
    if (e instanceof ExerciseFileError) return e;
    throw e;
  }
  throw new Error('expected an ExerciseFileError');
}

describe('parseExercise', () => {
  it('parses a valid file and fills defaults', () => {
    const ex = parseExercise(GOOD, { file: 'x', folderNumber: 3, starterFiles: ['nfs-web.yaml'] });
    expect(ex).toEqual({
      schemaVersion: 1,
      id: 'lesson-3',
      title: { en: 'NFS', 'zh-cn': 'NFS 卷' },
      summary: { en: 'Share files across nodes.', 'zh-cn': '跨节点共享文件。' },
      task: { en: 'Write a Deployment.', 'zh-cn': '编写一个 Deployment。' },
      files: ['nfs-web.yaml'],
      hints: [],
      minutes: 25,
    });
    const input: ExerciseInput = { ...ex, hints: undefined };
    expect(input.hints).toBeUndefined();
  });

  it('lists every schema problem with its line and what to write', () => {
    const error = problems(`schemaVersion: 2
id: lesson-03
title: { en: "NFS" }
summery: { en: "x", zh-cn: "y" }
task: { en: "t", zh_cn: "t" }
files: [manifests/web.yaml, a.yaml, a.yaml]
hints:
  - { en: "", zh-cn: "提示" }
minutes: "20"
`);
    expect(error.message).toMatchInlineSnapshot(`
      "Invalid lessons/03-nfs/exercise.yaml:
        lessons/03-nfs/exercise.yaml:1:16 schemaVersion has an unsupported value; write \`schemaVersion: 1\`
        lessons/03-nfs/exercise.yaml:2:5 id must look like lesson-<number>; write lesson-<folder number>, e.g. \`id: lesson-3\` in lessons/03-nfs
        lessons/03-nfs/exercise.yaml:3:8 title.zh-cn is missing; a one-line title in both languages: \`{ en: "...", zh-cn: "..." }\`
        lessons/03-nfs/exercise.yaml:1:1 summary is missing; one line in both languages: \`{ en: "...", zh-cn: "..." }\`
        lessons/03-nfs/exercise.yaml:5:7 task.zh-cn is missing; the task as Markdown in both languages: \`{ en: "...", zh-cn: "..." }\`
        lessons/03-nfs/exercise.yaml:5:18 task: unknown field "zh_cn" (did you mean "zh-cn"?); allowed: en, zh-cn
        lessons/03-nfs/exercise.yaml:6:9 files[0] must be a plain file name ending in .yaml or .yml (no folders); a list of starter file names in starter/, e.g. \`files: [cache-pod.yaml]\`
        lessons/03-nfs/exercise.yaml:8:11 hints[0].en must not be empty; a list of hints, each \`{ en: "...", zh-cn: "..." }\`
        lessons/03-nfs/exercise.yaml:9:10 minutes should be a number; a whole number of minutes between 1 and 240, e.g. \`minutes: 20\`
        lessons/03-nfs/exercise.yaml:4:1 exercise.yaml: unknown field "summery" (did you mean "summary"?); allowed: schemaVersion, id, title, summary, task, files, hints, minutes"
    `);
    expect(explainExerciseIssues(error.file, error.issues, 'zh-cn')).toContain('lessons/03-nfs/exercise.yaml:4:1 exercise.yaml：未知字段 “summery”（是不是想写“summary”？）');
    expect(error.localized['zh-cn'].split('\n')[0]).toBe('lessons/03-nfs/exercise.yaml 有误：');
  });

  it('reports cross-field rules once the shape is right: one-line texts and duplicate files', () => {
    const error = problems(GOOD.replace('files: [nfs-web.yaml]', 'files: [a.yaml, a.yaml]').replace('title: { en: "NFS", zh-cn: "NFS 卷" }', 'title:\n  en: "NFS\\nvolumes"\n  zh-cn: "NFS 卷"'));
    expect(error.issues.map((i) => `${i.line}:${i.col} ${i.message.en}`)).toEqual([
      '4:7 title.en must be a single line; a one-line title in both languages: `{ en: "...", zh-cn: "..." }`',
      '12:17 files[1] is listed twice; a list of starter file names in starter/, e.g. `files: [cache-pod.yaml]`',
    ]);
  });

  it('checks the id against the folder number and the files against starter/', () => {
    const error = problems(GOOD.replace('files: [nfs-web.yaml]', 'files: [nfs-web.yaml, nfs-svc.yaml]'), {
      folderNumber: 4,
      starterFiles: ['nfs-web.yaml', 'extra.yaml'],
    });
    expect(error.issues.map((i) => [i.path, i.line, i.message.en])).toEqual([
      ['id', 2, 'id is "lesson-3" but the folder is number 4; write `id: lesson-4`'],
      ['files[1]', 10, 'starter/nfs-svc.yaml does not exist; add it or fix the name (starter/ has: nfs-web.yaml, extra.yaml)'],
    ]);
    expect(problems(GOOD, { starterFiles: null }).issues[0].message.en).toMatch(/no starter\/ folder/);
  });

  it('reports YAML syntax errors with their line', () => {
    const error = problems('schemaVersion: 1\nid: lesson-3\ntitle: { en: "x"\nminutes: 3\n');
    expect(error.issues[0].line).toBeGreaterThanOrEqual(3);
    expect(error.issues[0].message.en).toMatch(/^YAML syntax: /);
    expect(error.issues[0].message['zh-cn']).toMatch(/^YAML 语法错误：/);
    expect(problems('id: a\nid: b\n').issues[0].message.en).toMatch(/YAML syntax: .*[Uu]nique/);
  });

  it('says what to write for an empty file and for non-integer minutes', () => {
    expect(problems('').issues[0].message.en).toBe('exercise.yaml should be a mapping (key: value lines)');
    expect(problems(GOOD.replace('minutes: 25', 'minutes: 2.5')).issues[0].message.en).toMatch(/^minutes should be a whole number; a whole number of minutes/);
    expect(problems(GOOD.replace('minutes: 25', 'minutes: 0')).issues[0].message.en).toMatch(/^minutes is too small/);
    expect(problems(GOOD.replace('files: [nfs-web.yaml]', 'files: []')).issues[0].message.en).toMatch(/^files needs at least 1 item/);
  });
});

describe('exerciseJsonSchema', () => {
  it('publishes a strict JSON Schema with the required fields', () => {
    const schema = exerciseJsonSchema() as { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(schema.required).toEqual(['schemaVersion', 'id', 'title', 'summary', 'task', 'files', 'minutes']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toContain('hints');
  });
});
