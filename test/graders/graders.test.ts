/**
 * The shape of the six graders: bilingual titles and hints, diagnostics on every step, the
 * set-up and fixtures EXERCISES.md asks for, the lifetime each scenario really proves, and
 * tokens that always come from ctx.token() (so a pre-baked file can never pass).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/grader/cluster/cluster.ts';
import { loadGrader } from '../../src/grader/lessons.ts';
import { courseLessons, gradeOnModel, ROOT, summary } from './harness.ts';

const CJK = /[\u4e00-\u9fff]/u;

const LIFETIME: Record<string, unknown> = {
  '01-emptydir': [{ row: 'emptyDir', proves: { containerRestart: 'kept', podDelete: 'lost' } }],
  '02-hostpath': [{ row: 'hostPath', proves: { containerRestart: 'kept', podDelete: 'kept', otherNode: 'lost' } }],
  '03-nfs': [{ row: 'nfs', proves: { containerRestart: 'kept', podDelete: 'kept', otherNode: 'kept' } }],
  '04-pv-pvc': [{ row: 'pvRetain', proves: { containerRestart: 'kept', podDelete: 'kept', pvcDelete: 'kept' } }],
  '05-storageclass': [{ row: 'pvDelete', proves: { containerRestart: 'kept', podDelete: 'kept', pvcDelete: 'lost' } }],
  '06-statefulset': [{ row: 'statefulSetPvc', proves: { podDelete: 'kept' } }],
  '07-snapshots-expansion': [{ row: 'snapshot', proves: { podDelete: 'kept', pvcDelete: 'kept' } }],
};

describe.each(courseLessons())('$id grader', (lesson) => {
  it('has bilingual titles and hints, kebab-case ids and 100 points', async () => {
    const g = await loadGrader(ROOT, lesson);
    const checks = [...g.staticChecks, ...g.steps];
    expect(checks.reduce((s, c) => s + c.points, 0)).toBe(100);
    for (const c of checks) {
      expect(c.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(c.points).toBeGreaterThan(0);
      for (const text of [c.title, c.hint]) {
        expect(text.en.trim(), c.id).not.toBe('');
        expect(text['zh-cn'], c.id).toMatch(CJK);
      }
    }
    expect(g.staticChecks.length).toBeGreaterThanOrEqual(2);
  });

  it('declares diagnostics on every step, labels the data worker where the lesson pins to it, and its lifetime row', async () => {
    const g = await loadGrader(ROOT, lesson);
    for (const s of g.steps) expect(s.diagnose?.length, s.id).toBeGreaterThan(0);
    // Lesson 7 pins nothing: its volumes are made where the scheduler puts their Pods.
    expect(typeof g.setup).toBe(lesson.folder === '07-snapshots-expansion' ? 'undefined' : 'function');
    expect(g.fixtures ?? []).toEqual(lesson.folder === '03-nfs' ? ['nfs-server'] : []);
    expect(g.lifetime).toEqual(LIFETIME[lesson.folder]);
  });

  it('writes only fresh tokens from ctx.token(), never the same one twice', async () => {
    const written: string[] = [];
    const wrap = (cluster: Cluster): Cluster =>
      new Proxy(cluster, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (prop === 'writeFile') return (...args: [string, string, string, string]) => (written.push(args[3]), value.apply(target, args));
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    let n = 0;
    const result = await gradeOnModel(lesson, join(lesson.dir, 'solution'), { wrap, random: () => `fresh-${lesson.number}-${++n}` });
    expect(result.score, summary(result)).toBe(100);
    expect(written.length).toBeGreaterThan(0);
    for (const token of written) expect(token).toMatch(new RegExp(`^fresh-${lesson.number}-\\d+$`));
    expect(new Set(written).size).toBe(written.length);
  });
});

describe('grader sources', () => {
  const files = [
    ...readdirSync(join(ROOT, 'graders')).filter((f) => f.endsWith('.ts')).map((f) => join(ROOT, 'graders', f)),
    ...['common', 'rules'].flatMap((d) => readdirSync(join(ROOT, 'graders', d)).map((f) => join(ROOT, 'graders', d, f))),
  ];
  const ALLOWED = [
    /^(\.|\.\.)\/(common|rules)\/[0-9a-z-]+\.ts$/,
    /^\.\/[a-z-]+\.ts$/,
    /^\.\.\/(\.\.\/)?src\/grader\/(define|scenario\/index|cluster\/cluster)\.ts$/,
    /^\.\.\/(\.\.\/)?src\/i18n\/lang\.ts$/,
    // The course CSI stack's names: constants only, importing nothing.
    /^\.\.\/(\.\.\/)?src\/course-csi\.ts$/,
    /^node:path$/,
  ];

  it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))('%s uses only the Cluster interface and the scenario actions', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    for (const spec of imports) expect(ALLOWED.some((re) => re.test(spec)), spec).toBe(true);
    expect(text).not.toMatch(/kubectl |crictl|src\/model\//);
  });
});

describe('demo sources', () => {
  const files = [
    ...readdirSync(join(ROOT, 'demos')).filter((f) => f.endsWith('.ts')).map((f) => join(ROOT, 'demos', f)),
    ...readdirSync(join(ROOT, 'demos', 'common')).map((f) => join(ROOT, 'demos', 'common', f)),
  ];
  // The graders' rules, plus the demo declaration and the graders' shared helpers.
  const ALLOWED = [
    /^\.\/(common\/)?[a-z-]+\.ts$/,
    /^\.\.\/(\.\.\/)?src\/grader\/(define|scenario\/index|cluster\/cluster|demo\/define|lifetime)\.ts$/,
    /^\.\.\/(\.\.\/)?src\/i18n\/lang\.ts$/,
    /^\.\.\/(\.\.\/)?graders\/common\/[0-9a-z-]+\.ts$/,
    /^\.\.\/(\.\.\/)?src\/course-csi\.ts$/,
  ];

  it('there are demos', () => expect(files.length).toBeGreaterThan(0));

  it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))('%s uses only the Cluster interface and the scenario actions', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    for (const spec of imports) expect(ALLOWED.some((re) => re.test(spec)), spec).toBe(true);
    expect(text).not.toMatch(/kubectl |crictl|docker |src\/model\//);
    // Every image a demo names is busybox:1.36, the one image the course cluster is sure to have.
    for (const m of text.matchAll(/image: ['"]?([^'",\s}]+)/g)) expect(m[1]).toMatch(/^(busybox:1\.36|IMAGE)$/);
  });
});
