import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
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

  it('serves at the fixed ClusterIP from an emptyDir: NFS on 2049, rpcbind on 111 and MOUNT on 20048 for NFSv3 clients', () => {
    const [ns, config, deployment, service] = nfsServerObjects();
    expect(ns.metadata.name).toBe('course-fixtures');
    expect(service.spec.clusterIP).toBe('10.96.100.100');
    expect(service.spec.ports.map((p: { port: number; protocol: string }) => `${p.port}/${p.protocol}`)).toEqual(['2049/TCP', '111/TCP', '20048/TCP']);
    expect(deployment.spec.template.spec.containers[0].ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([2049, 111, 20048]);
    expect(NFS_CLUSTER_IP).toBe('10.96.100.100');
    const pod = deployment.spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'export', emptyDir: {} });
    expect(pod.containers[0].image).toBe(NFS_IMAGE);
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'export', mountPath: '/export' });
    expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
    expect((config.data as Record<string, string>)['ganesha.conf']).toBe(GANESHA_CONF);
  });

  it('exports the emptyDir subdirectory as "/" to NFSv3 and NFSv4 clients, graceless, root not squashed', () => {
    expect(GANESHA_CONF).toMatch(/Path = "\/export\/share";/);
    expect(GANESHA_CONF).toMatch(/Pseudo = "\/";/);
    // NFSv3's MOUNT looks the pseudo path up too, so "/" is the export's name under both versions.
    expect(GANESHA_CONF).toMatch(/Mount_Path_Pseudo = true;/);
    expect(GANESHA_CONF).toMatch(/MNT_Port = 20048;/);
    expect(GANESHA_CONF.match(/Protocols = 3, 4;/g)).toHaveLength(2);
    expect(GANESHA_CONF).toMatch(/Graceless = true;/);
    expect(GANESHA_CONF).toMatch(/Squash = No_Root_Squash;/);
    expect(GANESHA_START).toMatch(/mkdir -p \/export\/share/);
    expect(GANESHA_START).toMatch(/exec ganesha\.nfsd -F .* -f \/etc\/nfs-server\/ganesha\.conf$/);
  });

  it('the probe mounts the server exactly like a lesson-3 answer does (inline nfs, ClusterIP, path /)', () => {
    const probe = nfsProbePod('nfs-probe-x');
    expect(probe.spec.volumes).toEqual([{ name: 'nfs', nfs: { server: '10.96.100.100', path: '/' } }]);
    expect(probe.spec.restartPolicy).toBe('Never');
  });

  it('the lesson\'s lab server is the grader\'s: same image, start script, configuration, ports and capabilities', () => {
    const lab = parseAllDocuments(readFileSync(join(import.meta.dirname, '../../../../lessons/03-nfs/manifests/nfs-server.yaml'), 'utf8')).map((d) => d.toJS());
    const [, config, deployment, service] = nfsServerObjects();
    const labConfig = lab.find((o) => o.kind === 'ConfigMap');
    const labServer = lab.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0];
    const ours = deployment.spec.template.spec.containers[0];
    expect(labConfig.data['ganesha.conf']).toBe((config.data as Record<string, string>)['ganesha.conf']);
    expect(labServer.image).toBe(ours.image);
    expect(labServer.command).toEqual(ours.command);
    expect(labServer.securityContext).toEqual(ours.securityContext);
    expect(labServer.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(ours.volumeMounts.map((m: { mountPath: string }) => m.mountPath));
    const labService = lab.find((o) => o.kind === 'Service');
    expect(labService.spec.clusterIP).toBe(service.spec.clusterIP);
    expect(labService.spec.ports.map((p: { port: number }) => p.port)).toEqual(service.spec.ports.map((p: { port: number }) => p.port));
  });
});
