/**
 * Builds Submission objects for tests straight from YAML text, with real file:line positions,
 * so runner and scenario tests do not depend on the submission loader.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { K8sObject, SourcePos } from '../../../src/grader/cluster/cluster.ts';
import type { Submission, SubmittedObject } from '../../../src/grader/define.ts';

/** A Submission made of the documents in files ({ "pod.yaml": "apiVersion: v1\n..." }). */
export function submissionFromYaml(files: Record<string, string>, dir = '/tmp/submission'): Submission {
  const objects: SubmittedObject[] = [];
  for (const [file, text] of Object.entries(files)) {
    const lines = new LineCounter();
    for (const doc of parseAllDocuments(text, { lineCounter: lines })) {
      if (!('toJS' in doc)) throw new Error(`bad YAML in ${file}`);
      const object = doc.toJS() as K8sObject | null;
      if (!object) continue;
      const posOf = (offset: number): SourcePos => ({ file, ...lines.linePos(offset) });
      const pos = posOf(doc.contents?.range?.[0] ?? 0);
      objects.push({
        object,
        pos,
        at(path) {
          const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
          return node?.range ? posOf(node.range[0]) : pos;
        },
      });
    }
  }
  return {
    dir,
    objects,
    find: (kind, name) => objects.find((o) => o.object.kind === kind && o.object.metadata?.name === name),
    all: (kind) => objects.filter((o) => o.object.kind === kind),
  };
}

/** A pod manifest with the given containers (name -> image) and extra spec fields. */
export function podYaml(name: string, containers: Record<string, string>, extra = ''): string {
  const list = Object.entries(containers)
    .map(([c, image]) => `    - name: ${c}\n      image: ${image}\n      command: ["sh", "-c", "sleep 3600"]`)
    .join('\n');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    app: ${name}\nspec:\n${extra}  containers:\n${list}\n`;
}
