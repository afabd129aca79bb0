/**
 * The working directory of a walk-through run on a lab cluster that is not "course": a new folder
 * in which `lessons/` is a copy of the repository's with the node names of every YAML file mapped to
 * that cluster's (lab-names.ts), and every other top-level entry a symlink to the repository's own.
 * So `kubectl apply -f lessons/02-hostpath/manifests/hostpath-demo.yaml`, run there, pins the Pod
 * to that cluster's worker, and the repository itself is never written. The caller removes dir.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mapNodeNames } from './lab-names.ts';

export const STAGED_DIR = 'lessons';

/** Builds the working directory in dir (which must not exist yet or be empty); returns dir. */
export function stageRoot(root: string, cluster: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(root)) {
    if (entry === STAGED_DIR) continue;
    symlinkSync(join(root, entry), join(dir, entry));
  }
  const lessons = join(dir, STAGED_DIR);
  cpSync(join(root, STAGED_DIR), lessons, { recursive: true });
  mapYamlFiles(lessons, cluster);
  return dir;
}

function mapYamlFiles(dir: string, cluster: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) mapYamlFiles(path, cluster);
    else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      const text = readFileSync(path, 'utf8');
      const mapped = mapNodeNames(text, cluster);
      if (mapped !== text) writeFileSync(path, mapped);
    }
  }
}
