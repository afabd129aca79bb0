import { describe, expect, it } from 'vitest';
import { FakeRunner } from '../../../../src/grader/exec/fake-runner.ts';
import { fixtureUserKey, markFixtureUser, releaseFixture } from '../../../../src/grader/cluster/common/fixture-users.ts';
import { Kube } from '../../../../src/grader/cluster/common/kube.ts';
import { KubectlArgs } from '../../../../src/grader/cluster/common/kubectl.ts';
import { kubectl, list } from './helpers.ts';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const fixture = (users: string[]) => ({
  stdout: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'course-fixtures', annotations: { other: 'x', ...Object.fromEntries(users.map((u) => [fixtureUserKey(u), 'true'])) } } }),
});
const runNs = (run: string, aliveUntil: number) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `course-${run}`, labels: { 'storage-course/run': run }, annotations: { 'storage-course/alive-until': new Date(aliveUntil).toISOString() } } });

function kube(r: FakeRunner): Kube {
  return new Kube(r.when(kubectl('annotate'), {}).when(kubectl('delete'), {}), new KubectlArgs({ kubeconfig: '/kc' }, 'course-r1'));
}
const verbs = (r: FakeRunner) => r.argvs().map((a) => a.slice(3, 7).join(' '));

describe('NFS fixture users', () => {
  it('marks the fixture namespace with the run\'s own annotation', async () => {
    const r = new FakeRunner();
    await markFixtureUser(kube(r), 'r1');
    expect(r.argvs()[0]).toEqual(['kubectl', '--kubeconfig', '/kc', 'annotate', 'namespaces', 'course-fixtures', 'storage-course/user.r1=true', '--overwrite', '--request-timeout=30s']);
  });

  it('the last live user takes its mark off and deletes the namespace', async () => {
    const r = new FakeRunner().when(kubectl('get', 'namespaces', 'course-fixtures'), fixture(['r1']));
    expect(await releaseFixture(kube(r), 'r1', NOW)).toEqual([]);
    expect(verbs(r)).toEqual(['annotate namespaces course-fixtures storage-course/user.r1-', 'get namespaces course-fixtures -o', 'delete namespaces course-fixtures --ignore-not-found']);
  });

  it('keeps the namespace while another live run uses it; a dead run\'s mark does not count', async () => {
    const r = new FakeRunner()
      .when(kubectl('get', 'namespaces', 'course-fixtures'), fixture(['r1', 'r2', 'r3']))
      .when(kubectl('get', 'namespaces', '-l'), { stdout: list([runNs('r2', NOW + 60_000), runNs('r3', NOW - 1)]) });
    expect(await releaseFixture(kube(r), 'r1', NOW)).toEqual(['r2']);
    expect(verbs(r).some((v) => v.startsWith('delete'))).toBe(false);
  });

  it('a namespace already gone needs nothing more', async () => {
    const r = new FakeRunner().when(kubectl('get', 'namespaces', 'course-fixtures'), { stdout: '' });
    expect(await releaseFixture(kube(r), 'r1', NOW)).toEqual([]);
    expect(verbs(r).some((v) => v.startsWith('delete'))).toBe(false);
  });
});
