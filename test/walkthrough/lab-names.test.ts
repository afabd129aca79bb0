import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listLessonFolders } from '../../src/site/lessons.ts';
import { courseNodeNames, isLabClusterName, LAB_CLUSTER, labNodes, mapNodeNames } from '../../src/walkthrough/lab-names.ts';
import { loadLessonSteps } from '../../src/walkthrough/lesson-steps.ts';
import { ROOT } from '../graders/harness.ts';

describe('lab cluster names', () => {
  it('derives the node names kind gives a cluster made from lab/kind-course.yaml', () => {
    expect(labNodes(LAB_CLUSTER)).toEqual({ controlPlane: 'course-control-plane', worker: 'course-worker', worker2: 'course-worker2' });
    expect(labNodes('course-check-0a1b2c3d').worker2).toBe('course-check-0a1b2c3d-worker2');
  });

  it('accepts only names kind and host names allow', () => {
    for (const good of ['course', 'course-check-0a1b2c3d', 'a', 'x9']) expect(isLabClusterName(good), good).toBe(true);
    for (const bad of ['', 'Course', '-a', 'a-', 'a_b', 'a b', 'a'.repeat(33), 'x;rm -rf /']) expect(isLabClusterName(bad), bad).toBe(false);
  });

  it('maps the three node names of "course", whole names only, and leaves "course" itself alone', () => {
    const text = 'docker exec course-worker ls; docker exec course-worker2 ls; course-control-plane, [course-worker2]\nhostname: course-worker   # pin\nstorage-course-worker my.course-worker course-worker3 course-workers course';
    expect(mapNodeNames(text, 'lab-x')).toBe(
      'docker exec lab-x-worker ls; docker exec lab-x-worker2 ls; lab-x-control-plane, [lab-x-worker2]\nhostname: lab-x-worker   # pin\nstorage-course-worker my.course-worker course-worker3 course-workers course',
    );
    expect(mapNodeNames(text, LAB_CLUSTER)).toBe(text);
    // A name that itself starts with "course-" is not mapped twice.
    expect(mapNodeNames('course-worker', 'course-check-1')).toBe('course-check-1-worker');
  });

  it('sees every node name the lessons use in their walk-through commands and manifests', () => {
    // A node name the mapping did not know (say course-worker3) would stay unmapped on another
    // cluster and fail there; here it fails first, naming the file.
    const known = new Set(Object.values(labNodes(LAB_CLUSTER)));
    // The course's own names that are not nodes: what its CSI stack installs (namespace, class,
    // DaemonSet, snapshot and attributes classes) and the driver's directories on the nodes.
    const notNodes = new Set(['course-csi', 'course-csi-node', 'course-csi-shared', 'course-snapclass', 'course-standard', 'course-fast']);
    const texts: [string, string][] = [];
    for (const { folder } of listLessonFolders(ROOT)) {
      for (const step of loadLessonSteps(ROOT, folder)) for (const c of step.commands) texts.push([`${step.file}:${c.line}`, c.text]);
      const manifests = join(ROOT, 'lessons', folder, 'manifests');
      for (const name of existsSync(manifests) ? readdirSync(manifests).filter((n) => /\.ya?ml$/.test(n)) : []) texts.push([`lessons/${folder}/manifests/${name}`, readFileSync(join(manifests, name), 'utf8')]);
    }
    const seen = new Set<string>();
    for (const [where, text] of texts) {
      for (const token of text.match(/(?<![A-Za-z0-9.-])course-[a-z0-9-]+/g) ?? []) {
        if (notNodes.has(token)) continue;
        expect(known.has(token), `${where}: ${token}`).toBe(true);
        seen.add(token);
      }
      expect(courseNodeNames(mapNodeNames(text, 'lab-x')), where).toEqual([]);
    }
    // The lessons do pin to both workers and exec into them and into the control plane: the mapping has work to do.
    expect([...seen].sort()).toEqual(['course-control-plane', 'course-worker', 'course-worker2']);
  });
});
