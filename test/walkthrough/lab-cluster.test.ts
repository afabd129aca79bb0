/**
 * Where a lab cluster's nodes share the CSI driver's store: the config's own relative folder for
 * "course" (what a student's `kind create cluster --config lab/kind-course.yaml` uses too), one of
 * its own in the course cache for any other lab, written into a copy of the config.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LAB_CONFIG, LAB_CSI_STORE, labConfigWithStore, labCsiStore } from '../../src/walkthrough/lab-cluster.ts';
import { CSI_SHARED_PATH } from '../../src/grader/cluster/kind/config.ts';

const root = process.cwd();
const env = { HOME: '/home/student', XDG_CACHE_HOME: '/cache' };

describe('the lab cluster\'s CSI store', () => {
  it('lab/kind-course.yaml mounts the store on every node at the path the driver reads', () => {
    const config = parseAllDocuments(readFileSync(join(root, LAB_CONFIG), 'utf8'))[0]!.toJS();
    expect(config.nodes).toHaveLength(3);
    for (const node of config.nodes) expect(node.extraMounts).toEqual([{ hostPath: LAB_CSI_STORE, containerPath: CSI_SHARED_PATH }]);
  });

  it('"course" uses the repository\'s .lab/csi-store; another lab a folder of its own in the cache', () => {
    expect(labCsiStore('/repo', 'course', env)).toBe('/repo/.lab/csi-store');
    const other = labCsiStore('/repo', 'course-check-1a2b', env);
    expect(other.startsWith('/repo')).toBe(false);
    expect(other).toContain('course-check-1a2b');
    expect(labCsiStore('/repo', 'course-check-9f9f', env)).not.toBe(other);
  });

  it('a copy of the config for another lab names its store on every node and changes nothing else', () => {
    const text = labConfigWithStore(root, '/cache/k8s-storage-course/csi-store/lab-x');
    const config = parseAllDocuments(text)[0]!.toJS();
    const original = parseAllDocuments(readFileSync(join(root, LAB_CONFIG), 'utf8'))[0]!.toJS();
    for (const node of config.nodes) expect(node.extraMounts[0].hostPath).toBe('/cache/k8s-storage-course/csi-store/lab-x');
    expect({ ...config, nodes: config.nodes.map((n: any) => n.role) }).toEqual({ ...original, nodes: original.nodes.map((n: any) => n.role) });
  });
});
