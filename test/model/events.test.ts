/** Events: one line per reason + message per object, counted, with re-sync spacing. */
import { describe, it, expect } from 'vitest';
import { EventLog, eventObject } from '../../src/model/events.ts';

const pod = { kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u1' } };

describe('EventLog', () => {
  it('a repeat of the same reason and message counts instead of adding a line', () => {
    const log = new EventLog();
    log.record(pod, 'Normal', 'Started', 'Started container c', 'kubelet', 0);
    log.record(pod, 'Normal', 'Started', 'Started container c', 'kubelet', 1000);
    expect(log.about('Pod', 'p')).toHaveLength(1);
    expect(log.about('Pod', 'p')[0]).toMatchObject({ count: 2, firstTimestamp: 0, lastTimestamp: 1000 });
  });
  it('with a minimum interval, repeats inside it are not counted', () => {
    const log = new EventLog();
    for (const t of [0, 5000, 15000, 20000, 30000]) log.record(pod, 'Normal', 'WaitForFirstConsumer', 'waiting', 'pv', t, 15000);
    expect(log.about('Pod', 'p')[0]!.count).toBe(3);
  });
  it('renders as a core/v1 Event', () => {
    const log = new EventLog();
    log.record(pod, 'Warning', 'FailedMount', 'nope', 'kubelet', Date.UTC(2026, 0, 1));
    expect(eventObject(log.all()[0]!, (t) => new Date(t).toISOString())).toMatchObject({ kind: 'Event', type: 'Warning', reason: 'FailedMount', count: 1, involvedObject: { kind: 'Pod', name: 'p', uid: 'u1' }, source: { component: 'kubelet' } });
  });
});
