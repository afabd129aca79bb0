/**
 * Node access on someone else's cluster: a short-lived privileged helper pod on the node (host PID
 * namespace, the node's / at /host), the equivalent of `kubectl debug node/<node>` but with a fixed
 * argv, a run label, a known exit code and deletion right after. Kill = `chroot /host crictl stop
 * --timeout 0 <id>`. The helpers run in a namespace of their own (labels.ts helperNamespace), made
 * on the first use and deleted by release(): the only namespace the run labels Pod Security
 * `privileged`, so the run namespace, where the student's objects go, keeps the cluster's policy.
 */
import { ExecError, type Clock, type K8sObject } from '../cluster.ts';
import { fill } from '../../../i18n/lang.ts';
import type { NodeAccess } from '../common/backend.ts';
import { crictlStopArgs } from '../common/crictl.ts';
import { ABSENT_EXIT, READ_SCRIPT, readOutcome } from '../common/file-scripts.ts';
import { assertName } from '../common/kinds.ts';
import type { Kube } from '../common/kube.ts';
import { HELPER_IMAGE, helperNamespace, PSA_PRIVILEGED, RUN_LABEL } from '../common/labels.ts';
import { msg } from '../common/messages.ts';
import { pollUntil } from '../common/poll.ts';
import { createRunNamespace } from '../common/run-namespace.ts';
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
  /** kubectl on the run's cluster (any namespace: the helpers go to their own). */
  kube: Kube;
  runId: string;
  clock: Clock;
  /** Trace lines. */
  note?: (line: string) => void;
}

/** How long release() waits for the helper namespace to be gone. */
export const HELPER_NAMESPACE_GONE_MS = 60_000;

/** Runs command on node in a helper pod in kube's namespace; resolves with its exit code and everything it printed. */
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

export function helperPodNodeAccess(base: HelperContext): NodeAccess {
  const namespace = helperNamespace(base.runId);
  const ctx: HelperContext = { ...base, kube: base.kube.inNamespace(namespace) };
  const note = base.note ?? (() => {});
  let created = false;
  let ready: Promise<void> | undefined;
  const run = async (node: string, command: string[]) => {
    ready ??= createRunNamespace(ctx.kube, { runId: ctx.runId, clock: ctx.clock, note, labels: PSA_PRIVILEGED, onCreated: () => (created = true) }).catch((err) => {
      ready = undefined;
      throw err;
    });
    await ready;
    return runOnNode(ctx, node, command);
  };
  const fail = (what: string, r: { exitCode: number; output: string }) =>
    new ExecError(`could not ${what}: exit ${r.exitCode}${r.exitCode === 127 ? ' (command not found on the node)' : ''}: ${r.output.trim().split('\n').slice(-5).join('\n')}`);
  return {
    async killContainer(node, containerId) {
      const r = await run(node, ['chroot', '/host', ...crictlStopArgs(containerId)]);
      if (r.exitCode !== 0) throw fail(`stop container ${containerId} on ${node} with crictl`, r);
    },
    async readFile(node, path) {
      const r = await run(node, ['sh', '-c', READ_SCRIPT, '--', `/host${path}`]);
      // Pod logs merge stdout and stderr: the absent marker arrives in the same stream.
      const outcome = { stdout: r.output, stderr: r.exitCode === ABSENT_EXIT ? r.output : '', exitCode: r.exitCode, durationMs: 0, command: 'node helper' };
      if (r.exitCode !== 0 && r.exitCode !== ABSENT_EXIT) throw fail(`read ${path} on ${node}`, r);
      return readOutcome(outcome, `node ${node}`);
    },
    async makeDir(node, path) {
      const r = await run(node, ['mkdir', '-p', '--', `/host${path}`]);
      if (r.exitCode !== 0) throw fail(`create ${path} on ${node}`, r);
    },
    async removeDir(node, path) {
      const r = await run(node, ['rm', '-rf', '--', `/host${assertScopedDir(path)}`]);
      if (r.exitCode !== 0) throw fail(`remove ${path} on ${node}`, r);
    },
    async release() {
      if (!created) return;
      const { kube } = ctx;
      await kube.run(kube.args.delete('Namespace', namespace, { wait: false }));
      created = false;
      ready = undefined;
      const gone = await pollUntil(async () => ((await kube.get('Namespace', namespace)) ? undefined : true), { timeoutMs: HELPER_NAMESPACE_GONE_MS, intervalMs: 1_000, clock: ctx.clock });
      if (!gone) note(`namespace ${namespace} is still terminating after ${HELPER_NAMESPACE_GONE_MS / 1000} s`);
    },
  };
}
