/** Shared test helpers for the real-cluster back ends: fixtures, a virtual clock, kubectl matchers. */
import { readFileSync } from 'node:fs';
import type { Clock } from '../../../../src/grader/cluster/cluster.ts';
import type { FakeCall } from '../../../../src/grader/exec/fake-runner.ts';

/** A recorded output from test/fixtures/kubectl (see NOTES.md there). */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`../../../fixtures/kubectl/${name}`, import.meta.url), 'utf8');
}

export function fixtureJson(name: string): any {
  return JSON.parse(fixtureText(name));
}

/** A kubectl List around items, as `kubectl get -o json` prints it. */
export function list(items: unknown[]): string {
  return JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });
}

/** A clock whose sleeps return at once and advance virtual time. */
export function virtualClock(): Clock & { slept: number } {
  let t = 0;
  const clock = {
    slept: 0,
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
      clock.slept += ms;
    },
  };
  return clock;
}

/** Matches a kubectl call whose argv (after the global flags) contains these words in order. */
export function kubectl(...words: string[]): (c: FakeCall) => boolean {
  return (c) => {
    if (c.file !== 'kubectl') return false;
    let i = 0;
    for (const a of c.args) if (a === words[i]) i++;
    return i === words.length;
  };
}
