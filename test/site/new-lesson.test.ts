/**
 * The lesson generator in a throwaway repository: numbering, refusals (bilingual, nothing
 * written), and that what it writes compiles as MDX, passes the en/zh-cn parity rules, has a valid
 * exercise.yaml and a loadable grader, shows up as a lesson folder, and is flagged as incomplete.
 */
import { evaluate, mdxToJs } from 'satteri';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadExerciseFile } from '../../src/grader/exercise/load.ts';
import { runAction } from '../../src/playground/actions.ts';
import { startScenario } from '../../src/playground/scenario.ts';
import type { Grader } from '../../src/grader/define.ts';
import { listLessonFolders } from '../../src/site/lessons.ts';
import { createLesson, lessonTodos, NewLessonError, newLessonMain, TODO_MARKER } from '../../src/site/new-lesson.ts';
import { escapeHeadingAnchors, headingAnchors } from '../../src/site/heading-ids.ts';
import { codeBlocks } from '../lessons/code-blocks.ts';

const REPO = resolve('.');
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'new-lesson-'));
  for (const f of ['01-alpha', '02-beta']) {
    mkdirSync(join(root, 'lessons', f), { recursive: true });
    writeFileSync(join(root, 'lessons', f, 'en.mdx'), '---\ntitle: x\n---\n');
  }
  mkdirSync(join(root, 'graders'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const read = (path: string) => readFileSync(join(root, path), 'utf8');
// The same extraction rules as test/lessons/parity.test.ts.
const embeds = (mdx: string) => [...mdx.matchAll(/<(Manifest|Diagram)\s[^>]*?(?:file|name)="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);

function refusal(slug: string): NewLessonError {
  const before = readdirSync(join(root, 'lessons')).sort();
  let caught: unknown;
  try {
    createLesson(root, slug);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(NewLessonError);
  expect(readdirSync(join(root, 'lessons')).sort()).toEqual(before);
  expect(readdirSync(join(root, 'graders'))).toEqual([]);
  return caught as NewLessonError;
}

describe('new-lesson', () => {
  it('creates the next number with every part of a lesson and its grader', () => {
    const made = createLesson(root, 'volume-snapshots');
    expect(made.folder).toBe('03-volume-snapshots');
    expect(made.number).toBe(3);
    for (const f of ['en.mdx', 'zh-cn.mdx', 'exercise.yaml', 'starter/manifest.yaml', 'solution/manifest.yaml', 'mistakes/README.md', 'manifests/example.yaml', 'manifest-comments.zh-cn.yaml', 'diagrams/where-data-lives.en.svg', 'diagrams/where-data-lives.zh-cn.svg']) {
      expect(existsSync(join(root, 'lessons/03-volume-snapshots', f)), f).toBe(true);
    }
    expect(existsSync(join(root, 'graders/03-volume-snapshots.ts'))).toBe(true);
    expect(made.files).toContain('graders/03-volume-snapshots.ts');
  });

  it('numbers after the highest existing lesson, not the count', () => {
    mkdirSync(join(root, 'lessons', '07-gamma'));
    expect(createLesson(root, 'delta').folder).toBe('08-delta');
  });

  it('appears in the lesson list the sidebar is built from', () => {
    createLesson(root, 'snapshots');
    const listed = listLessonFolders(root).filter((l) => existsSync(join(root, 'lessons', l.folder, 'en.mdx')));
    expect(listed.map((l) => l.folder)).toEqual(['01-alpha', '02-beta', '03-snapshots']);
  });

  it('writes pages that compile as MDX in both languages, with valid front matter', async () => {
    createLesson(root, 'snapshots');
    for (const lang of ['en', 'zh-cn']) {
      const front = /^---\n([\s\S]*?)\n---\n/.exec(read(`lessons/03-snapshots/${lang}.mdx`));
      const data = parse(front![1]);
      expect(data.title).toBe('3. snapshots');
      expect(typeof data.description).toBe('string');
      expect(mdxToJs(escapeHeadingAnchors(read(`lessons/03-snapshots/${lang}.mdx`))).code).toContain('export default');
    }
  });

  it('writes pages that also render: no stray {expression} that fails at build time', async () => {
    createLesson(root, 'snapshots');
    // A tiny JSX runtime that renders to text, and stand-ins for the site components.
    const jsx = (type: unknown, props: { children?: unknown }): string => {
      if (typeof type === 'function') return (type as (p: unknown) => string)(props);
      const kids = ([] as unknown[]).concat(props.children ?? []).join('');
      return typeof type === 'string' ? `<${type}>${kids}</${type}>` : kids;
    };
    const stub = (name: string) => (props: Record<string, unknown>) => `[${name} ${JSON.stringify(props)}]`;
    const components = Object.fromEntries(['Manifest', 'Diagram', 'Exercise', 'Playground'].map((n) => [n, stub(n)]));
    for (const lang of ['en', 'zh-cn']) {
      const source = escapeHeadingAnchors(read(`lessons/03-snapshots/${lang}.mdx`)).replace(/^import .*$/gm, '').replace(/^---\n[\s\S]*?\n---\n/, '');
      const mod = await evaluate(source, { Fragment: Symbol('Fragment'), jsx, jsxs: jsx } as never);
      const html = (mod.default as (p: unknown) => string)({ components });
      expect(html).toContain('[Exercise {"lesson":"03-snapshots"}]');
      expect(html).toContain('[Playground {"lesson":"03-snapshots","files":["manifests/example.yaml"]}]');
    }
  });

  it('writes pages that pass the parity rules, with the ten sections in order', () => {
    createLesson(root, 'snapshots');
    const en = read('lessons/03-snapshots/en.mdx');
    const zh = read('lessons/03-snapshots/zh-cn.mdx');
    expect(headingAnchors(en).map((h) => h.id)).toEqual(['why', 'concept', 'diagram', 'walkthrough', 'observe', 'lifetime', 'when-to-use', 'mistakes', 'outdated', 'exercise']);
    expect(headingAnchors(zh)).toEqual(headingAnchors(en));
    expect(codeBlocks(zh)).toEqual(codeBlocks(en));
    expect(embeds(zh)).toEqual(embeds(en));
    expect(embeds(en)).toEqual(['Diagram:where-data-lives', 'Manifest:manifests/example.yaml']);
    for (const text of [en, zh]) {
      expect(text).toContain('<Exercise lesson="03-snapshots" />');
      expect(text).toContain('<Playground lesson="03-snapshots" files={["manifests/example.yaml"]} />');
    }
    for (const text of [en, zh]) {
      const bare = text.split('\n').filter((l) => /^##{1,2} /.test(l) && !/\{#[a-z0-9-]+\}\s*$/.test(l));
      expect(bare).toEqual([]);
    }
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('writes an exercise.yaml that passes the schema and the folder rules', () => {
    createLesson(root, 'snapshots');
    const ex = loadExerciseFile(join(root, 'lessons/03-snapshots'), root);
    expect(ex.id).toBe('lesson-3');
    expect(ex.files).toEqual(['manifest.yaml']);
  });

  it('writes YAML files that parse', () => {
    createLesson(root, 'snapshots');
    for (const f of ['exercise.yaml', 'starter/manifest.yaml', 'solution/manifest.yaml', 'manifests/example.yaml']) {
      const docs = parseAllDocuments(read(`lessons/03-snapshots/${f}`));
      expect(docs.flatMap((d) => ('errors' in d ? d.errors : [])), f).toEqual([]);
    }
  });

  it('writes a grader that defineGrader accepts and that fails until it is written', async () => {
    createLesson(root, 'snapshots');
    const source = read('graders/03-snapshots.ts').replace("'../src/grader/define.ts'", JSON.stringify(pathToFileURL(join(REPO, 'src/grader/define.ts')).href));
    const file = join(root, 'graders/loadable.ts');
    writeFileSync(file, source);
    const grader = (await import(pathToFileURL(file).href)).default as Grader;
    expect(grader.lesson).toBe('03-snapshots');
    expect(grader.lifetime).toEqual([]);
    const failed = await grader.steps[0].run({ fail: (m: { en: string }) => { throw new Error(m.en); } } as never).then(() => false, () => true);
    expect(failed).toBe(true);
  });

  it("gives the new lesson a working playground on its example manifest", () => {
    createLesson(root, 'snapshots');
    const objects = parseAllDocuments(read('lessons/03-snapshots/manifests/example.yaml')).map((d) => d.toJS());
    const scn = startScenario({ lesson: '03-snapshots', objects });
    expect(scn.target).toMatchObject({ pod: 'snapshots-demo', container: 'app', mountPath: '/data' });
    expect(runAction(scn, 'write').map((m) => m.key)).toEqual(['wrote']);
  });

  it('marks every place left to write, so the completeness test fails', () => {
    createLesson(root, 'snapshots');
    const todos = lessonTodos(root, '03-snapshots');
    const files = new Set(todos.map((t) => t.file));
    for (const f of ['lessons/03-snapshots/en.mdx', 'lessons/03-snapshots/zh-cn.mdx', 'lessons/03-snapshots/exercise.yaml', 'lessons/03-snapshots/starter/manifest.yaml', 'graders/03-snapshots.ts']) {
      expect(files.has(f), f).toBe(true);
    }
    expect(todos.every((t) => t.what.length > 3 && !t.what.includes(TODO_MARKER))).toBe(true);
    expect(todos.find((t) => t.file.endsWith('en.mdx') && t.what.startsWith('the problem'))).toBeTruthy();
    expect(lessonTodos(root, '01-alpha')).toEqual([]);
  });

  it('refuses a slug that already exists, in both languages, writing nothing', () => {
    const e = refusal('beta');
    expect(e.reason.en).toContain('lessons/02-beta/');
    expect(e.reason['zh-cn']).toContain('已经存在');
  });

  it.each(['Bad_Slug', '07-numbered', '', 'trailing-', 'two--hyphens', 'ä', 'x'.repeat(41)])('refuses the invalid slug "%s"', (slug) => {
    const e = refusal(slug);
    expect(e.reason.en).toContain('not a valid lesson slug');
    expect(e.reason['zh-cn']).toContain('不是合法的课程标识');
  });

  it('refuses when the grader file is already there', () => {
    writeFileSync(join(root, 'graders/03-gamma.ts'), '// someone else');
    expect(() => createLesson(root, 'gamma')).toThrow(/already exists/);
    expect(readFileSync(join(root, 'graders/03-gamma.ts'), 'utf8')).toBe('// someone else');
  });

  it('runs as a command: exit 0 with the files, exit 2 with both languages on refusal', () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(newLessonMain(['snapshots'], root, (l) => out.push(l), (l) => err.push(l))).toBe(0);
    expect(out.join('\n')).toContain('lessons/03-snapshots/en.mdx');
    expect(newLessonMain(['snapshots'], root, (l) => out.push(l), (l) => err.push(l))).toBe(2);
    expect(err).toHaveLength(2);
    expect(err[1]).toMatch(/[\u4e00-\u9fff]/);
    expect(newLessonMain([], root, (l) => out.push(l), (l) => err.push(l))).toBe(2);
  });
});
