/**
 * The smoke test that ends `npm run cluster:up` (cluster/node/smoke.yaml): a Pod on one worker
 * reaches a Pod on the other by Pod IP, and cluster DNS answers for the kubernetes Service. It
 * proves what course-cni and the course engine's bridge must give, before any lesson relies on it.
 * Contract: the namespace course-smoke is deleted whatever the outcome; a first apply refused because
 * the namespace's default ServiceAccount does not exist yet is retried once it does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { fill, type Localized } from '../i18n/lang.ts';
import { msg } from './messages.ts';
import type { StepContext } from './run-steps.ts';
import { StepFailedError } from './run-steps.ts';

export const SMOKE_NAMESPACE = 'course-smoke';

/** The smoke manifests for two worker nodes. */
export function smokeManifest(root: string, nodeA: string, nodeB: string): string {
  return readFileSync(join(root, 'cluster', 'node', 'smoke.yaml'), 'utf8').replaceAll('NODE_A', nodeA).replaceAll('NODE_B', nodeB);
}

export async function smokeTest(root: string, kubectl: string, kubeconfig: string, cluster: string, ctx: StepContext, lang: 'en' | 'zh-cn'): Promise<Localized> {
  /** kubectl's stdout; its command and output go to the step's log. Rejects on a non-zero exit. */
  const k = async (args: string[], input?: string): Promise<string> => {
    ctx.log(`$ kubectl ${args.join(' ')}`);
    const r = await execa(kubectl, ['--kubeconfig', kubeconfig, ...args], { input, reject: false, cancelSignal: ctx.signal, timeout: 150_000, all: true });
    ctx.log(r.all ?? '');
    if (r.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')}: exit ${r.exitCode}`);
    return r.stdout;
  };
  const [a, b] = [`${cluster}-worker`, `${cluster}-worker2`];
  const ns = ['-n', SMOKE_NAMESPACE];
  try {
    // Pods applied in the same breath as their new namespace are refused until the namespace's
    // default ServiceAccount exists; wait for it, then apply again (apply is idempotent).
    const manifest = smokeManifest(root, a, b);
    await k(['apply', '-f', '-'], manifest).catch(async () => {
      await k([...ns, 'wait', '--for=create', 'serviceaccount/default', '--timeout=60s']);
      await k(['apply', '-f', '-'], manifest);
    });
    await k([...ns, 'wait', '--for=condition=Ready', 'pod/server', 'pod/client', '--timeout=120s']);
    const ip = (await k([...ns, 'get', 'pod', 'server', '-o', 'jsonpath={.status.podIP}'])).trim();
    // nc, not wget: Debian's static busybox wget crashes (exit 139) in these images.
    const page = await k([...ns, 'exec', 'client', '--', 'sh', '-c', `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 10 ${ip} 8080`]).catch(() => '');
    if (!page.includes('course-smoke-ok')) throw new StepFailedError('smoke', [fill(msg.smokeNoPodNetwork, { from: b, to: a, ip })[lang]]);
    const dns = await k([...ns, 'exec', 'client', '--', 'nslookup', 'kubernetes.default.svc.cluster.local']).catch(() => '');
    if (!/Address:?\s+10\.96\.0\.1\b/.test(dns)) throw new StepFailedError('smoke', [msg.smokeNoDns[lang]]);
    return fill(msg.smokeOk, { from: b, to: a });
  } finally {
    await k(['delete', 'namespace', SMOKE_NAMESPACE, '--wait=false', '--ignore-not-found']).catch(() => '');
  }
}
