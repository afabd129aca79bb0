import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SMOKE_NAMESPACE, smokeManifest } from '../../src/local-cluster/smoke.ts';
import { ROOT } from '../graders/harness.ts';

describe('the cluster:up smoke test manifest', () => {
  it('puts the server on one worker and the client on the other, in a namespace of its own, with no placeholder left', () => {
    const text = smokeManifest(ROOT, 'k8s-storage-course-worker', 'k8s-storage-course-worker2');
    expect(text).not.toMatch(/NODE_[AB]/);
    const docs = parseAllDocuments(text).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(['Namespace/course-smoke', 'Pod/server', 'Pod/client']);
    const pods = docs.filter((d) => d.kind === 'Pod');
    expect(pods.map((p) => p.spec.nodeName)).toEqual(['k8s-storage-course-worker', 'k8s-storage-course-worker2']);
    expect(pods.every((p) => p.metadata.namespace === SMOKE_NAMESPACE)).toBe(true);
    expect(pods[0].spec.containers[0].command.join(' ')).toContain('httpd -f -p 8080');
  });
});
