import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SMOKE_NAMESPACE, smokeManifest, smokeTest } from '../../src/local-cluster/smoke.ts';
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

describe('the cluster:up smoke test', () => {
  /** A kubectl stand-in: the first apply is refused as the API refuses Pods before the namespace's default ServiceAccount exists. */
  function fakeKubectl(): { bin: string; calls: () => string[] } {
    const dir = mkdtempSync(join(tmpdir(), 'smoke-'));
    const bin = join(dir, 'kubectl');
    writeFileSync(
      bin,
      `#!/bin/sh
shift 2
echo "$*" >> "${dir}/calls"
case "$*" in
  "apply -f -") cat >/dev/null; if [ ! -e "${dir}/applied" ]; then touch "${dir}/applied"; echo 'pods "server" is forbidden: error looking up service account course-smoke/default: serviceaccount "default" not found' >&2; exit 1; fi ;;
  *"jsonpath"*) printf 10.244.1.5 ;;
  *" nc "*|*"nc -w"*) echo course-smoke-ok ;;
  *nslookup*) printf 'Name: kubernetes.default.svc.cluster.local\\nAddress: 10.96.0.1\\n' ;;
esac
exit 0
`,
    );
    chmodSync(bin, 0o755);
    return { bin, calls: () => readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n') };
  }

  it('waits for the default ServiceAccount and applies again when the first apply is refused', async () => {
    const { bin, calls } = fakeKubectl();
    const ctx = { exec: async () => {}, log: () => {}, signal: new AbortController().signal, logFile: '/dev/null' };
    const verdict = await smokeTest(ROOT, bin, '/dev/null', 'k8s-storage-course', ctx, 'en');
    expect(verdict.en).toBeTruthy();
    const seen = calls();
    expect(seen.slice(0, 3)).toEqual(['apply -f -', '-n course-smoke wait --for=create serviceaccount/default --timeout=60s', 'apply -f -']);
    expect(seen.at(-1)).toBe('delete namespace course-smoke --wait=false --ignore-not-found');
  });
});
