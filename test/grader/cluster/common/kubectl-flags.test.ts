/**
 * Every argv the back ends build, fed to the real kubectl (when installed) against a kubeconfig
 * whose server is a closed loopback port: kubectl parses all flags and arguments first, so a
 * misspelt flag fails with "unknown flag" before any connection, while a correct command line
 * gets as far as "connection refused". No cluster needed, nothing leaves the machine.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createExecaRunner } from '../../../../src/grader/exec/runner.ts';
import { KubectlArgs } from '../../../../src/grader/cluster/common/kubectl.ts';
import { READ_SCRIPT, WRITE_SCRIPT } from '../../../../src/grader/cluster/common/file-scripts.ts';

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const PARSE_ERROR = /unknown (shorthand )?flag|flag needs an argument|invalid argument|unknown command|bad flag syntax|required flag|accepts \d+ arg|must specify/i;

describe.skipIf(!hasKubectl())('real kubectl accepts every argv we build', () => {
  let kubeconfig = '';
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'kubectl-flags-'));
    kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
        'contexts: [{name: pinned, context: {cluster: c, user: u}}]',
        'current-context: pinned',
        'users: [{name: u, user: {token: x}}]',
      ].join('\n'),
    );
  });

  const cases = (k: KubectlArgs): [string, string[], string?][] => [
    ['apply', k.apply(), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'course-t' } }] })],
    ['get', k.get('Pod', 'cache-pod')],
    ['get cluster-scoped', k.get('StorageClass', 'course-fast')],
    ['list', k.list('Pod', { app: 'web' })],
    ['delete wait', k.delete('PersistentVolume', 'course-pv', { wait: true })],
    ['delete no wait', k.delete('PersistentVolumeClaim', 'course-pvc', { wait: false })],
    ['deletePod', k.deletePod('cache-pod')],
    ['deleteAllPods', k.deleteAllPods()],
    ['deleteLabelled', k.deleteLabelled(['PersistentVolume', 'StorageClass'], { 'storage-course/run': 't' })],
    ['deleteRunNamespaces', k.deleteRunNamespaces()],
    ['scale', k.scale('StatefulSet', 'web', 1)],
    ['labelNode', k.labelNode('n1', { 'storage-course/role': 'data' })],
    ['unlabelNode', k.unlabelNode('n1', ['storage-course/role'])],
    ['exec write', k.exec('p', 'c', WRITE_SCRIPT, [`/a'; rm -rf / #`, 'data'], false)],
    ['exec read', k.exec('p', 'c', READ_SCRIPT, ['/cache/token'], false)],
    ['describe', k.describe('Pod', 'p')],
    ['events', k.events('Pod', 'p')],
    ['podWarnings', k.podWarnings()],
    ['logs previous', k.logs('p', 'c', true)],
    ['nodes', k.nodes()],
    ['version', k.version()],
  ];

  it('with --kubeconfig (kind) and with --context (current)', async () => {
    const runner = createExecaRunner();
    const targets = [new KubectlArgs({ kubeconfig }, 'course-t'), new KubectlArgs({ context: 'pinned' }, 'course-t')];
    for (const [i, k] of targets.entries()) {
      for (const [name, argv, input] of cases(k)) {
        const env = i === 1 ? { KUBECONFIG: kubeconfig } : undefined;
        const r = await runner.run('kubectl', argv, { input, reject: false, timeoutMs: 20_000, env });
        const out = `${name}: ${r.stderr}${r.stdout}`;
        expect(out, out).not.toMatch(PARSE_ERROR);
        expect(out, out).toMatch(/refused|unable to connect|couldn't get current server/i);
      }
    }
  }, 120_000);
});
