/**
 * Whether `npm run cluster:down` may remove the Docker network "kind" that kind made for its
 * clusters. Only when no container is attached to it, running or stopped: a stopped container
 * (another kind cluster of the user's, after a reboot) keeps its attachment and cannot start again
 * once the network is gone. `docker network inspect` lists running containers only (moby#17403), so
 * the answer comes from `docker ps -a --filter network=kind`, which also lists stopped ones.
 * When Docker does not answer either question the network is kept: removing is never the default.
 */
import type { CommandRunner } from '../grader/exec/runner.ts';

export const KIND_NETWORK = 'kind';

export type KindNetworkDecision =
  /** There is no such network: nothing to remove. */
  | { remove: false; why: 'absent' }
  /** Containers, running or stopped, are attached (their names). */
  | { remove: false; why: 'in-use'; containers: string[] }
  /** Docker could not list the containers (its first line of output): keep the network. */
  | { remove: false; why: 'unknown'; detail: string }
  | { remove: true };

export async function kindNetworkDecision(runner: CommandRunner, network: string = KIND_NETWORK): Promise<KindNetworkDecision> {
  const inspect = await runner.run('docker', ['network', 'inspect', network, '--format', '{{.Name}}'], { reject: false, timeoutMs: 30_000 });
  if (inspect.exitCode !== 0 || inspect.failure) {
    // "No such network" is the only failure that means absent; anything else is a Docker that does not answer.
    return /no such network|not found/i.test(inspect.stderr) ? { remove: false, why: 'absent' } : { remove: false, why: 'unknown', detail: firstLine(inspect.stderr || inspect.stdout) };
  }
  const ps = await runner.run('docker', ['ps', '--all', '--no-trunc', '--filter', `network=${network}`, '--format', '{{.Names}}'], { reject: false, timeoutMs: 30_000 });
  if (ps.exitCode !== 0 || ps.failure) return { remove: false, why: 'unknown', detail: firstLine(ps.stderr || ps.stdout) };
  const containers = ps.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return containers.length > 0 ? { remove: false, why: 'in-use', containers } : { remove: true };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] || 'no output';
}
