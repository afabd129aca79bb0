/**
 * Objects a submission holds next to the answer, named like what the graders make themselves:
 * lesson 2's probe Pod must pick a name the submission does not use (an extra object never changes
 * the verdict), and lesson 3's own copy of the NFS server Service is refused as on kind, with a
 * message that says the grader provides the server.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cluster, K8sObject } from '../../src/grader/cluster/cluster.ts';
import { courseLessons, failedIds, gradeOnModel, summary } from './harness.ts';

const work = mkdtempSync(join(tmpdir(), 'grader-own-objects-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const lesson = (id: string) => courseLessons().find((l) => l.id === id)!;

/** The lesson's solution plus extra files. */
function solutionWith(id: string, extra: Record<string, string>): string {
  const dir = join(work, `${id}-${Object.keys(extra).join('-')}`);
  cpSync(join(lesson(id).dir, 'solution'), dir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

const sleeperPod = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: probe\n      image: busybox:1.36\n      command: ["sh", "-c", "sleep 3600"]\n`;

/** Records the names of the Pods the grader itself applies (those the submission does not have). */
function recordApplied(names: string[]): (cluster: Cluster) => Cluster {
  return (cluster) =>
    new Proxy(cluster, {
      get(target, prop) {
        if (prop !== 'apply') return Reflect.get(target, prop, target);
        return (objects: K8sObject[]) => {
          names.push(...objects.filter((o) => o.metadata.labels?.['storage-course/probe']).map((o) => o.metadata.name));
          return target.apply(objects);
        };
      },
    });
}

describe('lesson 2: the probe Pod never takes a name from the submission', () => {
  it('with extra Pods named course-probe and course-probe-2, the answer still scores 100 and the probe is course-probe-3', async () => {
    const dir = solutionWith('lesson-2', { 'probe.yaml': sleeperPod('course-probe'), 'probe-2.yaml': sleeperPod('course-probe-2') });
    const probes: string[] = [];
    const result = await gradeOnModel(lesson('lesson-2'), dir, { wrap: recordApplied(probes) });
    expect(result.score, summary(result)).toBe(100);
    expect(probes).toEqual(['course-probe-3']);
  });

  it('without a clash the probe keeps its usual name', async () => {
    const probes: string[] = [];
    const result = await gradeOnModel(lesson('lesson-2'), join(lesson('lesson-2').dir, 'solution'), { wrap: recordApplied(probes) });
    expect(result.score, summary(result)).toBe(100);
    expect(probes).toEqual(['course-probe']);
  });
});

describe("lesson 3: the student's own NFS server", () => {
  const service = (name: string) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  clusterIP: 10.96.100.100\n  selector:\n    app: nfs-server\n  ports:\n    - name: nfs\n      port: 2049\n`;

  it('a Service on 10.96.100.100 is refused; the failure names it and says the grader provides the NFS server', async () => {
    const dir = solutionWith('lesson-3', { 'my-nfs.yaml': service('my-nfs') });
    const result = await gradeOnModel(lesson('lesson-3'), dir);
    expect(failedIds(result), summary(result)).toEqual(['replicas-spread']);
    const check = result.checks.find((c) => c.id === 'replicas-spread')!;
    expect(check.message?.en).toMatch(/^the cluster refused Service my-nfs from \S*my-nfs\.yaml:1: it asks for clusterIP 10\.96\.100\.100, which the NFS server the grader runs/);
    expect(check.message?.en).toContain('The grader provides the NFS server, so your files must not include one');
    expect(check.message?.['zh-cn']).toMatch(/^集群拒绝了 \S*my-nfs\.yaml:1 中的 Service my-nfs：/);
    expect(check.message?.['zh-cn']).toContain('NFS 服务器由评分程序提供');
    expect(check.observed).toContain('provided IP is already allocated');
  });

  it('a Service named nfs-server without that ClusterIP is only an extra object: 100', async () => {
    const dir = solutionWith('lesson-3', { 'svc.yaml': service('nfs-server').replace('  clusterIP: 10.96.100.100\n', '') });
    const result = await gradeOnModel(lesson('lesson-3'), dir);
    expect(result.score, summary(result)).toBe(100);
  });
});
