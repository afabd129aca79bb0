import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageRoot } from '../../src/walkthrough/staged-root.ts';

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'staged-repo-'));
  mkdirSync(join(root, 'lessons', '02-demo', 'manifests'), { recursive: true });
  mkdirSync(join(root, 'lab'));
  writeFileSync(join(root, 'lessons', '02-demo', 'manifests', 'pod.yaml'), 'spec:\n  nodeSelector:\n    kubernetes.io/hostname: course-worker\n');
  writeFileSync(join(root, 'lessons', '02-demo', 'manifests', 'pv.yml'), 'values: [course-worker2]\n');
  writeFileSync(join(root, 'lessons', '02-demo', 'en.mdx'), 'docker exec course-worker\n');
  writeFileSync(join(root, 'lab', 'kind-course.yaml'), 'name: course\n');
  writeFileSync(join(root, 'package.json'), '{}\n');
  return root;
}

describe('stageRoot', () => {
  it('copies lessons/ with the YAML files naming the other cluster\'s nodes, and links everything else', () => {
    const root = repo();
    const dir = stageRoot(root, 'lab-x', join(mkdtempSync(join(tmpdir(), 'staged-')), 'root'));
    expect(readFileSync(join(dir, 'lessons', '02-demo', 'manifests', 'pod.yaml'), 'utf8')).toBe('spec:\n  nodeSelector:\n    kubernetes.io/hostname: lab-x-worker\n');
    expect(readFileSync(join(dir, 'lessons', '02-demo', 'manifests', 'pv.yml'), 'utf8')).toBe('values: [lab-x-worker2]\n');
    // Only YAML (what kubectl -f reads) is mapped; other lesson files are copied as they are.
    expect(readFileSync(join(dir, 'lessons', '02-demo', 'en.mdx'), 'utf8')).toBe('docker exec course-worker\n');
    expect(lstatSync(join(dir, 'lessons')).isSymbolicLink()).toBe(false);
    for (const entry of ['lab', 'package.json']) {
      expect(lstatSync(join(dir, entry)).isSymbolicLink(), entry).toBe(true);
      expect(readlinkSync(join(dir, entry))).toBe(join(root, entry));
    }
    // The repository itself is never written.
    expect(readFileSync(join(root, 'lessons', '02-demo', 'manifests', 'pod.yaml'), 'utf8')).toContain('course-worker\n');
  });
});
