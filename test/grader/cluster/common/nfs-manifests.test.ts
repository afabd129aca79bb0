import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadSubmission } from '../../../../src/grader/submission/load.ts';
import type { K8sObject } from '../../../../src/grader/cluster/cluster.ts';
import { GANESHA_CONF, GANESHA_START, NFS_CLUSTER_IP, NFS_IMAGE, nfsProbePod, nfsServerObjects } from '../../../../src/grader/cluster/common/nfs-manifests.ts';
import { nodeHelperPod } from '../../../../src/grader/cluster/current/node-access.ts';

/** Runs the project's own submission validator (OpenAPI schema + unknown fields + server rules). */
async function validate(objects: K8sObject[]) {
  const dir = mkdtempSync(join(tmpdir(), 'manifests-'));
  writeFileSync(join(dir, 'objects.yaml'), objects.map((o) => stringify(o)).join('---\n'));
  return loadSubmission(dir);
}

describe('grader-made manifests', () => {
  it('the NFS server, its probe pod and the node helper pod are valid Kubernetes objects', async () => {
    const objects = [...nfsServerObjects(), nfsProbePod('nfs-probe-abc123'), nodeHelperPod('course-node-abc123', 'course-run1', 'run1', 'kind-worker', ['true'])];
    const r = await validate(objects);
    expect(r.ok ? [] : r.problems.map((p) => `${p.code}: ${p.message.en}`)).toEqual([]);
  });

  it('the validator used above does catch a misspelt field (negative control)', async () => {
    const [, , deployment] = nfsServerObjects();
    const broken = structuredClone(deployment);
    broken.spec.template.spec.containers[0].readinessProbes = broken.spec.template.spec.containers[0].readinessProbe;
    const r = await validate([broken]);
    expect(r.ok).toBe(false);
  });

  it('serves at the fixed ClusterIP on NFSv4 port 2049 from an emptyDir', () => {
    const [ns, config, deployment, service] = nfsServerObjects();
    expect(ns.metadata.name).toBe('course-fixtures');
    expect(service.spec).toMatchObject({ clusterIP: '10.96.100.100', ports: [{ port: 2049, protocol: 'TCP' }] });
    expect(NFS_CLUSTER_IP).toBe('10.96.100.100');
    const pod = deployment.spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'export', emptyDir: {} });
    expect(pod.containers[0].image).toBe(NFS_IMAGE);
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'export', mountPath: '/export' });
    expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
    expect((config.data as Record<string, string>)['ganesha.conf']).toBe(GANESHA_CONF);
  });

  it('exports the emptyDir subdirectory as the NFSv4 root "/", graceless, root not squashed', () => {
    expect(GANESHA_CONF).toMatch(/Path = "\/export\/share";/);
    expect(GANESHA_CONF).toMatch(/Pseudo = "\/";/);
    expect(GANESHA_CONF).toMatch(/Protocols = 4;/);
    expect(GANESHA_CONF).toMatch(/Graceless = true;/);
    expect(GANESHA_CONF).toMatch(/Squash = No_Root_Squash;/);
    expect(GANESHA_START).toMatch(/mkdir -p \/export\/share/);
    expect(GANESHA_START).toMatch(/exec ganesha\.nfsd -F .* -f \/etc\/course-ganesha\/ganesha\.conf$/);
  });

  it('the probe mounts the server exactly like a lesson-3 answer does (inline nfs, ClusterIP, path /)', () => {
    const probe = nfsProbePod('nfs-probe-x');
    expect(probe.spec.volumes).toEqual([{ name: 'nfs', nfs: { server: '10.96.100.100', path: '/' } }]);
    expect(probe.spec.restartPolicy).toBe('Never');
  });
});
