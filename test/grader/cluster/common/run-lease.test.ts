import { afterEach, describe, expect, it, vi } from 'vitest';
import type { K8sObject } from '../../../../src/grader/cluster/cluster.ts';
import { LEASE_MS, LeaseRenewer, leaseAnnotations, namespaceIsLive, RENEW_MS, UNLEASED_LIVE_MS } from '../../../../src/grader/cluster/common/run-lease.ts';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const ns = (metadata: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'course-r', ...metadata } }) as K8sObject;

describe('run leases', () => {
  afterEach(() => vi.useRealTimers());

  it('a new lease runs LEASE_MS from now, and a namespace is live until it ends', () => {
    const annotations = leaseAnnotations(NOW);
    expect(annotations).toEqual({ 'storage-course/alive-until': '2026-12-07T12:15:00.000Z' });
    expect(namespaceIsLive(ns({ annotations }), NOW + LEASE_MS - 1)).toBe(true);
    expect(namespaceIsLive(ns({ annotations }), NOW + LEASE_MS)).toBe(false);
  });

  it('a kept namespace is live for ever; one without a lease (an older grader) for an hour after it was made', () => {
    expect(namespaceIsLive(ns({ annotations: { ...leaseAnnotations(0), 'storage-course/kept': 'true' } }), NOW)).toBe(true);
    const created = { creationTimestamp: new Date(NOW).toISOString() };
    expect(namespaceIsLive(ns(created), NOW + UNLEASED_LIVE_MS - 1)).toBe(true);
    expect(namespaceIsLive(ns(created), NOW + UNLEASED_LIVE_MS)).toBe(false);
    // Nothing to go by: never taken for dead.
    expect(namespaceIsLive(ns({ annotations: { 'storage-course/alive-until': 'soon' } }), NOW)).toBe(true);
  });

  it('the renewer renews every RENEW_MS until stopped, reporting a failed renewal and trying again', async () => {
    vi.useFakeTimers();
    const renewals: number[] = [];
    const errors: string[] = [];
    const renewer = new LeaseRenewer();
    renewer.start(
      async () => {
        renewals.push(Date.now());
        if (renewals.length === 1) throw new Error('forbidden\nmore');
      },
      (err) => errors.push(err.message),
    );
    await vi.advanceTimersByTimeAsync(RENEW_MS - 1);
    expect(renewals).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(RENEW_MS);
    expect(renewals).toHaveLength(2);
    expect(errors).toEqual(['forbidden\nmore']);
    renewer.stop();
    await vi.advanceTimersByTimeAsync(3 * RENEW_MS);
    expect(renewals).toHaveLength(2);
  });
});
