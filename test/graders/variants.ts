/**
 * Variations of a reference answer that EXERCISES.md says must not change the verdict: other
 * images and commands, extra labels and annotations, comments, one file per object or all in one,
 * a different key order, a metadata.namespace field. Each variant writes a new submission folder.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

type Obj = Record<string, any>;

const POD_SPEC: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
};
const CLUSTER_SCOPED = new Set(['PersistentVolume', 'StorageClass']);

/** The objects of every YAML file in dir, files in name order. */
export function readObjects(dir: string): Obj[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS() as Obj))
    .filter(Boolean);
}

function podSpecs(o: Obj): Obj[] {
  const path = POD_SPEC[o.kind];
  if (!path) return [];
  let node: any = o;
  for (const seg of path) node = node?.[seg];
  return node ? [node] : [];
}

function eachContainer(objs: Obj[], fn: (c: Obj) => void): Obj[] {
  const copy = structuredClone(objs);
  for (const o of copy) for (const spec of podSpecs(o)) for (const c of spec.containers ?? []) fn(c);
  return copy;
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

const doc = (o: Obj) => stringify(o, { lineWidth: 0 });

export interface Variant {
  name: string;
  /** File name -> YAML text. */
  files(objs: Obj[]): Record<string, string>;
}

const oneFile = (objs: Obj[], name = 'answer.yaml') => ({ [name]: objs.map(doc).join('---\n') });

export const VARIANTS: Variant[] = [
  { name: 'image busybox:1.37', files: (o) => oneFile(eachContainer(o, (c) => (c.image = 'busybox:1.37'))) },
  {
    name: 'alpine:3.20 with a shell loop',
    files: (o) =>
      oneFile(
        eachContainer(o, (c) => {
          c.image = 'alpine:3.20';
          c.command = ['/bin/sh', '-c', 'while true; do sleep 30; done'];
          delete c.args;
        }),
      ),
  },
  {
    name: 'command split into command and args',
    files: (o) =>
      oneFile(
        eachContainer(o, (c) => {
          c.command = ['sh'];
          c.args = ['-c', 'sleep 3600'];
        }),
      ),
  },
  {
    name: 'extra labels and annotations',
    files: (objs) => {
      const copy = structuredClone(objs);
      for (const o of copy) {
        o.metadata.labels = { ...o.metadata.labels, 'course.example/extra': 'added', tier: 'backend' };
        o.metadata.annotations = { ...o.metadata.annotations, 'course.example/note': 'graded by the course' };
        const tpl = o.spec?.template?.metadata;
        if (tpl) tpl.labels = { ...tpl.labels, tier: 'backend' };
      }
      return oneFile(copy);
    },
  },
  {
    name: 'comments, one file per object',
    files: (objs) =>
      Object.fromEntries(
        objs.map((o, i) => [
          `${String(i + 1).padStart(2, '0')}-${o.kind.toLowerCase()}.yaml`,
          `# my answer / 我的答案\n\n${doc(o).replace(/^kind: (.*)$/m, 'kind: $1   # the kind / 类型')}# end of file\n`,
        ]),
      ),
  },
  {
    name: 'one file per object, files in reverse order',
    files: (objs) => Object.fromEntries(objs.map((o, i) => [`${String.fromCharCode(122 - i)}-${o.kind.toLowerCase()}.yml`, doc(o)])),
  },
  { name: 'reversed key order, one .yml file', files: (objs) => oneFile(objs.map((o) => reverseKeys(o) as Obj), 'all.yml') },
  {
    name: 'metadata.namespace set',
    files: (objs) => {
      const copy = structuredClone(objs);
      for (const o of copy) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = 'homework';
      return oneFile(copy);
    },
  },
];

/** Writes the variant of the objects into dir (created). */
export function writeVariant(variant: Variant, objs: Obj[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(variant.files(objs))) writeFileSync(join(dir, file), text);
}
