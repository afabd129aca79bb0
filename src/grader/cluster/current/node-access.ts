/**
 * Node access on someone else's cluster: a short-lived privileged helper pod on the node (host PID
 * namespace, the node's / at /host), the equivalent of `kubectl debug node/<node>` but with a fixed
 * argv, a run label, a known exit code and deletion right after. Kill = `chroot /host crictl stop
 * --timeout 0 <id>`.
 */
import { ExecError, type Clock, type K8sObject } from '../cluster.ts';
import { fill } from '../../../i18n/lang.ts';
import type { NodeAccess } from '../common/backend.ts';
import { ABSENT_EXIT, READ_SCRIPT, readOutcome } from '../common/file-scripts.ts';
import { assertName } from '../common/kinds.ts';
import type { Kube } from '../common/kube.ts';
import { HELPER_IMAGE, RUN_LABEL } from '../common/labels.ts';
import { msg } from '../common/messages.ts';
import { pollUntil } from '../common/poll.ts';
import { assertScopedDir } from '../common/run-scope.ts';

export const HELPER_TIMEOUT_MS = 90_000;

/** The helper pod running `command` on `node` with the host filesystem at /host. */
export function nodeHelperPod(name: string, namespace: string, runId: string, node: string, command: string[]): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { [RUN_LABEL]: runId, 'storage-course/helper': 'node' } },
    spec: {
      nodeName: assertName(node, 'node'),
      restartPolicy: 'Never',
      hostPID: true,
      terminationGracePeriodSeconds: 1,
      tolerations: [{ operator: 'Exists' }],
      containers: [
        {
          name: 'node',
          image: HELPER_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          command,
          securityContext: { privileged: true },
          volumeMounts: [{ name: 'host', mountPath: '/host' }],
        },
      ],
      volumes: [{ name: 'host', hostPath: { path: '/' } }],
    },
  };
}

export interface HelperContext {
  kube: Kube;
  runId: string;
  clock: Clock;
}

/** Runs command on node in a helper pod; resolves with its exit code and everything it printed. */
export async function runOnNode(ctx: HelperContext, node: string, command: string[]): Promise<{ exitCode: number; output: string }> {
  const { kube } = ctx;
  const name = `course-node-${Math.random().toString(36).slice(2, 8)}`;
  await kube.apply([nodeHelperPod(name, kube.args.namespace, ctx.runId, node, command)]);
  try {
    const exitCode = await pollUntil(
      async () => {
        const pod = await kube.get('Pod', name);
        const done = pod?.status?.containerStatuses?.[0]?.state?.terminated;
        return typeof done?.exitCode === 'number' ? (done.exitCode as number) : undefined;
      },
      { timeoutMs: HELPER_TIMEOUT_MS, intervalMs: 500, clock: ctx.clock },
    );
    if (exitCode === undefined) {
      const view = await kube.pod(name);
      const detail = view ? `${view.phase}${view.containers[0]?.reason ? ` (${view.containers[0].reason}: ${view.containers[0].message ?? ''})` : ''}` : 'gone';
      throw new ExecError(fill(msg.nodeHelperFailed, { node, detail }).en);
    }
    const output = (await kube.run(kube.args.logs(name, 'node', false), { reject: false })).stdout;
    return { exitCode, output };
  } finally {
    await kube.run(kube.args.delete('Pod', name, { wait: false }), { reject: false });
  }
}

export function helperPodNodeAccess(ctx: HelperContext): NodeAccess {
  const fail = (what: string, r: { exitCode: number; output: string }) =>
    new ExecError(`could not ${what}: exit ${r.exitCode}${r.exitCode === 127 ? ' (command not found on the node)' : ''}: ${r.output.trim().split('\n').slice(-5).join('\n')}`);
  return {
    async killContainer(node, containerId) {
      const r = await runOnNode(ctx, node, ['chroot', '/host', 'crictl', 'stop', '--timeout', '0', containerId]);
      if (r.exitCode !== 0) throw fail(`stop container ${containerId} on ${node} with crictl`, r);
    },
    async readFile(node, path) {
      const r = await runOnNode(ctx, node, ['sh', '-c', READ_SCRIPT, '--', `/host${path}`]);
      // Pod logs merge stdout and stderr: the absent marker arrives in the same stream.
      const outcome = { stdout: r.output, stderr: r.exitCode === ABSENT_EXIT ? r.output : '', exitCode: r.exitCode, durationMs: 0, command: 'node helper' };
      if (r.exitCode !== 0 && r.exitCode !== ABSENT_EXIT) throw fail(`read ${path} on ${node}`, r);
      return readOutcome(outcome, `node ${node}`);
    },
    async makeDir(node, path) {
      const r = await runOnNode(ctx, node, ['mkdir', '-p', '--', `/host${path}`]);
      if (r.exitCode !== 0) throw fail(`create ${path} on ${node}`, r);
    },
    async removeDir(node, path) {
      const r = await runOnNode(ctx, node, ['rm', '-rf', '--', `/host${assertScopedDir(path)}`]);
      if (r.exitCode !== 0) throw fail(`remove ${path} on ${node}`, r);
    },
  };
}
