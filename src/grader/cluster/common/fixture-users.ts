/**
 * Who is using the lesson-3 NFS fixture on a cluster the grader does not own (`current`), where
 * the fixture goes away with its last user instead of staying for later runs. There is one server
 * per cluster (it has the fixed ClusterIP 10.96.100.100), so two students grading lesson 3 at once
 * share it: each run marks the fixture namespace with an annotation of its own
 * (`storage-course/user.<runId>`) as soon as the server objects are applied, and at cleanup takes
 * its mark off and deletes the namespace only when no live run's mark is left (run-lease.ts says
 * which runs live; the mark of a run that died does not keep the fixture).
 */
import type { Kube } from './kube.ts';
import { FIXTURE_NAMESPACE, RUN_LABEL } from './labels.ts';
import { parseList } from './parse.ts';
import { liveRuns } from './run-lease.ts';

const USER_PREFIX = 'storage-course/user.';

/** The annotation key that says run `runId` uses the fixture. */
export function fixtureUserKey(runId: string): string {
  return `${USER_PREFIX}${runId}`;
}

/** Marks the fixture namespace as used by this run. Rejects when kubectl fails. */
export async function markFixtureUser(kube: Kube, runId: string): Promise<void> {
  await kube.run(kube.args.annotateNamespace(FIXTURE_NAMESPACE, { [fixtureUserKey(runId)]: 'true' }));
}

/**
 * Takes this run's mark off and deletes the fixture namespace when no other live run uses it.
 * Returns the runs that still use it (empty when it was deleted). Rejects when kubectl fails.
 */
export async function releaseFixture(kube: Kube, runId: string, now: number): Promise<string[]> {
  await kube.run(kube.args.unannotateNamespace(FIXTURE_NAMESPACE, [fixtureUserKey(runId)]));
  const fixture = await kube.get('Namespace', FIXTURE_NAMESPACE);
  if (!fixture) return [];
  const users = Object.keys(fixture.metadata.annotations ?? {})
    .filter((k) => k.startsWith(USER_PREFIX))
    .map((k) => k.slice(USER_PREFIX.length))
    .filter((run) => run !== runId);
  let others: string[] = [];
  if (users.length > 0) {
    const namespaces = parseList((await kube.run(kube.args.listLabelled(['Namespace'], RUN_LABEL))).stdout);
    const live = liveRuns(namespaces, now);
    others = users.filter((run) => live.has(run));
  }
  if (others.length === 0) await kube.run(kube.args.delete('Namespace', FIXTURE_NAMESPACE, { wait: false }));
  return others;
}
